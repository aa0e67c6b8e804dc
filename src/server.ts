import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { getResponse } from 'msw'
import { adminHandlers } from '../handlers/admin.js'
import { openApiHandler } from '../handlers/openapi.js'
import { restAnswerer } from '../handlers/rest.js'
import { errorAnswer, isResponse, type Answer, type JsonAnswer } from './contract/envelope.js'
import { requestHead } from './contract/request-head.js'
import { RasterError, messages } from './contract/errors.js'
import { MB } from './config.js'
import { BoundedCache } from './util/bounded-cache.js'
import { demoHandlers } from './demo.js'
import { createRasterMock, type RasterMock } from './index.js'
import { failureCode } from './request-log.js'
import type { RasterMockOptions } from './runtime.js'
import { graphqlLabel, mcpLabel, reachableHosts, targetUrl } from './server-support.js'

export interface ServerOptions extends Omit<RasterMockOptions<string>, 'baseUrl' | 'cdnUrl'> {
  /** Default 4010; 0 picks a free port. */
  port?: number
  /** Default 127.0.0.1: the mock is not reachable from other machines unless you say so. */
  host?: string
  /** Print one line per request. Default true. */
  log?: boolean
  /** Serve the control routes under `/__mock` (docs/scenarios.md, "Against the standalone server"). Default true; `--no-admin` turns them off. */
  admin?: boolean
  /** Largest request body read, in bytes; a larger one is refused with PAYLOAD_TOO_LARGE before it is buffered. Default 256 MB. */
  maxBodyBytes?: number
  /** A client has this long to send its headers (slow clients are cut off), in ms. Default 10 s. */
  headersTimeoutMs?: number
  /** A client has this long to send its whole request, in ms. Default 2 min. */
  requestTimeoutMs?: number
  /**
   * Origins (`http://localhost:5173`) whose pages may call the control routes. Any other `Origin` but the
   * server's own is refused 403 there, so a web page cannot reset or switch a developer's mock. Default none.
   */
  adminOrigins?: string[]
}

export interface RunningServer {
  /** Where the API is served, e.g. `http://127.0.0.1:4010`. */
  url: string
  /** Every URL the server is reachable at: `url` alone, or with `--host 0.0.0.0` one per network address. */
  addresses: string[]
  mock: RasterMock
  server: Server
  /** Stops the server, dropping the connections still open; resolves once it is closed. */
  close(): Promise<void>
}

const corsRules = {
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'Authorization, Api-Version, Content-Type, Apollo-Require-Preflight, X-Mock-Scenario, X-Mock-Error, X-Mock-Session, X-Mock-Now, Mcp-Protocol-Version, Mcp-Method, Mcp-Name',
  'Access-Control-Max-Age': '600',
}
/** The API answers any origin (docs/contract.md, "The standalone server"). */
const apiCors = { 'Access-Control-Allow-Origin': '*', ...corsRules }

/**
 * Methods some route answers. Any other (TRACE, PROPFIND, …) is an unknown endpoint on every path; the Fetch
 * API cannot even build a Request for TRACE, so they must not reach msw.
 */
const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/** The MCP server's paths on the server's origin: `/mcp` and `/mcp/anonymous`. */
const isMcpPath = (path: string) => path === '/mcp' || path.startsWith('/mcp/')

/** The first bytes of a GraphQL or MCP body are kept for the log line, which names the operation or the tool. */
const LABEL_BYTES = 16 * 1024

/**
 * The body as a web stream that fails once more than `maxBytes` have arrived, so an oversized upload is refused
 * while it streams instead of being buffered. Read from `incoming`'s events, not its iterator, so that `drain` can
 * take over what the handler left unread.
 */
function limitedBody(incoming: IncomingMessage, maxBytes: number, keepBytes: number) {
  let received = 0
  const kept: Buffer[] = []
  /** Chunks go to the handler's stream until it is done with them (closed, failed or given up). */
  let open = true
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const settle = (end: () => void) => {
    if (open) end()
    open = false
  }
  const stream = new ReadableStream<Uint8Array>(
    {
      start: (started) => void (controller = started),
      pull: () => void incoming.resume(),
      // The handler gave up on the body: what is left of it is read and dropped.
      cancel: () => {
        open = false
        incoming.resume()
      },
    },
    { highWaterMark: incoming.readableHighWaterMark, size: (chunk) => chunk.byteLength },
  )
  incoming.on('data', (chunk: Buffer) => {
    if (received < keepBytes) kept.push(chunk.subarray(0, keepBytes - received))
    received += chunk.length
    if (received > maxBytes) {
      incoming.pause()
      incoming.removeAllListeners('data')
      settle(() => controller.error(new Error('Request body over the limit')))
    } else if (open) {
      // A copy, as Readable.toWeb makes: the chunk may be a slice of a buffer the socket reuses.
      controller.enqueue(new Uint8Array(chunk))
      if (controller.desiredSize! <= 0) incoming.pause()
    }
  })
  incoming.on('end', () => settle(() => controller.close()))
  incoming.on('error', (error) => settle(() => controller.error(error)))
  incoming.on('close', () => settle(() => controller.error(new Error('The request body ended early'))))
  incoming.pause()
  return {
    stream,
    overflowed: () => received > maxBytes,
    /** The whole body as text when it was at most `keepBytes` long, else undefined. */
    kept: () => (received <= keepBytes ? Buffer.concat(kept).toString() : undefined),
    /**
     * Once the request is answered: reads and drops what the handler left unread (an answer that came before the
     * body was read: a wrong key, an unknown path), so the connection can carry the next request. Node would not:
     * it drains only a body nobody started reading.
     */
    drain() {
      settle(() => controller.error(new Error('The request was answered')))
      incoming.resume()
    },
  }
}

const tooLarge = () => errorAnswer(new RasterError('PAYLOAD_TOO_LARGE'))

/** The path of a target that is no URL at all: no route has it. */
const NO_PATH = '\u0000'

/** Answers on the raw socket, for what never becomes a request (malformed HTTP, CONNECT), and closes it. */
function rawReply(socket: Duplex, status: string, error: RasterError): void {
  if (!socket.writable) return void socket.destroy()
  const body = JSON.stringify({ error })
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nVary: Api-Version\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}

function toRequest(incoming: IncomingMessage, target: URL, body?: ReadableStream): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  return new Request(target, {
    method: incoming.method,
    headers,
    body,
    duplex: 'half',
  } as RequestInit)
}

/** Replaces the server's URL (`from`, with its trailing slash) with the one the client used (`to`). */
type UrlRewrite = { from: string; to: string } | undefined

/**
 * Writes `answer` to the client: a JSON answer's bytes as they are; a response's body, when the mock has not got
 * it at hand (a CDN image padded to gigabytes, say), streamed chunk by chunk as the client takes it, never held
 * whole. Rejects when the client went away (or the body failed) before the last byte.
 */
async function send(answer: Answer, outgoing: ServerResponse, cors: Record<string, string>, rewrite: UrlRewrite): Promise<void> {
  if (!isResponse(answer)) return sendJson(answer, outgoing, cors, rewrite)
  const headers = new Headers(cors)
  // Both may vary the response: the API by Api-Version, the control routes' CORS grant by Origin.
  answer.headers.forEach((value, name) => (name === 'vary' ? headers.append(name, value) : headers.set(name, value)))
  const rewritten = rewrite && /json/.test(headers.get('Content-Type') ?? '')
  if (!rewritten && answer.body) {
    outgoing.writeHead(answer.status, Object.fromEntries(headers))
    return pipeline(Readable.fromWeb(answer.body as NodeReadableStream), outgoing)
  }
  let body = Buffer.from(await answer.arrayBuffer())
  if (rewritten) {
    body = withClientUrls(body, rewrite)
    headers.set('Content-Length', String(body.length))
  }
  outgoing.writeHead(answer.status, Object.fromEntries(headers))
  outgoing.end(body)
}

/**
 * The mock builds its URLs (asset and image URLs) from `url`. A client that reached the server by another of its
 * addresses gets them with that one: a plain text replacement, not a JSON parse, and only for those clients.
 */
const withClientUrls = (body: Uint8Array, { from, to }: NonNullable<UrlRewrite>) =>
  Buffer.from(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString().replaceAll(from, to))

/** A JSON answer: its bytes to the socket, with the headers a Response of it would give (see `send`). */
function sendJson({ status, headers, body }: JsonAnswer, outgoing: ServerResponse, cors: Record<string, string>, rewrite: UrlRewrite): void {
  const written = body && rewrite ? withClientUrls(body, rewrite) : body
  const merged = mergedHeaders(cors, headers)
  if (written !== body) merged['content-length'] = String(written!.byteLength)
  outgoing.writeHead(status, merged)
  outgoing.end(written ?? undefined)
}

/**
 * `cors` and then `headers` as `new Headers(cors)` with each of `headers` set (Vary appended) gives them, written
 * the same: names in lower case, in order. The order is worked out once per set of names (an answer's are a few).
 */
function mergedHeaders(cors: Record<string, string>, headers: Readonly<Record<string, string>>): Record<string, string> {
  const merged: Record<string, string> = {}
  for (const name in cors) merged[name.toLowerCase()] = cors[name]!
  for (const name in headers) {
    const key = name.toLowerCase()
    merged[key] = key === 'vary' && merged.vary !== undefined ? `${merged.vary}, ${headers[name]}` : headers[name]!
  }
  const names = Object.keys(merged)
  const signature = names.join('\n')
  let order = headerOrders.peek(signature)
  if (!order) headerOrders.set(signature, (order = [...names].sort()))
  const sorted: Record<string, string> = {}
  for (const name of order) sorted[name] = merged[name]!
  return sorted
}

/** Header names in the order Headers gives them, by the names in the order they were merged. */
const headerOrders = new BoundedCache<string, readonly string[]>({ maxEntries: 64 })

/**
 * The standalone server: node:http in front of the same msw handlers, on its own origin (`npx raster-mock` runs
 * it). Takes `createRasterMock`'s options but the URLs, and the server's own; resolves once it listens.
 *
 * @example
 * import { startServer } from './src/server.js'
 *
 * const server = await startServer({ port: 0, log: false, scenario: 'library-locked' })
 * const response = await fetch(`${server.url}/me`, {
 *   headers: { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' },
 * })
 * await server.close()
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const {
    port = 4010,
    host = '127.0.0.1',
    log = true,
    admin = true,
    maxBodyBytes = 256 * MB,
    headersTimeoutMs = 10_000,
    requestTimeoutMs = 120_000,
    adminOrigins = [],
    ...mockOptions
  } = options
  const server = createServer({
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    // Node checks the two timeouts above on this interval (30 s by default, too coarse for slow clients).
    connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
  })
  // Malformed HTTP never reaches a handler: answer it in the envelope and drop the connection.
  server.on('clientError', (_error, socket) => rawReply(socket, '400 Bad Request', new RasterError('BAD_USER_INPUT', messages.malformedHttp)))
  // CONNECT is not a request to any path of the API (Node hands it over as a tunnel).
  server.on('connect', (_request, socket) => rawReply(socket, '404 Not Found', new RasterError('ENDPOINT_NOT_FOUND')))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  const url = `http://${publicHost}:${actualPort}`
  const ownHosts = reachableHosts(host, actualPort)
  // A name per address, once: not `localhost` (127.0.0.1 says it) nor the wildcard itself.
  const listed = [...ownHosts].filter((name) => !/^(localhost|0\.0\.0\.0|\[::\])(:|$)/.test(name))
  const addresses = [...new Set([url, ...listed.map((name) => `http://${name}`)])]
  const allowedAdminOrigins = new Set(adminOrigins.map((origin) => new URL(origin).origin))
  /** Same origin: the page was served by this server, under one of its own names (not a rebound DNS name). */
  const isOwnOrigin = (origin: string) => origin.startsWith('http://') && ownHosts.has(origin.slice('http://'.length).toLowerCase())
  // The names the control routes answer to: the server's own, the loopback names (no DNS name can rebind those),
  // and those of the allowed origins (a dev server that proxies /__mock passes its own Host on).
  const adminHosts = new Set([...ownHosts, ...reachableHosts('::1', actualPort), ...[...allowedAdminOrigins].map((origin) => new URL(origin).host)])
  /**
   * A page of another origin must not drive the control routes; curl and test runners send no Origin. Nor may a
   * page on a DNS name rebound to the server, whose same-origin GETs carry no Origin but its name as Host.
   */
  const adminAllows = (origin: string | undefined, host: string | undefined) =>
    (origin === undefined || isOwnOrigin(origin) || allowedAdminOrigins.has(origin)) && (host === undefined || adminHosts.has(host.toLowerCase()))
  // The control routes are not CORS-open: only the allowed origins, by name.
  const adminCors = (origin: string | undefined): Record<string, string> =>
    origin !== undefined && allowedAdminOrigins.has(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', ...corsRules } : {}
  const mock = createRasterMock({ ...mockOptions, baseUrl: url, cdnUrl: `${url}/cdn`, mcpUrl: `${url}/mcp` })
  // An eviction is news to whoever runs the server: a session's writes are gone (README, "Worlds, sessions and reset").
  if (log) mock.runtime.requests.subscribe(({ notice }) => notice && console.log(`note: ${notice}`))
  // Before the API's handlers, whose catch-all would answer ENDPOINT_NOT_FOUND for /__mock.
  const serverHandlers = [...demoHandlers(url), ...(admin ? adminHandlers(mock) : []), ...mock.handlers]
  const ownRoute = (path: string) => path === '/' || path.startsWith('/__mock/') || path.startsWith('/__demo/')
  // REST paths skip msw's interception layer (building its request copy, matching each handler): the same
  // function its REST handler calls answers them, through the same pipeline (src/runtime/pipeline.ts). GraphQL and
  // the CDN, and the server's own routes, go through msw.
  // A request without a body reaches REST as a request head over Node's headers, and its answer's bytes go to the
  // socket: no web Request or Response is made for it (they cost more than the rest of the answer).
  const rest = restAnswerer(mock.runtime)
  const answer = async (incoming: IncomingMessage, path: string, target: URL, body?: ReadableStream): Promise<Answer | undefined> => {
    if (ownRoute(path)) return getResponse(serverHandlers, toRequest(incoming, target, body))
    const request = body ? toRequest(incoming, target, body) : requestHead(incoming.method!, target.href, incoming.headers)
    return (await rest(request, target)) ?? (await getResponse(mock.handlers, request instanceof Request ? request : toRequest(incoming, target)))
  }
  /** How the client reached the server: its `Host` when that is one of the server's names, else `url`. */
  const originOf = (incoming: IncomingMessage) => {
    const hostHeader = incoming.headers.host?.toLowerCase()
    return hostHeader && ownHosts.has(hostHeader) ? `http://${hostHeader}` : url
  }
  // One OpenAPI document per name the server answers by (a few), so `servers` is the URL the client used.
  const openApiHandlers = new Map<string, ReturnType<typeof openApiHandler>>()
  const openApiFor = (origin: string) => openApiHandlers.get(origin) ?? openApiHandlers.set(origin, openApiHandler(origin, mock.runtime.currentVersion)).get(origin)!

  server.on('request', async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const started = performance.now()
    const method = incoming.method ?? 'GET'
    const target = targetUrl(incoming.url ?? '/', url)
    const path = target?.pathname ?? NO_PATH
    const control = admin && (path === '/__mock' || path.startsWith('/__mock/'))
    const origin = incoming.headers.origin
    let response: Answer
    let body: ReturnType<typeof limitedBody> | undefined
    /** The client did not get the whole answer: it went away, or the answer's body failed midway. */
    let aborted = false
    try {
      if (!knownMethods.has(method) || path === NO_PATH) response = errorAnswer(new RasterError('ENDPOINT_NOT_FOUND'))
      else if (control && !adminAllows(origin, incoming.headers.host)) response = errorAnswer(new RasterError('FORBIDDEN', messages.controlRoutesForbidden))
      else if (method === 'OPTIONS') response = new Response(null, { status: 204 })
      else if (Number(incoming.headers['content-length'] ?? 0) > maxBodyBytes) response = tooLarge()
      else if (path === '/openapi.json' && method === 'GET') {
        const origin = originOf(incoming)
        response = (await getResponse([openApiFor(origin)], toRequest(incoming, targetUrl(incoming.url ?? '/', origin)!)))!
      } else {
        const labelled = log && method === 'POST' && (path === '/' || isMcpPath(path))
        body = method === 'GET' || method === 'HEAD' ? undefined : limitedBody(incoming, maxBodyBytes, labelled ? LABEL_BYTES : 0)
        // `target` is a URL here: a target that is no URL was answered above.
        response = (await answer(incoming, path, target!, body?.stream)) ?? errorAnswer(new RasterError('ENDPOINT_NOT_FOUND'))
        // The handler saw an unreadable body; the client should learn it was too large.
        if (body?.overflowed()) response = tooLarge()
      }
    } catch (error) {
      response = errorAnswer(error)
    }
    // A refused body is not read; close the connection rather than drain what is left of it.
    if ((response.status === 413 || response.status === 403) && !incoming.readableEnded) outgoing.setHeader('Connection', 'close')
    // Any other answer that came before the end of the body. The rest of a body of known length (at most the limit,
    // or it was refused) is read and dropped: the next request on the connection comes after it. One of unknown
    // length (chunked) could go on past the limit: the connection closes, and the client knows it from the answer.
    else if (body && !incoming.readableEnded) {
      if (incoming.headers['content-length'] === undefined) outgoing.setHeader('Connection', 'close')
      else body.drain()
    }
    // Read before `send` consumes the body. Status 0 is the network-error scenario's closed connection.
    const code = log ? await failureCode(response) : null
    // The network-error scenario: close the connection without a response, so the client's fetch rejects.
    if (isResponse(response) && response.type === 'error') outgoing.destroy()
    else {
      const reachedAs = originOf(incoming)
      // A HEAD has no body to rewrite (its Content-Length is the canonical GET's).
      const rewrite = reachedAs === url || method === 'HEAD' ? undefined : { from: `${url}/`, to: `${reachedAs}/` }
      await send(response, outgoing, control ? adminCors(origin) : apiCors, rewrite).catch(() => {
        aborted = true
        outgoing.destroy()
      })
    }
    if (log) {
      const took = `${(performance.now() - started).toFixed(1)}ms`
      const label = !body ? undefined : path === '/' ? await graphqlLabel(body.kept(), incoming.headers['content-type']) : isMcpPath(path) ? mcpLabel(body.kept()) : undefined
      const fields = [method, incoming.url, response.status, code ?? (label ? undefined : '-'), label, aborted ? 'aborted' : undefined, took]
      console.log(fields.filter((field) => field !== undefined).join(' '))
    }
  })

  return {
    url,
    addresses,
    mock,
    server,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        // Connections still busy: an answer the client never read to its end (a streamed image left unread) would
        // keep its connection, and the server, open for ever.
        server.closeAllConnections()
      }),
  }
}
