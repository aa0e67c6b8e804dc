import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'
import { restClient, type RestCall } from './support/client.js'
import { connectMcp, pngSource } from './support/mcp.js'

let server: RunningServer
let rest: RestCall
beforeAll(async () => {
  server = await startServer({ port: 0, log: false, scenario: 'default' })
  rest = restClient(server.url)
})
afterAll(() => server.close())

const lib = { organizationId: 'monogram-labs', libraryId: 'barcelona' }

describe('the standalone server serves MCP at /mcp and /mcp/anonymous', () => {
  it('lists and calls the tools over real HTTP, with the REST twin’s answers and a shared world', async () => {
    const mcp = await connectMcp({ url: `${server.url}/mcp` })
    expect((await mcp.client.listTools()).tools).toHaveLength(16)
    expect(await mcp.call('whoami')).toEqual({ data: (await rest({ path: '/me' })).body.data })
    const { data } = await mcp.call('upload_asset', { ...lib, source: pngSource('over-http.png') })
    const asset = data.assets[0]
    expect(asset.url.startsWith(`${server.url}/cdn/`)).toBe(true)
    // Its own CDN's URL (on 127.0.0.1, a private network for any other URL) is a source the mock reads in process.
    const copy = await mcp.call('upload_asset', { ...lib, source: { kind: 'url', url: asset.url } })
    expect(copy.data.assets[0]).toMatchObject({ width: 3, height: 2 })
    expect((await rest({ path: `/organizations/monogram-labs/libraries/barcelona/assets/${asset.id}` })).body.data.name).toBe('over-http.png')
    const log = await (await fetch(`${server.url}/__mock/requests`)).json()
    expect(log.data.find((entry: { tool?: string }) => entry.tool === 'upload_asset')).toMatchObject({ method: 'POST', path: '/mcp', status: 200 })
    await mcp.close()
  })

  it('the anonymous endpoint, the 401 without a key, the --scenario applied', async () => {
    const anonymous = await connectMcp({ url: `${server.url}/mcp/anonymous`, key: null })
    expect((await anonymous.client.listTools()).tools.map((tool) => tool.name)).toEqual(['create_organization'])
    await anonymous.close()
    const refused = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    })
    expect(refused.status).toBe(401)
    expect(await refused.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'API Key not provided.' } })
    const locked = await connectMcp({ url: `${server.url}/mcp`, headers: { 'X-Mock-Scenario': 'library-locked' } })
    expect((await locked.call('list_assets', lib)).error?.code).toBe('LIBRARY_LOCKED')
    await locked.close()
    // A server started with --scenario answers MCP in that scenario.
    const started = await startServer({ port: 0, log: false, scenario: 'server-error' })
    try {
      const failing = await connectMcp({ url: `${started.url}/mcp` })
      expect((await failing.call('whoami')).error).toEqual({ code: 'INTERNAL_SERVER_ERROR', message: 'An unexpected error occurred. Please try again.', status: 500 })
      await failing.close()
    } finally {
      await started.close()
    }
  })

  it('lets browser clients through CORS', async () => {
    const preflight = await fetch(`${server.url}/mcp`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:6274', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type, mcp-protocol-version' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('Access-Control-Allow-Headers')!.toLowerCase()).toContain('mcp-protocol-version')
  })
})
