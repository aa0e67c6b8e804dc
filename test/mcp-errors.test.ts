import { describe, expect, test } from 'vitest'
import type { ErrorCode } from '../src/contract/errors.js'
import { MB, barcelona } from './support/client.js'
import { expectedError } from './support/error-cases.js'
import { connectMcp, pngSource, rawMcp, toolCall, useRaster } from './support/mcp.js'

const { raster, rest } = useRaster()

const lib = { organizationId: 'monogram-labs', libraryId: 'barcelona' }
const source = (bytes?: number) => pngSource('file.png', bytes)

interface McpErrorCase {
  code: ErrorCode
  why: string
  tool: string
  args: Record<string, unknown>
  key?: string
  headers?: Record<string, string>
  message?: string
}

// The catalogue's codes a tool call can meet, each as the contract writes it (test/support/error-cases.ts).
const cases: McpErrorCase[] = [
  { code: 'ORGANIZATION_NOT_FOUND', why: 'unknown organization', tool: 'list_libraries', args: { organizationId: 'nope' } },
  { code: 'INVALID_API_KEY', why: 'unknown key', tool: 'whoami', args: {}, key: 'pk_unknown' },
  { code: 'INVALID_API_KEY', why: 'key of another organization', tool: 'list_libraries', args: { organizationId: 'monogram-labs' }, key: 'pk_acme_write' },
  { code: 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY', why: 'no grant on the library', tool: 'list_assets', args: lib, key: 'pk_monogram_tokyo' },
  { code: 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY', why: 'Read grant used to write', tool: 'delete_assets', args: { ...lib, ids: ['x'] }, key: 'pk_monogram_read' },
  { code: 'API_KEY_READ_ONLY', why: 'read-only key creates a library', tool: 'create_library', args: { organizationId: 'monogram-labs', name: 'New' }, key: 'pk_monogram_read' },
  { code: 'LIBRARY_LOCKED', why: 'fourth library of a Free plan', tool: 'list_assets', args: { organizationId: 'acme', libraryId: 'acme-4' }, key: 'pk_acme_write' },
  { code: 'RESOURCE_NOT_FOUND', why: 'unknown asset', tool: 'get_asset', args: { ...lib, assetId: 'nope' } },
  {
    code: 'BAD_USER_INPUT',
    why: 'reserved tag',
    tool: 'tag_assets',
    args: { ...lib, assetIds: ['x'], tags: ['trash'] },
    message: 'The tag "trash" is reserved and cannot be used.',
  },
  { code: 'CONFLICT', why: 'slug taken', tool: 'create_library', args: { organizationId: 'monogram-labs', name: 'Tokyo again', slug: 'tokyo' } },
  {
    code: 'PRO_PLAN_CANCELED',
    why: 'upload on a canceled Pro plan',
    tool: 'upload_asset',
    args: { organizationId: 'northwind', libraryId: 'northwind-main', source: source() },
    key: 'pk_northwind_write',
  },
  {
    code: 'STORAGE_LIMIT_EXCEEDED',
    why: '2 MB into 1 MB of Free storage left',
    tool: 'upload_asset',
    args: { organizationId: 'acme', libraryId: 'acme-1', source: source(2 * MB) },
    key: 'pk_acme_write',
  },
  {
    code: 'EPHEMERAL_STORAGE_LIMIT_EXCEEDED',
    why: '2 MB into a temporary library 1 MB below its cap',
    tool: 'upload_asset',
    args: { organizationId: 'unclaimed-demo', libraryId: 'drafts', source: source(2 * MB) },
    key: 'pk_unclaimed_demo',
  },
  {
    code: 'EPHEMERAL_LIBRARY_LIMIT_EXCEEDED',
    why: 'temporary organization creates a library',
    tool: 'create_library',
    args: { organizationId: 'unclaimed-demo', name: 'More' },
    key: 'pk_unclaimed_demo',
  },
  { code: 'INTERNAL_SERVER_ERROR', why: 'forced with X-Mock-Error', tool: 'whoami', args: {}, headers: { 'X-Mock-Error': 'INTERNAL_SERVER_ERROR' } },
]

describe('a coded failure is an isError result holding REST’s code, message and status', () => {
  test.each(cases)('$code: $why', async ({ code, tool, args, key, headers, message }) => {
    const mcp = await connectMcp({ key, headers })
    const { status, body } = expectedError(code, message)
    expect(await mcp.call(tool, args)).toEqual({ error: { ...body.error, status } })
    await mcp.close()
  })

  test('without a usable credential: HTTP 401 in the REST envelope, before any JSON-RPC', async () => {
    const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } })
    for (const [authorization, variant] of [
      [undefined, undefined],
      ['Token pk_monogram_write', 'Authorization header must be in the form: Bearer <key>.'],
    ] as const) {
      const response = await rawMcp(initialize, { headers: authorization === undefined ? { Authorization: '' } : { Authorization: authorization } })
      const { status, body } = expectedError('UNAUTHENTICATED', variant)
      expect(response.status).toBe(status)
      expect(await response.json()).toEqual(body)
    }
    await expect(connectMcp({ key: null })).rejects.toThrow()
  })

  test('a tool call needs no prior handshake: the server is stateless', async () => {
    const response = await rawMcp(toolCall('get_asset', { ...lib, assetId: 'nope' }))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(response.headers.get('Mcp-Session-Id')).toBeNull()
    const { result } = await response.json()
    expect(result.isError).toBe(true)
    expect(JSON.parse(result.content[0].text)).toEqual({ error: { code: 'RESOURCE_NOT_FOUND', message: 'Asset not found.', status: 404 } })
  })
})

describe('bad input gets the SDK’s or the contract’s answer, and writes nothing', () => {
  const assetsNow = async () => (await rest({ path: `${barcelona}/assets?pageSize=500` })).body.data.map((asset: { id: string }) => asset.id)
  let before: string[]
  let logged: number
  const mark = async () => {
    before = await assetsNow()
    logged = raster.mock.runtime.requests.recent().length
  }
  const nothingWritten = async () => expect(await assetsNow()).toEqual(before)

  test('schema refusals: unknown tool, wrong types, 21 sources, 101 ids — refused before the tool runs', async () => {
    const mcp = await connectMcp()
    await mark()
    await expect(mcp.client.callTool({ name: 'nope', arguments: {} })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('Tool nope not found') })
    const refusals: [string, Record<string, unknown>, string][] = [
      ['list_assets', { ...lib, page: 'two' }, 'page'],
      ['list_assets', { ...lib, pageSize: 501 }, 'pageSize'],
      ['create_organization', { email: 'not-an-email' }, 'email'],
      ['get_asset', { organizationId: 'monogram-labs', assetId: 'x' }, 'libraryId'],
      ['upload_assets', { ...lib, sources: Array.from({ length: 21 }, () => source()) }, 'sources'],
      ['delete_assets', { ...lib, ids: Array.from({ length: 101 }, (_, i) => `id-${i}`) }, 'ids'],
      ['delete_assets', { ...lib, ids: [] }, 'ids'],
      ['upload_asset', { ...lib, source: { kind: 'ftp', url: 'ftp://example.com/a.png' } }, 'source'],
    ]
    for (const [tool, args, field] of refusals) {
      const answer = await mcp.call(tool, args)
      // Plain text, no code or status: the SDK's McpServer wording.
      expect(answer.refusal, tool).toMatch(new RegExp(`^Input validation error: Invalid arguments for tool ${tool}: .*${field}`))
    }
    await nothingWritten()
    // Refused before the pipeline: no API call was made.
    expect(raster.mock.runtime.requests.recent().length - logged).toBe(1)
    // The tag cap depends on the version (5, then 50): the operation refuses it, as REST does.
    expect(await mcp.call('list_assets', { ...lib, tags: ['a', 'b', 'c', 'd', 'e', 'f'] })).toEqual({
      error: { code: 'BAD_USER_INPUT', message: 'At most 5 tags can be used to filter.', status: 400 },
    })
    await mcp.close()
  })

  test('URL sources: a private network fails validation, any other URL the mock cannot fetch is BAD_USER_INPUT naming it', async () => {
    const mcp = await connectMcp()
    await mark()
    for (const url of ['http://127.0.0.1:8080/a.png', 'http://10.0.0.7/a.png', 'http://[::1]/a.png', 'http://printer.local/a.png', 'http://192.168.1.1/a.png']) {
      expect((await mcp.call('upload_asset', { ...lib, source: { kind: 'url', url } })).error, url).toEqual({
        code: 'BAD_USER_INPUT',
        message: `${url} points into a private network: a source URL must be public.`,
        status: 400,
      })
    }
    for (const url of ['https://example.com/photo.png', 'https://cdn.raster.app/f/unknown/photo.png', 'data:image/png;base64,%%%']) {
      expect((await mcp.call('upload_assets', { ...lib, sources: [source(), { kind: 'url', url }] })).error, url).toEqual({
        code: 'BAD_USER_INPUT',
        message: `The file at ${url} could not be fetched.`,
        status: 400,
      })
    }
    await nothingWritten()
    await mcp.close()
  })

  test('HTTP-level answers: non-JSON, a batch, GET and DELETE, a wrong Accept, a body over 32 MB', async () => {
    await mark()
    const nonJson = await rawMcp('{"jsonrpc":')
    expect(nonJson.status).toBe(400)
    expect((await nonJson.json()).error).toMatchObject({ code: -32700 })

    const batch = await rawMcp(`[${toolCall('delete_assets', { ...lib, ids: before.slice(0, 2) })}, ${toolCall('whoami', {}, 2)}]`)
    expect(batch.status).toBe(400)
    expect((await batch.json()).error).toMatchObject({ code: -32600 })

    for (const method of ['GET', 'DELETE']) {
      const response = await rawMcp(null, { method, headers: { Accept: 'text/event-stream' } })
      expect(response.status, method).toBe(405)
      expect((await response.json()).error, method).toEqual({ code: -32000, message: 'Method not allowed.' })
    }

    const accept = await rawMcp(toolCall('delete_assets', { ...lib, ids: before.slice(0, 1) }), { headers: { Accept: 'text/html' } })
    expect(accept.status).toBe(406)

    const huge = await rawMcp(toolCall('delete_assets', { ...lib, ids: before.slice(0, 1), padding: 'x'.repeat(32 * MB) }))
    expect(huge.status).toBe(413)
    expect(await huge.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: "The request body exceeds the MCP server's limit of 32 MB." } })

    // A body streamed without Content-Length is cut off at the limit too.
    const chunk = new TextEncoder().encode('x'.repeat(MB))
    let sent = 0
    const stream = new ReadableStream({
      pull(controller) {
        if (sent++ > 33) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const streamed = await fetch('https://mcp.raster.app/', {
      method: 'POST',
      headers: { Authorization: 'Bearer pk_monogram_write', 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    await nothingWritten()
  }, 120_000)
})
