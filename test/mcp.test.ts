import { describe, expect, test } from 'vitest'
import { barcelona, files } from './support/client.js'
import { connectMcp, MCP_URL, pngBase64, pngSource as base64Source, useRaster } from './support/mcp.js'

// A stopped clock, so what two worlds write at different moments is equal to the millisecond.
const { raster, rest } = useRaster({ now: () => Date.UTC(2026, 4, 20, 12) })

const org = { organizationId: 'monogram-labs' }
const lib = { ...org, libraryId: 'barcelona' }

describe('tools/list', () => {
  test('lists the 16 tools of 2026-05-20, each with the arguments Raster documents and their limits', async () => {
    const mcp = await connectMcp()
    const { tools } = await mcp.client.listTools()
    const args = Object.fromEntries(
      tools.map((tool) => [tool.name, { properties: Object.keys(tool.inputSchema.properties ?? {}).sort(), required: [...(tool.inputSchema.required ?? [])].sort() }]),
    )
    expect(args).toEqual({
      whoami: { properties: [], required: [] },
      create_organization: { properties: ['email', 'name'], required: ['email'] },
      create_library: { properties: ['name', 'organizationId', 'slug'], required: ['name', 'organizationId'] },
      rename_library: { properties: ['libraryId', 'name', 'organizationId'], required: ['libraryId', 'name', 'organizationId'] },
      list_libraries: { properties: ['organizationId', 'page', 'pageSize'], required: ['organizationId'] },
      list_assets: { properties: ['libraryId', 'organizationId', 'page', 'pageSize', 'tags'], required: ['libraryId', 'organizationId'] },
      get_asset: { properties: ['assetId', 'libraryId', 'organizationId'], required: ['assetId', 'libraryId', 'organizationId'] },
      search_assets: { properties: ['libraries', 'organizationId', 'page', 'pageSize', 'q'], required: ['organizationId', 'q'] },
      list_tags: { properties: ['libraryId', 'limit', 'organizationId'], required: ['libraryId', 'organizationId'] },
      upload_asset: { properties: ['libraryId', 'organizationId', 'parentId', 'source'], required: ['libraryId', 'organizationId', 'source'] },
      upload_assets: { properties: ['libraryId', 'organizationId', 'sources'], required: ['libraryId', 'organizationId', 'sources'] },
      delete_assets: { properties: ['ids', 'libraryId', 'organizationId'], required: ['ids', 'libraryId', 'organizationId'] },
      tag_assets: { properties: ['assetIds', 'libraryId', 'organizationId', 'tags'], required: ['assetIds', 'libraryId', 'organizationId', 'tags'] },
      untag_assets: { properties: ['assetIds', 'libraryId', 'organizationId', 'tags'], required: ['assetIds', 'libraryId', 'organizationId', 'tags'] },
      update_asset_description: {
        properties: ['assetId', 'description', 'libraryId', 'organizationId'],
        required: ['assetId', 'description', 'libraryId', 'organizationId'],
      },
      transfer_assets: {
        properties: ['assetIds', 'organizationId', 'sourceLibraryId', 'targetLibraryId'],
        required: ['assetIds', 'organizationId', 'sourceLibraryId', 'targetLibraryId'],
      },
    })
    const schema = (tool: string, property: string) => tools.find((t) => t.name === tool)!.inputSchema.properties![property] as Record<string, any>
    expect(schema('upload_assets', 'sources')).toMatchObject({ type: 'array', minItems: 1, maxItems: 20 })
    expect(schema('delete_assets', 'ids')).toMatchObject({ type: 'array', minItems: 1, maxItems: 100, items: { type: 'string' } })
    for (const tool of ['tag_assets', 'untag_assets', 'transfer_assets']) expect(schema(tool, 'assetIds')).toMatchObject({ type: 'array', maxItems: 100 })
    for (const tool of ['tag_assets', 'untag_assets']) expect(schema(tool, 'tags')).toMatchObject({ type: 'array', maxItems: 20 })
    // A source is a URL or base64 data.
    const kinds = schema('upload_asset', 'source').oneOf.map((variant: any) => [variant.properties.kind.const, [...variant.required].sort()])
    expect(kinds).toEqual([
      ['url', ['kind', 'url']],
      ['base64', ['data', 'filename', 'kind', 'mimeType']],
    ])
    expect(tools.every((tool) => typeof tool.description === 'string' && tool.description.length > 10)).toBe(true)
    await mcp.close()
  })

  test('the anonymous endpoint needs no credential and lists only create_organization', async () => {
    const mcp = await connectMcp({ url: `${MCP_URL}anonymous`, key: null })
    expect((await mcp.client.listTools()).tools.map((tool) => tool.name)).toEqual(['create_organization'])
    await mcp.close()
  })
})

describe('resources', () => {
  test('three templates, no concrete resource', async () => {
    const mcp = await connectMcp()
    const { resourceTemplates } = await mcp.client.listResourceTemplates()
    expect(resourceTemplates.map(({ uriTemplate, mimeType }) => ({ uriTemplate, mimeType })).sort((a, b) => a.uriTemplate.localeCompare(b.uriTemplate))).toEqual([
      { uriTemplate: 'raster://organizations/{orgId}/libraries', mimeType: 'application/json' },
      { uriTemplate: 'raster://organizations/{orgId}/libraries/{libraryId}/assets', mimeType: 'application/json' },
      { uriTemplate: 'raster://organizations/{orgId}/libraries/{libraryId}/tags', mimeType: 'application/json' },
    ])
    expect((await mcp.client.listResources()).resources).toEqual([])
    await mcp.close()
  })

  test('a read is the default first page of the REST list, with the same access checks', async () => {
    const mcp = await connectMcp()
    const read = async (uri: string) => JSON.parse(((await mcp.client.readResource({ uri })).contents[0] as { text: string }).text)
    expect(await read('raster://organizations/monogram-labs/libraries')).toEqual((await rest({ path: '/organizations/monogram-labs/libraries' })).body.data)
    expect(await read('raster://organizations/monogram-labs/libraries/barcelona/assets')).toEqual((await rest({ path: `${barcelona}/assets` })).body.data)
    expect(await read('raster://organizations/monogram-labs/libraries/barcelona/tags')).toEqual((await rest({ path: `${barcelona}/tags` })).body.data)
    // A failed read is a JSON-RPC error with the catalogue's message.
    await expect(mcp.client.readResource({ uri: 'raster://organizations/monogram-labs/libraries/nope/tags' })).rejects.toThrow(
      'API key not authorized for this library.',
    )
    await mcp.close()
  })
})

describe('every tool answers what its REST twin answers in `data`', () => {
  test('reads, in the same world', async () => {
    const mcp = await connectMcp()
    const first = (await rest({ path: `${barcelona}/assets?pageSize=1` })).body.data[0]
    const pairs: [string, Record<string, unknown>, string][] = [
      ['whoami', {}, '/me'],
      ['list_libraries', { ...org, pageSize: 2 }, '/organizations/monogram-labs/libraries?pageSize=2'],
      ['list_libraries', { ...org, page: 2, pageSize: 1 }, '/organizations/monogram-labs/libraries?page=2&pageSize=1'],
      ['list_assets', { ...lib, pageSize: 3, tags: ['outdoor'] }, `${barcelona}/assets?pageSize=3&tags=outdoor`],
      ['get_asset', { ...lib, assetId: first.id }, `${barcelona}/assets/${first.id}`],
      ['search_assets', { ...org, q: 'outdoor', pageSize: 5 }, '/organizations/monogram-labs/search/assets?q=outdoor&pageSize=5'],
      ['search_assets', { ...org, q: '', libraries: ['tokyo'] }, '/organizations/monogram-labs/search/assets?q=&libraries=tokyo'],
      ['list_tags', { ...lib, limit: 4 }, `${barcelona}/tags?limit=4`],
    ]
    for (const [tool, args, path] of pairs) {
      const expected = await rest({ path })
      expect(expected.status, path).toBe(200)
      expect(await mcp.call(tool, args), tool).toEqual({ data: expected.body.data })
    }
    await mcp.close()
  })

  test('writes: the same call in two sessions of one seed gives the same answer, and the same world after it', async () => {
    const mcp = await connectMcp({ headers: { 'X-Mock-Session': 'by-mcp' } })
    const twin = (call: Parameters<typeof rest>[0]) => rest({ ...call, headers: { 'X-Mock-Session': 'by-rest' } })
    const [a, b] = (await rest({ path: `${barcelona}/assets?pageSize=2` })).body.data.map((asset: { id: string }) => asset.id)
    const twoFiles = files(2)
    const pairs: [string, Record<string, unknown>, Parameters<typeof rest>[0]][] = [
      ['create_library', { ...org, name: 'Press', slug: 'press' }, { method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'Press', slug: 'press' } }],
      ['rename_library', { ...lib, name: 'Barcelona 2026' }, { method: 'PATCH', path: barcelona, json: { name: 'Barcelona 2026' } }],
      ['upload_asset', { ...lib, source: base64Source('file-0.png') }, { method: 'POST', path: `${barcelona}/assets`, body: files(1) }],
      [
        'upload_assets',
        { ...lib, sources: [base64Source('file-0.png'), base64Source('file-1.png')] },
        { method: 'POST', path: `${barcelona}/assets`, body: twoFiles },
      ],
      ['upload_asset', { ...lib, source: base64Source('file-0.png'), parentId: a }, { method: 'POST', path: `${barcelona}/assets`, body: withParent(files(1), a) }],
      ['tag_assets', { ...lib, assetIds: [a, b], tags: ['press', 'cover'] }, { method: 'POST', path: `${barcelona}/assets/tag`, json: { assetIds: [a, b], tags: ['press', 'cover'] } }],
      ['untag_assets', { ...lib, assetIds: [a], tags: ['press'] }, { method: 'POST', path: `${barcelona}/assets/untag`, json: { assetIds: [a], tags: ['press'] } }],
      ['update_asset_description', { ...lib, assetId: a, description: 'Cover' }, { method: 'PATCH', path: `${barcelona}/assets/${a}/description`, json: { description: 'Cover' } }],
      [
        'transfer_assets',
        { ...org, sourceLibraryId: 'barcelona', targetLibraryId: 'tokyo', assetIds: [b] },
        { method: 'POST', path: `${barcelona}/assets/transfer`, json: { targetLibraryId: 'tokyo', assetIds: [b] } },
      ],
      ['delete_assets', { ...lib, ids: [a] }, { method: 'DELETE', path: `${barcelona}/assets`, json: { ids: [a] } }],
    ]
    for (const [tool, args, call] of pairs) {
      const expected = await twin(call)
      expect(expected.status, tool).toBeLessThan(300)
      expect(await mcp.call(tool, args), tool).toEqual({ data: expected.body.data })
    }
    const state = async (session: string) => (await rest({ path: '/organizations/monogram-labs/search/assets?pageSize=500', headers: { 'X-Mock-Session': session } })).body
    expect(await state('by-mcp')).toEqual(await state('by-rest'))
    await mcp.close()
  })

  test('create_organization over the anonymous endpoint answers what POST /libraries does', async () => {
    const mcp = await connectMcp({ url: `${MCP_URL}anonymous`, key: null, headers: { 'X-Mock-Session': 'by-mcp' } })
    const expected = await rest({ method: 'POST', path: '/libraries', key: null, json: { email: 'ada@example.com', name: 'Ada' }, headers: { 'X-Mock-Session': 'by-rest' } })
    const answer = await mcp.call('create_organization', { email: 'ada@example.com', name: 'Ada' })
    expect(Object.keys(answer.data).sort()).toEqual(Object.keys(expected.body.data).sort())
    // The new key works over MCP, like the REST twin's over REST.
    const created = await connectMcp({ key: answer.data.apiKey, headers: { 'X-Mock-Session': 'by-mcp' } })
    expect((await created.call('whoami')).data).toMatchObject({ organizationId: answer.data.organizationId, libraries: [answer.data.libraryId] })
    await Promise.all([mcp.close(), created.close()])
  })

  test('the 2026-07-28 revision (a client that negotiates it) gets the same answers', async () => {
    const mcp = await connectMcp({ modern: true })
    expect(mcp.client.getNegotiatedProtocolVersion()).toBe('2026-07-28')
    expect(await mcp.call('whoami')).toEqual({ data: (await rest({ path: '/me' })).body.data })
    expect((await mcp.call('get_asset', { ...lib, assetId: 'nope' })).error).toEqual({ code: 'RESOURCE_NOT_FOUND', message: 'Asset not found.', status: 404 })
    await mcp.close()
  })
})

function withParent(form: FormData, parentId: string): FormData {
  form.append('parentId', parentId)
  return form
}

describe('one world, every surface', () => {
  test('an upload over MCP is listed over REST and GraphQL', async () => {
    const mcp = await connectMcp()
    const { data } = await mcp.call('upload_asset', { ...lib, source: base64Source('shared.png') })
    const id = data.assets[0].id
    const listed = await rest({ path: `${barcelona}/assets/${id}` })
    expect(listed.body.data).toMatchObject({ id, name: 'shared.png' })
    const graphql = await fetch('https://api.raster.app/', {
      method: 'POST',
      headers: { Authorization: 'Bearer pk_monogram_write', 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: `{ asset(organizationId: "monogram-labs", libraryId: "barcelona", assetId: "${id}") { id name } }` }),
    })
    expect((await graphql.json()).data.asset).toEqual({ id, name: 'shared.png' })
    await mcp.close()
  })

  test('a delete over REST makes get_asset over MCP RESOURCE_NOT_FOUND', async () => {
    const mcp = await connectMcp()
    const [first] = (await rest({ path: `${barcelona}/assets?pageSize=1` })).body.data
    expect((await mcp.call('get_asset', { ...lib, assetId: first.id })).data.id).toBe(first.id)
    expect((await rest({ method: 'DELETE', path: `${barcelona}/assets`, json: { ids: [first.id] } })).status).toBe(200)
    expect(await mcp.call('get_asset', { ...lib, assetId: first.id })).toEqual({ error: { code: 'RESOURCE_NOT_FOUND', message: 'Asset not found.', status: 404 } })
    await mcp.close()
  })

  test('an upload from the mock CDN URL of an asset, and from a data: URL', async () => {
    const mcp = await connectMcp()
    const [first] = (await rest({ path: `${barcelona}/assets?pageSize=1` })).body.data
    const thumb = await mcp.call('upload_asset', { ...lib, source: { kind: 'url', url: first.thumbUrl } })
    expect(thumb.data.assets[0]).toMatchObject({ name: first.thumbUrl.split('/').pop() })
    const data = await mcp.call('upload_asset', { ...lib, source: { kind: 'url', url: `data:image/png;base64,${pngBase64()}` } })
    expect(data.data.assets[0]).toMatchObject({ width: 3, height: 2 })
    await mcp.close()
  })
})

describe('scenarios, sessions and time apply as over REST', () => {
  const errorOf = async (headers: Record<string, string>, tool = 'list_assets', args: Record<string, unknown> = lib) => {
    const mcp = await connectMcp({ headers })
    const answer = await mcp.call(tool, args)
    await mcp.close()
    return answer.error
  }

  test('X-Mock-Scenario selects a world whose state fails the call, with REST’s code, message and status', async () => {
    const cases: [string, string, string, Record<string, unknown>][] = [
      ['library-locked', 'LIBRARY_LOCKED', 'list_assets', lib],
      ['server-error', 'INTERNAL_SERVER_ERROR', 'whoami', {}],
    ]
    for (const [scenario, code, tool, args] of cases) {
      const over = await rest({ path: tool === 'whoami' ? '/me' : `${barcelona}/assets`, headers: { 'X-Mock-Scenario': scenario } })
      expect(over.body.error.code).toBe(code)
      expect(await errorOf({ 'X-Mock-Scenario': scenario }, tool, args)).toEqual({ ...over.body.error, status: over.status })
    }
  })

  test('the active scenario, and a forced error', async () => {
    await raster.mock.useScenario('library-locked')
    expect((await errorOf({}))?.code).toBe('LIBRARY_LOCKED')
    await raster.mock.useScenario('default')
    expect(await errorOf({ 'X-Mock-Error': 'API_KEY_READ_ONLY' }, 'whoami', {})).toEqual({
      code: 'API_KEY_READ_ONLY',
      message: 'This API key is read-only. Creating a library requires write access.',
      status: 403,
    })
    expect((await errorOf({ 'X-Mock-Scenario': 'nope' }, 'whoami', {}))?.code).toBe('BAD_USER_INPUT')
  })

  test('network-error drops the HTTP exchange of a call', async () => {
    const mcp = await connectMcp()
    await raster.mock.useScenario('network-error')
    await expect(mcp.client.callTool({ name: 'whoami', arguments: {} })).rejects.toThrow()
    await mcp.close()
  })

  test('sessions are isolated', async () => {
    const alice = await connectMcp({ headers: { 'X-Mock-Session': 'alice' } })
    const bob = await connectMcp({ headers: { 'X-Mock-Session': 'bob' } })
    const { data } = await alice.call('upload_asset', { ...lib, source: base64Source('alice.png') })
    const id = data.assets[0].id
    expect((await alice.call('get_asset', { ...lib, assetId: id })).data.name).toBe('alice.png')
    expect((await bob.call('get_asset', { ...lib, assetId: id })).error?.code).toBe('RESOURCE_NOT_FOUND')
    expect((await rest({ path: `${barcelona}/assets/${id}` })).status).toBe(404)
    await Promise.all([alice.close(), bob.close()])
  })

  test('X-Mock-Now sets the time of a call', async () => {
    const mcp = await connectMcp({ headers: { 'X-Mock-Now': '2027-01-01T00:00:00Z' } })
    const { data } = await mcp.call('upload_asset', { ...lib, source: base64Source('later.png') })
    expect(data.assets[0].created).toBe(Date.parse('2027-01-01T00:00:00Z'))
    await mcp.close()
  })

  test('MCP calls are in the request log, with the tool’s name', async () => {
    const mcp = await connectMcp()
    await mcp.call('get_asset', { ...lib, assetId: 'nope' })
    const [entry] = raster.mock.runtime.requests.recent()
    expect(entry).toMatchObject({ method: 'POST', path: '/', status: 404, code: 'RESOURCE_NOT_FOUND', tool: 'get_asset' })
    await mcp.close()
  })
})
