import { describe, expect, it } from 'vitest'
import { tinyPng, useMockServer, type Call } from './support/client.js'
import { expectData, graphqlClient, type GraphQLCall } from './support/graphql.js'
import { ids } from './support/graphql-operations.js'

/**
 * Every example of Raster's GraphQL docs (docs.raster.app/api/graphql: getting started, queries, mutations) and
 * of Raster's agent-skills `graphql.md`, as written there, with the fixture world's ids (and tags and search
 * terms that match something in it). Each validates and answers what REST answers for the same request.
 */
const { mock, call } = useMockServer({ now: () => Date.UTC(2026, 4, 21) })
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)
const barcelona = '/organizations/monogram-labs/libraries/barcelona'
const png = (name: string) => new File([tinyPng], name, { type: 'image/png' })

interface DocExample {
  name: string
  graphql: GraphQLCall
  /** The field's expected value, from REST's answer to the same request. */
  rest: Call
  expected(restData: any): unknown
}

/** REST leaves out what did not match, GraphQL answers null. */
const highlightsOf = ({ highlights }: any) => highlights && { name: highlights.name ?? null, tags: highlights.tags ?? null }

/** REST's objects reduced to the fields an example selects. */
const pick = (fields: string[]) => (value: any) => Object.fromEntries(fields.map((field) => [field, value[field]]))
const pickEach = (fields: string[]) => (list: any[]) => list.map(pick(fields))

const examples: DocExample[] = [
  {
    name: 'getting started: assets',
    graphql: { query: 'query Assets { assets(organizationId: "monogram-labs", libraryId: "barcelona") { id name url } }' },
    rest: { path: `${barcelona}/assets` },
    expected: pickEach(['id', 'name', 'url']),
  },
  {
    name: 'queries: assets, page 1 first',
    graphql: {
      query: `query {
        assets(organizationId: "monogram-labs", libraryId: "barcelona", page: 1, pageSize: 20, tags: ["beach", "night"]) {
          id name type url tags
        }
      }`,
    },
    rest: { path: `${barcelona}/assets?page=1&pageSize=20&tags=beach,night` },
    expected: pickEach(['id', 'name', 'type', 'url', 'tags']),
  },
  {
    name: 'queries: asset',
    graphql: { query: `query { asset(organizationId: "monogram-labs", libraryId: "barcelona", assetId: "${ids.withView}") { id name url tags description } }` },
    rest: { path: `${barcelona}/assets/${ids.withView}` },
    expected: pick(['id', 'name', 'url', 'tags', 'description']),
  },
  {
    name: 'queries: searchAssets, page 1 first, reporting page 1',
    graphql: {
      query: `query {
        searchAssets(organizationId: "monogram-labs", q: "night", libraries: ["barcelona", "lisbon"], page: 1, pageSize: 10) {
          hits { id name url libraryId score highlights { name tags } }
          found
          page
        }
      }`,
    },
    rest: { path: '/organizations/monogram-labs/search/assets?q=night&libraries=barcelona,lisbon&page=1&pageSize=10' },
    expected: (data) => ({
      hits: data.hits.map((hit: any) => ({ ...pick(['id', 'name', 'url', 'libraryId', 'score'])(hit), highlights: highlightsOf(hit) })),
      found: data.found,
      page: 1,
    }),
  },
  {
    name: 'queries: libraries, page 1 first',
    graphql: { query: 'query { libraries(organizationId: "monogram-labs", page: 1, pageSize: 10) { id name assetsCount trashCount tags { id count type } } }' },
    rest: { path: '/organizations/monogram-labs/libraries?page=1&pageSize=10' },
    expected: pickEach(['id', 'name', 'assetsCount', 'trashCount', 'tags']),
  },
  {
    name: 'queries: tags',
    graphql: { query: 'query { tags(organizationId: "monogram-labs", libraryId: "barcelona", limit: 10) { id count type } }' },
    rest: { path: `${barcelona}/tags?limit=10` },
    expected: (data) => data,
  },
  {
    name: 'queries: photos (deprecated), page 0 first',
    graphql: { query: 'query { photos(organizationId: "monogram-labs", libraryId: "barcelona", page: 0) { id name url createdAt updatedAt metadata } }' },
    rest: { path: `${barcelona}/assets?page=1&pageSize=500` },
    expected: (data) =>
      data.map((asset: any) => ({ id: asset.id, name: asset.name, url: asset.url, createdAt: asset.created, updatedAt: asset.updated, metadata: '{}' })),
  },
  {
    name: 'the first API page: photos with no page',
    graphql: { query: 'query Photos { photos(organizationId: "monogram-labs", libraryId: "barcelona") { name url }}' },
    rest: { path: `${barcelona}/assets?page=1&pageSize=500` },
    expected: pickEach(['name', 'url']),
  },
  {
    name: 'agent-skills: searchAssets',
    graphql: { query: 'query { searchAssets(organizationId: "monogram-labs", q: "night") { hits { id name url tags } found } }' },
    rest: { path: '/organizations/monogram-labs/search/assets?q=night' },
    expected: (data) => ({ hits: pickEach(['id', 'name', 'url', 'tags'])(data.hits), found: data.found }),
  },
  {
    name: 'mutations: deleteAssets',
    graphql: { query: `mutation { deleteAssets(organizationId: "monogram-labs", libraryId: "barcelona", assets: ["${ids.plain}", "${ids.withView}"]) { success message ids } }` },
    rest: { method: 'DELETE', path: `${barcelona}/assets`, json: { ids: [ids.plain, ids.withView] } },
    expected: (data) => data,
  },
  {
    name: 'mutations: tagAssets',
    graphql: { query: `mutation { tagAssets(organizationId: "monogram-labs", libraryId: "barcelona", assetIds: ["${ids.plain}", "${ids.withView}"], tags: ["sunset", "landscape"]) { taggedCount } }` },
    rest: { method: 'POST', path: `${barcelona}/assets/tag`, json: { assetIds: [ids.plain, ids.withView], tags: ['sunset', 'landscape'] } },
    expected: (data) => data,
  },
  {
    name: 'agent-skills: untagAssets',
    graphql: { query: `mutation { untagAssets(organizationId: "monogram-labs", libraryId: "barcelona", assetIds: ["${ids.plain}"], tags: ["beach"]) { untaggedCount } }` },
    rest: { method: 'POST', path: `${barcelona}/assets/untag`, json: { assetIds: [ids.plain], tags: ['beach'] } },
    expected: (data) => data,
  },
  {
    name: 'agent-skills: updateAssetDescription',
    graphql: { query: `mutation { updateAssetDescription(organizationId: "monogram-labs", libraryId: "barcelona", assetId: "${ids.withView}", description: "Golden hour") { assetId description } }` },
    rest: { method: 'PATCH', path: `${barcelona}/assets/${ids.withView}/description`, json: { description: 'Golden hour' } },
    expected: (data) => data,
  },
  {
    name: 'agent-skills: transferAssets with sourceLibraryId',
    graphql: { query: `mutation { transferAssets(organizationId: "monogram-labs", sourceLibraryId: "barcelona", targetLibraryId: "tokyo", assetIds: ["${ids.plain}"]) { transferredCount } }` },
    rest: { method: 'POST', path: `${barcelona}/assets/transfer`, json: { targetLibraryId: 'tokyo', assetIds: [ids.plain] } },
    expected: pick(['transferredCount']),
  },
  {
    name: 'agent-skills: createLibrary',
    graphql: { query: 'mutation { createLibrary(organizationId: "monogram-labs", name: "Porto", slug: "porto") { id name } }' },
    rest: { method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'Porto', slug: 'porto' } },
    expected: pick(['id', 'name']),
  },
  {
    name: 'agent-skills: renameLibrary',
    graphql: { query: 'mutation { renameLibrary(organizationId: "monogram-labs", libraryId: "barcelona", name: "BCN") { id name } }' },
    rest: { method: 'PATCH', path: barcelona, json: { name: 'BCN' } },
    expected: pick(['id', 'name']),
  },
]

/** The docs' upload: `files: [$file1, $file2]`, so each file fills its own variable. */
function docsUploadForm(query: string): FormData {
  const form = new FormData()
  form.append('operations', JSON.stringify({ query, variables: { file1: null, file2: null } }))
  form.append('map', JSON.stringify({ 0: ['variables.file1'], 1: ['variables.file2'] }))
  form.append('0', png('one.png'))
  form.append('1', png('two.png'))
  return form
}

function restUploadForm(): FormData {
  const form = new FormData()
  form.append('files', png('one.png'))
  form.append('files', png('two.png'))
  return form
}

const uploadExamples: DocExample[] = [
  {
    name: 'mutations: uploadAssets with email, two file variables',
    graphql: {
      query: '',
      body: docsUploadForm(`mutation ($file1: Upload!, $file2: Upload!) {
        uploadAssets(organizationId: "monogram-labs", libraryId: "barcelona", files: [$file1, $file2], email: "user@example.com") {
          responseText
          assets { id name filename contentType created tags status progress }
        }
      }`),
    },
    rest: { method: 'POST', path: `${barcelona}/assets`, body: restUploadForm() },
    expected: (data) => ({
      responseText: 'Uploaded 2 assets',
      assets: data.assets.map((asset: any) => ({
        ...pick(['id', 'name', 'contentType', 'created', 'tags'])(asset),
        filename: asset.name,
        status: 'ready',
        progress: 100,
      })),
    }),
  },
  {
    name: 'agent-skills: uploadAssets with a files variable',
    graphql: {
      query: `mutation Upload($files: [Upload!]!) {
        uploadAssets(organizationId: "monogram-labs", libraryId: "barcelona", files: $files, email: "user@example.com") { assets { id url } }
      }`,
      files: [png('one.png'), png('two.png')],
    },
    rest: { method: 'POST', path: `${barcelona}/assets`, body: restUploadForm() },
    expected: (data) => ({ assets: pickEach(['id', 'url'])(data.assets) }),
  },
]

describe("Raster's documented GraphQL examples", () => {
  it.each([...examples, ...uploadExamples])('$name answers what REST answers', async (example) => {
    const rest = await call(example.rest)
    expect(rest.status, rest.text).toBeLessThan(300)
    await mock.reset()
    const data = expectData(await gql(example.graphql))
    const [value] = Object.values(data)
    expect(value).not.toEqual([])
    expect(value).toEqual(example.expected(rest.body.data))
  })
})
