import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'

/** What the standalone server offers beyond the API: its OpenAPI document and its per-request log line. */
let server: RunningServer
const lines: string[] = []
beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line))
  server = await startServer({ port: 0, admin: false })
})
afterAll(async () => {
  await server.close()
  vi.restoreAllMocks()
})

const headers = { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' }

describe('the standalone server', () => {
  it('serves the OpenAPI document with itself as the server, even without the control routes', async () => {
    const response = await fetch(`${server.url}/openapi.json`)
    expect(response.status).toBe(200)
    const document = await response.json()
    expect(document).toMatchObject({ openapi: '3.1.0', servers: [{ url: server.url }] })
    expect(Object.keys(document.paths)).toContain('/me')
  })

  it('logs one line per request: method, path, status, code, time', async () => {
    await fetch(`${server.url}/me`, { headers })
    await fetch(`${server.url}/me?x=1`, { headers: { 'Api-Version': '2026-05-20' } })
    await fetch(`${server.url}/me`, { headers: { ...headers, 'X-Mock-Scenario': 'network-error' } }).catch(() => {})
    const meLines = () => lines.filter((line) => line.startsWith('GET /me'))
    await vi.waitFor(() => expect(meLines()).toHaveLength(3))
    expect(meLines()).toEqual([
      expect.stringMatching(/^GET \/me 200 - \d+\.\dms$/),
      expect.stringMatching(/^GET \/me\?x=1 401 UNAUTHENTICATED \d+\.\dms$/),
      // The network-error scenario closes the connection: no status reached the client.
      expect.stringMatching(/^GET \/me 0 - \d+\.\dms$/),
    ])
  })
})
