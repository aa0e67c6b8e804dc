import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'
import { tinyPng } from './support/client.js'

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

  it('names the MCP method and tool in the log line', async () => {
    const call = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'whoami', arguments: {} } }
    await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { Authorization: headers.Authorization, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify(call),
    })
    await vi.waitFor(() => expect(lines).toContainEqual(expect.stringMatching(/^POST \/mcp 200 MCP tools\/call whoami \d+\.\dms$/)))
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

  it('names the GraphQL operation in the line: its type and root fields', async () => {
    const post = (body: BodyInit, extra: Record<string, string> = { 'Content-Type': 'application/json' }) =>
      fetch(`${server.url}/`, { method: 'POST', headers: { ...headers, ...extra }, body })
    const photos = 'query Query($organizationId: String!, $libraryId: String!) { photos(organizationId: $organizationId, libraryId: $libraryId, page: 0) { id } }'
    await post(JSON.stringify({ query: photos, variables: { organizationId: 'monogram-labs', libraryId: 'barcelona' } }))
    await post(JSON.stringify({ query: 'query A { viewer { plan } } mutation B { tagAssets(organizationId: "acme", libraryId: "x", assetIds: [], tags: ["a"]) { taggedCount } }', operationName: 'A' }))
    await post(JSON.stringify({ query: '{ me: viewer { plan } libraries(organizationId: "monogram-labs") { id } }' }))
    await post(JSON.stringify({ query: '{ nope }' }))
    await post('not json')
    const upload = new FormData()
    upload.append('operations', JSON.stringify({ query: 'mutation Upload($files: [Upload!]!) { uploadAssets(organizationId: "monogram-labs", libraryId: "lisbon", files: $files) { responseText } }', variables: { files: [null] } }))
    upload.append('map', JSON.stringify({ 0: ['variables.files.0'] }))
    upload.append('0', new File([tinyPng], 'a.png', { type: 'image/png' }))
    await post(upload, {})
    const graphqlLines = () => lines.filter((line) => line.startsWith('POST / '))
    await vi.waitFor(() => expect(graphqlLines()).toHaveLength(6))
    expect(graphqlLines()).toEqual([
      expect.stringMatching(/^POST \/ 200 GraphQL Query photos \d+\.\dms$/),
      expect.stringMatching(/^POST \/ 200 GraphQL Query viewer \d+\.\dms$/),
      expect.stringMatching(/^POST \/ 200 GraphQL Query viewer,libraries \d+\.\dms$/),
      expect.stringMatching(/^POST \/ 400 GRAPHQL_VALIDATION_FAILED GraphQL Query nope \d+\.\dms$/),
      expect.stringMatching(/^POST \/ 400 BAD_USER_INPUT GraphQL \d+\.\dms$/),
      expect.stringMatching(/^POST \/ 200 GraphQL Mutation uploadAssets \d+\.\dms$/),
    ])
  })
})
