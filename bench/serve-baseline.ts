/**
 * The standalone section's baselines, each in a process of its own, answering the list request's bytes (read
 * from the file given) at any path, then printing their URL: `plain` is node:http writing the bytes (the
 * ceiling); `msw` turns each request into a fetch Request for msw's `getResponse` and a bare handler answering
 * the same bytes (what a server in front of msw handlers pays at least).
 */
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import { getResponse, http, HttpResponse } from 'msw'

const [mode, file] = process.argv.slice(2)
const bytes = readFileSync(file!)
const headers = { 'Content-Type': 'application/json', 'Content-Length': String(bytes.byteLength), Vary: 'Api-Version' }
const handlers = [http.get('*', () => new HttpResponse(bytes, { headers }))]

function toRequest(incoming: IncomingMessage): Request {
  const requestHeaders = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') requestHeaders.set(name, value)
  return new Request(new URL(incoming.url ?? '/', 'http://127.0.0.1'), { method: incoming.method, headers: requestHeaders })
}

const server = createServer(async (incoming, outgoing) => {
  if (mode === 'plain') return void outgoing.writeHead(200, headers).end(bytes)
  const response = (await getResponse(handlers, toRequest(incoming)))!
  outgoing.writeHead(response.status, Object.fromEntries(response.headers))
  outgoing.end(Buffer.from(await response.arrayBuffer()))
})
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${(server.address() as { port: number }).port}`))
