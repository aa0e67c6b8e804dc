import { METHODS, request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'
import { API_VERSION, useMockServer } from './support/client.js'

/** Methods beyond the API's (issue #15.4): unknown ones are unknown endpoints, HEAD is GET without the body. */
const headers = { Authorization: 'Bearer pk_monogram_write', 'Api-Version': API_VERSION }
const notFound = { error: { code: 'ENDPOINT_NOT_FOUND', message: 'The requested REST endpoint does not exist.' } }

let server: RunningServer
const logged: unknown[][] = []
beforeAll(async () => {
  // The log is on, so a stack trace or an "unexpected error" would show up in what console.error received.
  vi.spyOn(console, 'log').mockImplementation(() => undefined)
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args))
  server = await startServer({ port: 0 })
})
afterAll(async () => {
  await server.close()
  vi.restoreAllMocks()
})

/** node:http, since fetch refuses to send TRACE at all. */
function send(method: string, path: string): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${server.url}${path}`, { method, headers }, (response) => {
      let text = ''
      response.on('data', (chunk) => (text += chunk))
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, text }))
    })
    request.on('error', reject)
    request.end()
  })
}

describe('methods the API does not have, through the standalone server', () => {
  it.each([
    ['TRACE', '/me'],
    ['TRACE', '/'],
    ['TRACE', '/__mock/scenario'],
    ['TRACE', '/cdn/whatever.svg'],
    ['PROPFIND', '/organizations/monogram-labs/libraries'],
    ['PROPFIND', '/'],
  ])('%s %s answers 404 ENDPOINT_NOT_FOUND in the envelope', async (method, path) => {
    const reply = await send(method, path)
    expect(reply.status).toBe(404)
    expect(reply.headers['content-type']).toBe('application/json')
    expect(JSON.parse(reply.text)).toEqual(notFound)
    expect(logged).toEqual([])
  })

  it('CONNECT answers 404 ENDPOINT_NOT_FOUND and closes the tunnel it was asked for', async () => {
    const { port } = new URL(server.url)
    const text = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'))
      let received = ''
      socket.on('data', (chunk) => (received += chunk))
      socket.on('close', () => resolve(received))
    })
    expect(text.startsWith('HTTP/1.1 404 ')).toBe(true)
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toEqual(notFound)
  })
})

describe('every method Node can parse, on every kind of path', () => {
  // The API's own methods answer as their routes say; every other one is an unknown endpoint. None is a 500.
  const apiMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
  const paths = ['/', '/me', '/organizations/monogram-labs/libraries', '/cdn/g/1/10x10/x.svg', '/openapi.json', '/__mock/scenario', '/nowhere']
  // CONNECT asks for a tunnel, not a path: tested above.
  const cases = METHODS.filter((method) => method !== 'CONNECT').flatMap((method) => paths.map((path) => [method, path] as const))

  it.each(cases)('%s %s is answered, never a server error', async (method, path) => {
    const reply = await send(method, path)
    expect(reply.status).toBeLessThan(500)
    if (!apiMethods.has(method)) {
      expect(reply.status).toBe(404)
      expect(JSON.parse(reply.text)).toEqual(notFound)
    }
    expect(logged).toEqual([])
  })
})

describe('HEAD through the standalone server', () => {
  it('answers a GET path with the status and headers of the GET, and no body', async () => {
    const get = await send('GET', '/organizations/monogram-labs/libraries')
    const head = await send('HEAD', '/organizations/monogram-labs/libraries')
    expect(get.status).toBe(200)
    expect(head.status).toBe(200)
    expect(head.text).toBe('')
    for (const name of ['content-type', 'vary', 'access-control-allow-origin']) expect(head.headers[name]).toBe(get.headers[name])
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.text)))
  })

  it('answers a failing GET with its status and headers, and no body', async () => {
    const get = await send('GET', '/organizations/nowhere/libraries')
    const head = await send('HEAD', '/organizations/nowhere/libraries')
    expect(JSON.parse(get.text).error.code).toBe('ORGANIZATION_NOT_FOUND')
    expect(head.status).toBe(404)
    expect(head.text).toBe('')
    expect(head.headers['content-type']).toBe('application/json')
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.text)))
  })

  it('is not a way to reach the write endpoints', async () => {
    // POST /libraries exists, GET /libraries does not: HEAD is only ever GET's twin.
    const head = await send('HEAD', '/libraries')
    expect(head.status).toBe(404)
  })
})

describe('HEAD on the embedded mock (msw setupServer)', () => {
  const { mock } = useMockServer()
  it('answers a GET path with the status and headers of the GET, and no body', async () => {
    const url = `${mock.runtime.baseUrl}/me`
    const get = await fetch(url, { headers })
    const head = await fetch(url, { method: 'HEAD', headers })
    const body = await get.text()
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    expect(head.headers.get('Content-Type')).toBe(get.headers.get('Content-Type'))
    expect(head.headers.get('Vary')).toBe('Api-Version')
    expect(head.headers.get('Content-Length')).toBe(String(Buffer.byteLength(body)))
  })
})
