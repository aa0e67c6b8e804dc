import { beforeEach, describe, expect, it, vi } from 'vitest'
import { barcelona, files, useMockServer } from './support/client.js'
import { expectData, graphqlClient, type GraphQLCall, type GraphQLReply } from './support/graphql.js'

/**
 * The shortcut of handlers/graphql-plan.ts answers documents that ask one query field for scalar fields, without
 * graphql-js's execution. Each document here is asked twice: as it is, and with `@include(if: true)` on its root
 * field, which means the same in GraphQL but takes graphql-js's path. The two answers must be the same bytes.
 */
const executed = vi.hoisted(() => ({ count: 0 }))
vi.mock('graphql', async (importOriginal) => {
  const graphql = await importOriginal<typeof import('graphql')>()
  return {
    ...graphql,
    execute: (...args: Parameters<typeof graphql.execute>) => {
      executed.count++
      return graphql.execute(...args)
    },
  }
})

const { mock, call } = useMockServer({ now: () => Date.UTC(2026, 4, 21) })
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)
beforeEach(() => {
  executed.count = 0
})

const library = 'organizationId: "monogram-labs", libraryId: "barcelona"'

/** The same document with `@include(if: true)` on its first root field (after its alias and arguments): graphql-js runs it. */
function throughGraphqlJs(query: string): string {
  const open = query.indexOf('{') + 1
  const changed = query.slice(0, open) + query.slice(open).replace(/^(\s*(?:\w+\s*:\s*)?\w+\s*(?:\([^)]*\))?)/, '$1 @include(if: true)')
  expect(changed).toContain('@include')
  return changed
}

/** Asks `request` both ways; expects the same status, headers and bytes, and the shortcut not to call graphql-js. */
async function bothWays(request: GraphQLCall): Promise<GraphQLReply> {
  const shortcut = await gql(request)
  expect(executed.count, 'graphql-js ran the plain document').toBe(0)
  const reference = await gql({ ...request, query: throughGraphqlJs(request.query) })
  expect(executed.count, 'the reference did not run through graphql-js').toBe(1)
  expect(shortcut.text).toBe(reference.text)
  expect(shortcut.status).toBe(reference.status)
  expect(Object.fromEntries(shortcut.headers)).toEqual(Object.fromEntries(reference.headers))
  executed.count = 0
  return shortcut
}

describe('GraphQL documents answered without graphql-js execution', () => {
  it('answers a page of assets with variables, every scalar field and the list of tags', async () => {
    const query = `query Page($page: Int, $pageSize: Int) {
      assets(${library}, page: $page, pageSize: $pageSize) {
        id name libraryId width height blurhash url thumbUrl thumbHighUrl thumbUrlBlurred type description tags contentType size created updated
      }
    }`
    const reply = await bothWays({ query, variables: { page: 2, pageSize: 5 } })
    const assets = expectData(reply).assets
    expect(assets).toHaveLength(5)
    expect(Object.keys(assets[0])).toEqual(['id', 'name', 'libraryId', 'width', 'height', 'blurhash', 'url', 'thumbUrl', 'thumbHighUrl', 'thumbUrlBlurred', 'type', 'description', 'tags', 'contentType', 'size', 'created', 'updated'])
  })

  it('answers a write in the next list', async () => {
    const query = `{ assets(${library}, pageSize: 2) { id description } }`
    const [first] = expectData(await bothWays({ query })).assets
    const described = await call({ method: 'PATCH', path: `${barcelona}/assets/${first.id}/description`, json: { description: 'Park Güell' } })
    expect(described.status, described.text).toBe(200)
    expect(expectData(await bothWays({ query })).assets[0]).toEqual({ id: first.id, description: 'Park Güell' })
  })

  it('keeps aliases, __typename and a repeated field once, in the order first asked', async () => {
    const query = `{ assets(${library}, pageSize: 3) { __typename key: id name id kind: __typename key: id } }`
    const assets = expectData(await bothWays({ query })).assets
    expect(Object.keys(assets[0])).toEqual(['__typename', 'key', 'name', 'id', 'kind'])
    expect(assets[0].__typename).toBe('Asset')
  })

  it('answers single objects and the other lists: asset, viewer, libraries, tags, photos, an alias on the root', async () => {
    const [first] = expectData(await gql({ query: `{ assets(${library}, pageSize: 1) { id } }` })).assets
    const documents = [
      `{ asset(${library}, assetId: "${first.id}") { id name description tags } }`,
      '{ viewer { organizationId organizationName plan libraries } }',
      '{ libraries(organizationId: "monogram-labs") { id name assetsCount photosCount trashCount } }',
      `{ tags(${library}, limit: 5) { id count type } }`,
      '{ photos(organizationId: "monogram-labs", libraryId: "tokyo", page: 0) { id name } }',
      `{ page: assets(${library}, page: 3, pageSize: 2) { id } }`,
    ]
    for (const query of documents) expect((await bothWays({ query })).status, query).toBe(200)
  })

  it('shows an asset still processing with its null fields', async () => {
    const processing = { 'X-Mock-Scenario': 'processing' }
    const uploaded = await call({ method: 'POST', path: `${barcelona}/assets`, body: files(1), headers: processing })
    expect(uploaded.status, uploaded.text).toBe(200)
    const id = uploaded.body.data.assets[0].id
    const query = `{ asset(${library}, assetId: "${id}") { id width height blurhash thumbUrl description } }`
    const asset = expectData(await bothWays({ query, headers: processing })).asset
    expect(asset).toEqual({ id, width: null, height: null, blurhash: null, thumbUrl: null, description: '' })

  })

  it('fails as graphql-js does: unknown library, no grant, no key, a page size over the limit', async () => {
    const list = (target: string) => `{ assets(organizationId: "monogram-labs", libraryId: "${target}", pageSize: 2) { id } }`
    const failures: [GraphQLCall, string][] = [
      [{ query: list('nowhere') }, 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY'],
      [{ query: list('barcelona'), key: 'pk_monogram_tokyo' }, 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY'],
      [{ query: list('barcelona'), key: null }, 'UNAUTHENTICATED'],
      [{ query: `{ assets(${library}, pageSize: 1000) { id } }` }, 'BAD_USER_INPUT'],
    ]
    for (const [request, code] of failures) {
      const reply = await bothWays(request)
      expect(reply.body.data, reply.text).toBeNull()
      expect(reply.body.errors[0].extensions.code, reply.text).toBe(code)
    }
  })

  it('leaves to graphql-js what it must decide first: variables of the wrong type, an unknown operation name', async () => {
    const query = `query Page($page: Int) { assets(${library}, page: $page) { id } }`
    const wrongType = await gql({ query, variables: { page: 'two' } })
    expect(wrongType.status).toBe(400)
    expect(wrongType.body.errors[0].message).toMatch(/Int cannot represent/)
    const unknown = await gql({ query, operationName: 'Other' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0].message).toMatch(/Unknown operation named "Other"/)
    expect(executed.count).toBe(2)
  })

  it('leaves to graphql-js documents with fragments, nested objects or fields with resolvers', async () => {
    const documents = [
      `{ assets(${library}, pageSize: 2) { ...Fields } } fragment Fields on Asset { id }`,
      `{ assets(${library}, pageSize: 2) { id uploadedBy { name } } }`,
      `{ assets(${library}, pageSize: 2) { id sizes } }`,
      `{ a: assets(${library}, pageSize: 1) { id } b: viewer { plan } }`,
    ]
    for (const query of documents) expect((await gql({ query })).status, query).toBe(200)
    expect(executed.count).toBe(documents.length)
  })
})
