import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'

/** The control routes answer their owner only (issue #15.9): no web page of another origin may drive them. */
let server: RunningServer
beforeAll(async () => {
  server = await startServer({ port: 0, log: false, adminOrigins: ['http://localhost:5173'] })
})
afterAll(() => server.close())

const forbidden = {
  error: {
    code: 'FORBIDDEN',
    message: "The control routes under /__mock only answer the server's own pages and the origins allowed with --admin-origin.",
  },
}
const evil = 'http://evil.example'
const scenarioNow = async () => (await (await fetch(`${server.url}/__mock/scenario`)).json()).data.scenario

function admin(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  return fetch(`${server.url}/__mock${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

describe('control routes and the Origin of the request', () => {
  it.each([
    ['POST', '/reset', undefined],
    ['PUT', '/scenario', { scenario: 'network-error' }],
    ['GET', '/requests', undefined],
    ['GET', '/scenarios', undefined],
    ['POST', '/claim', { organizationId: 'temporary-x' }],
  ])('refuses %s %s from a page of another origin with 403 and no CORS grant', async (method, path, body) => {
    const reply = await admin(method, path, { Origin: evil }, body)
    expect(reply.status).toBe(403)
    expect(reply.headers.get('Access-Control-Allow-Origin')).toBeNull()
    expect(await reply.json()).toEqual(forbidden)
    expect(await scenarioNow()).toBe('default')
  })

  it('refuses the preflight of another origin, so a browser never sends the request', async () => {
    const reply = await admin('OPTIONS', '/scenario', { Origin: evil, 'Access-Control-Request-Method': 'PUT' })
    expect(reply.status).toBe(403)
    expect(reply.headers.get('Access-Control-Allow-Origin')).toBeNull()
    expect(reply.headers.get('Access-Control-Allow-Methods')).toBeNull()
  })

  it('refuses the opaque origin of sandboxed frames and files ("null")', async () => {
    expect((await admin('POST', '/reset', { Origin: 'null' })).status).toBe(403)
  })

  it('refuses a page on a DNS name rebound to the server (its Host is not one of the server’s names)', async () => {
    const { port } = new URL(server.url)
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port, method: 'POST', path: '/__mock/reset', headers: { Host: `rebound.example:${port}`, Origin: `http://rebound.example:${port}` } },
        (response) => resolve(response.statusCode!),
      )
      request.on('error', reject)
      request.end()
    })
    expect(status).toBe(403)
  })

  it('answers clients that send no Origin (curl, test runners)', async () => {
    const reply = await admin('PUT', '/scenario', {}, { scenario: 'library-locked' })
    expect(reply.status).toBe(200)
    expect(await scenarioNow()).toBe('library-locked')
    expect((await admin('PUT', '/scenario', {}, { scenario: 'default' })).status).toBe(200)
  })

  it("answers the server's own pages, under any of its loopback names", async () => {
    const { port } = new URL(server.url)
    for (const origin of [server.url, `http://localhost:${port}`]) {
      const reply = await admin('POST', '/reset', { Origin: origin })
      expect(reply.status, origin).toBe(200)
    }
  })

  it('answers an origin allowed with adminOrigins, and grants it (and only it) by CORS', async () => {
    const preflight = await admin('OPTIONS', '/scenario', { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'PUT' })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173')
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toContain('PUT')
    const reply = await admin('GET', '/scenario', { Origin: 'http://localhost:5173' })
    expect(reply.status).toBe(200)
    expect(reply.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173')
    expect(reply.headers.get('Vary')).toContain('Origin')
  })

  it('leaves the API open to every origin, as the contract says', async () => {
    const reply = await fetch(`${server.url}/me`, { headers: { Origin: evil, Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' } })
    expect(reply.status).toBe(200)
    expect(reply.headers.get('Access-Control-Allow-Origin')).toBe('*')
  })
})
