import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { Socket } from 'node:net'

/**
 * fast-check's parameters for the fuzz suites. The seed is fixed unless FUZZ_SEED says otherwise, so a CI run
 * judges the code, not the draw; `FUZZ_SEED=random` (or any number) explores elsewhere. On a failure fast-check
 * prints the seed and path that replay it.
 *
 * @example
 * await fc.assert(property, fuzzParameters(10_000))
 */
export function fuzzParameters(numRuns: number): { numRuns: number; seed: number } {
  const chosen = process.env.FUZZ_SEED ?? '20260520'
  const seed = chosen === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(chosen)
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or "random", not ${chosen}`)
  return { numRuns, seed }
}

/** What a keep-alive client got back for one request. */
export interface KeptAliveReply {
  status: number
  headers: IncomingHttpHeaders
  text: string
  /** It went on a connection an earlier request had used. */
  reused: boolean
}

/**
 * A node:http client that sends every request to `base` over at most `sockets` keep-alive connections, so each
 * connection carries many requests, one after another: what a server-side client (an SSR app, a proxy) does. A
 * request left unanswered for `timeoutMs` fails, rather than waiting for the server's own timeouts.
 *
 * @example
 * const client = keepAliveClient(server.url, 2)
 * const reply = await client.send('GET', '/me', { Authorization: 'Bearer pk_monogram_write' })
 * client.close()
 */
export function keepAliveClient(base: string, sockets = 1, timeoutMs = 5000) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets })
  const connections = new Set<Socket>()
  return {
    /** `body` in `chunks` writes; without a Content-Length then (chunked), as a streaming client sends it. */
    send(method: string, path: string, headers: Record<string, string>, body?: Buffer, chunks = 0): Promise<KeptAliveReply> {
      const streamed = body !== undefined && chunks > 0
      const sentHeaders = body === undefined || streamed ? headers : { ...headers, 'Content-Length': String(body.length) }
      return new Promise((resolve, reject) => {
        const request = httpRequest(`${base}${path}`, { agent, method, headers: sentHeaders }, (response) => {
          let text = ''
          response.setEncoding('utf8')
          response.on('data', (chunk: string) => (text += chunk))
          response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, text, reused: request.reusedSocket }))
        })
        request.on('socket', (socket) => connections.add(socket))
        request.on('error', reject)
        request.setTimeout(timeoutMs, () => request.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)))
        if (streamed) {
          const size = Math.ceil(body.length / chunks)
          for (let start = 0; start < body.length; start += size) request.write(body.subarray(start, start + size))
        }
        request.end(streamed ? undefined : body)
      })
    },
    /** How many connections the client has opened so far. */
    connections: () => connections.size,
    close: () => agent.destroy(),
  }
}
