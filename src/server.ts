import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { getResponse } from 'msw'
import { adminHandlers } from '../handlers/admin.js'
import { openApiHandler } from '../handlers/openapi.js'
import { errorResponse } from './contract/envelope.js'
import { RasterError, messages } from './contract/errors.js'
import { MB } from './config.js'
import { demoHandlers } from './demo.js'
import { createRasterMock, type RasterMock } from './index.js'
import { failureCode } from './request-log.js'
import type { RasterMockOptions } from './runtime.js'

export interface ServerOptions extends Omit<RasterMockOptions, 'baseUrl' | 'cdnUrl'> {
  /** Default 4010; 0 picks a free port. */
  port?: number
  /** Default 127.0.0.1: the mock is not reachable from other machines unless you say so. */
  host?: string
  /** Print one line per request. Default true. */
  log?: boolean
  /** Serve the control routes under `/__mock` (contract §7). Default true; `--no-admin` turns them off. */
  admin?: boolean
  /** Largest request body read, in bytes; a larger one is refused with PAYLOAD_TOO_LARGE before it is buffered. Default 256 MB. */
  maxBodyBytes?: number
  /** A client has this long to send its headers (slow clients are cut off), in ms. Default 10 s. */
  headersTimeoutMs?: number
  /** A client has this long to send its whole request, in ms. Default 2 min. */
  requestTimeoutMs?: number
}

export interface RunningServer {
  /** Where the API is served, e.g. `http://127.0.0.1:4010`. */
  url: string
  mock: RasterMock
  server: Server
  close(): Promise<void>
}

const corsHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'Authorization, Api-Version, Content-Type, Apollo-Require-Preflight, X-Mock-Scenario, X-Mock-Error, X-Mock-Session',
  'Access-Control-Max-Age': '600',
}

/**
 * The body as a web stream that fails once more than `maxBytes` have arrived,
 * so an oversized upload is refused while it streams instead of being buffered.
 */
function limitedBody(incoming: IncomingMessage, maxBytes: number) {
  let received = 0
  const body = Readable.from(
    (async function* () {
      for await (const chunk of incoming as AsyncIterable<Buffer>) {
        received += chunk.length
        if (received > maxBytes) throw new Error('Request body over the limit')
        yield chunk
      }
    })(),
  )
  return { stream: Readable.toWeb(body) as ReadableStream, overflowed: () => received > maxBytes }
}

const tooLarge = () => errorResponse(new RasterError('PAYLOAD_TOO_LARGE'))

function toRequest(incoming: IncomingMessage, origin: string, body?: ReadableStream): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  return new Request(new URL(incoming.url ?? '/', origin), {
    method: incoming.method,
    headers,
    body,
    duplex: 'half',
  } as RequestInit)
}

async function send(response: Response, outgoing: ServerResponse): Promise<void> {
  const headers: Record<string, string> = { ...corsHeaders }
  response.headers.forEach((value, name) => (headers[name] = value))
  outgoing.writeHead(response.status, headers)
  outgoing.end(Buffer.from(await response.arrayBuffer()))
}

/** The standalone server: node:http in front of the same msw handlers, on its own origin. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const {
    port = 4010,
    host = '127.0.0.1',
    log = true,
    admin = true,
    maxBodyBytes = 256 * MB,
    headersTimeoutMs = 10_000,
    requestTimeoutMs = 120_000,
    ...mockOptions
  } = options
  const server = createServer({
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    // Node checks the two timeouts above on this interval (30 s by default, too coarse for slow clients).
    connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
  })
  // Malformed HTTP never reaches a handler: answer it in the envelope and drop the connection.
  server.on('clientError', (_error, socket) => {
    if (!socket.writable) return socket.destroy()
    const body = JSON.stringify({ error: new RasterError('BAD_USER_INPUT', messages.malformedHttp) })
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nVary: Api-Version\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  const url = `http://${publicHost}:${actualPort}`
  const mock = createRasterMock({ ...mockOptions, baseUrl: url, cdnUrl: `${url}/cdn` })
  // Before the API's handlers, whose catch-all would answer ENDPOINT_NOT_FOUND for /openapi.json and /__mock.
  const serverHandlers = [openApiHandler(url), ...demoHandlers(url), ...(admin ? adminHandlers(mock) : []), ...mock.handlers]
  // msw tries handlers one at a time, each costing a URL match: the API's own paths skip the server's extra ones.
  const handlersFor = (path: string) =>
    path === '/' || path === '/openapi.json' || path.startsWith('/__mock/') || path.startsWith('/__demo/')
      ? serverHandlers
      : mock.handlers

  server.on('request', async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const started = performance.now()
    let response: Response
    try {
      const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD'
      if (incoming.method === 'OPTIONS') response = new Response(null, { status: 204 })
      else if (Number(incoming.headers['content-length'] ?? 0) > maxBodyBytes) response = tooLarge()
      else {
        const body = hasBody ? limitedBody(incoming, maxBodyBytes) : undefined
        response = (await getResponse(handlersFor(new URL(incoming.url ?? '/', url).pathname), toRequest(incoming, url, body?.stream))) ?? errorResponse(new RasterError('ENDPOINT_NOT_FOUND'))
        // The handler saw an unreadable body; the client should learn it was too large.
        if (body?.overflowed()) response = tooLarge()
      }
    } catch (error) {
      response = errorResponse(error)
    }
    // A refused body is not read; close the connection rather than drain what is left of it.
    if (response.status === 413 && !incoming.readableEnded) outgoing.setHeader('Connection', 'close')
    // Read before `send` consumes the body. Status 0 is the network-error scenario's closed connection.
    const code = log ? await failureCode(response) : null
    // The network-error scenario: close the connection without a response, so the client's fetch rejects.
    if (response.type === 'error') outgoing.destroy()
    else await send(response, outgoing).catch(() => outgoing.destroy())
    if (log) console.log(`${incoming.method} ${incoming.url} ${response.status} ${code ?? '-'} ${(performance.now() - started).toFixed(1)}ms`)
  })

  return {
    url,
    mock,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
