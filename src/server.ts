import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { getResponse } from 'msw'
import { adminHandlers } from '../handlers/admin.js'
import { errorResponse } from './contract/envelope.js'
import { RasterError } from './contract/errors.js'
import { createRasterMock, type RasterMock } from './index.js'
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

function toRequest(incoming: IncomingMessage, origin: string): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  const method = incoming.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  return new Request(new URL(incoming.url ?? '/', origin), {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(incoming) as ReadableStream) : undefined,
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
  const { port = 4010, host = '127.0.0.1', log = true, admin = true, ...mockOptions } = options
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  const url = `http://${publicHost}:${actualPort}`
  const mock = createRasterMock({ ...mockOptions, baseUrl: url, cdnUrl: `${url}/cdn` })
  // Before the API's handlers, whose catch-all would answer ENDPOINT_NOT_FOUND for /__mock.
  const handlers = admin ? [...adminHandlers(mock), ...mock.handlers] : mock.handlers

  server.on('request', async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const started = performance.now()
    let response: Response
    try {
      if (incoming.method === 'OPTIONS') response = new Response(null, { status: 204 })
      else {
        const request = toRequest(incoming, url)
        response = (await getResponse(handlers, request)) ?? errorResponse(new RasterError('ENDPOINT_NOT_FOUND'))
      }
    } catch (error) {
      response = errorResponse(error)
    }
    // The network-error scenario: close the connection without a response, so the client's fetch rejects.
    if (response.type === 'error') outgoing.destroy()
    else await send(response, outgoing).catch(() => outgoing.destroy())
    if (log) console.log(`${incoming.method} ${incoming.url} ${response.status} ${(performance.now() - started).toFixed(1)}ms`)
  })

  return {
    url,
    mock,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
