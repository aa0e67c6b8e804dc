import { describe, expect, it } from 'vitest'
import type { ErrorCode } from '../src/contract/errors.js'
import { MB, barcelona, files, tinyPng, useMockServer, type Call } from './support/client.js'
import { expectError, graphqlClient, type GraphQLCall } from './support/graphql.js'
import { ids } from './support/graphql-operations.js'

/**
 * The failures each operation raises beyond access (see the parity test for
 * those), each sent through both APIs: GraphQL answers REST's code, status and message.
 */
const { mock, call } = useMockServer()
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)

interface Case {
  field: string
  code: ErrorCode
  why: string
  graphql: GraphQLCall
  rest: Call
  /** Asserted on both sides when the code has more than one message. */
  message?: string
}

const acme = '/organizations/acme/libraries'
const drafts = '/organizations/unclaimed-demo/libraries/drafts'
/** A real PNG of `size` bytes, as REST's `files()` sends. */
const bytes = (size: number) => new File([files(1, size).get('files') as File], 'big.png', { type: 'image/png' })
const lib = (organizationId = 'monogram-labs', libraryId = 'barcelona') => `organizationId: "${organizationId}", libraryId: "${libraryId}"`
const upload = (args: string, selection = 'responseText') => `mutation($files: [Upload!]!) { uploadAssets(${args}, files: $files) { ${selection} } }`
const many = (count: number) => Array.from({ length: count }, (_, i) => `id-${i}`)

const cases: Case[] = [
  {
    field: 'assets', code: 'BAD_USER_INPUT', why: 'six filter tags', message: 'At most 5 tags can be used to filter.',
    graphql: { query: `{ assets(${lib()}, tags: ["a", "b", "c", "d", "e", "f"]) { id } }` },
    rest: { path: `${barcelona}/assets?tags=a,b,c,d,e,f` },
  },
  {
    field: 'assets', code: 'BAD_USER_INPUT', why: 'a negative page (REST page 0)',
    message: 'Invalid page: pages are whole numbers from 1 in REST and from 0 in GraphQL.',
    graphql: { query: `{ assets(${lib()}, page: -1) { id } }` },
    rest: { path: `${barcelona}/assets?page=0` },
  },
  {
    field: 'assets', code: 'BAD_USER_INPUT', why: 'a page size over 500',
    graphql: { query: `{ assets(${lib()}, pageSize: 501) { id } }` },
    rest: { path: `${barcelona}/assets?pageSize=501` },
  },
  {
    field: 'asset', code: 'RESOURCE_NOT_FOUND', why: 'an unknown asset',
    graphql: { query: `{ asset(${lib()}, assetId: "nope") { id } }` },
    rest: { path: `${barcelona}/assets/nope` },
  },
  {
    field: 'searchAssets', code: 'BAD_USER_INPUT', why: 'a page size of 0',
    graphql: { query: '{ searchAssets(organizationId: "monogram-labs", pageSize: 0) { found } }' },
    rest: { path: '/organizations/monogram-labs/search/assets?pageSize=0' },
  },
  {
    field: 'libraries', code: 'BAD_USER_INPUT', why: 'a negative page',
    graphql: { query: '{ libraries(organizationId: "monogram-labs", page: -1) { id } }' },
    rest: { path: '/organizations/monogram-labs/libraries?page=0' },
  },
  {
    field: 'tags', code: 'BAD_USER_INPUT', why: 'a limit of 0', message: 'Invalid limit: it must be a whole number from 1 to 1000.',
    graphql: { query: `{ tags(${lib()}, limit: 0) { id } }` },
    rest: { path: `${barcelona}/tags?limit=0` },
  },
  {
    field: 'photos', code: 'BAD_USER_INPUT', why: 'a negative page',
    graphql: { query: `{ photos(${lib()}, page: -1) { id } }` },
    rest: { path: `${barcelona}/assets?page=0&pageSize=500` },
  },
  {
    field: 'uploadAssets', code: 'UPLOAD_ERROR_NO_FILES', why: 'no files',
    graphql: { query: upload(lib()), files: [] },
    rest: { method: 'POST', path: `${barcelona}/assets`, body: files(0) },
  },
  {
    field: 'uploadAssets', code: 'MAX_ASSETS_EXCEEDED', why: '21 files', message: 'An upload can contain at most 20 files.',
    graphql: { query: upload(lib()), files: Array.from({ length: 21 }, () => bytes(1000)) },
    rest: { method: 'POST', path: `${barcelona}/assets`, body: files(21) },
  },
  {
    field: 'uploadAssets', code: 'PAYLOAD_TOO_LARGE', why: 'a file over 100 MB',
    graphql: { query: upload(lib()), files: [bytes(100 * MB + 1)] },
    rest: { method: 'POST', path: `${barcelona}/assets`, body: files(1, 100 * MB + 1) },
  },
  {
    field: 'uploadAssets', code: 'BAD_USER_INPUT', why: 'a file that is not an image',
    message: 'files[0] ("notes.txt") is not an image: only PNG, JPEG, GIF, WebP, AVIF and SVG files can be uploaded.',
    graphql: { query: upload(lib()), files: [new File(['hello'], 'notes.txt', { type: 'text/plain' })] },
    rest: {
      method: 'POST',
      path: `${barcelona}/assets`,
      body: (() => {
        const form = new FormData()
        form.append('files', new File(['hello'], 'notes.txt', { type: 'text/plain' }))
        return form
      })(),
    },
  },
  {
    field: 'uploadAssets', code: 'RESOURCE_NOT_FOUND', why: 'an unknown parentId',
    graphql: { query: upload(`${lib()}, parentId: "nope"`), files: [new File([tinyPng], 'v.png', { type: 'image/png' })] },
    rest: {
      method: 'POST',
      path: `${barcelona}/assets`,
      body: (() => {
        const form = files(1)
        form.append('parentId', 'nope')
        return form
      })(),
    },
  },
  {
    field: 'uploadAssets', code: 'PRO_PLAN_CANCELED', why: 'a canceled Pro plan',
    graphql: { key: 'pk_northwind_write', query: upload(lib('northwind', 'northwind-main')), files: [bytes(1000)] },
    rest: { key: 'pk_northwind_write', method: 'POST', path: '/organizations/northwind/libraries/northwind-main/assets', body: files(1) },
  },
  {
    field: 'uploadAssets', code: 'STORAGE_LIMIT_EXCEEDED', why: '2 MB into the 1 MB a Free plan has left',
    graphql: { key: 'pk_acme_write', query: upload(lib('acme', 'acme-1')), files: [bytes(2 * MB)] },
    rest: { key: 'pk_acme_write', method: 'POST', path: `${acme}/acme-1/assets`, body: files(1, 2 * MB) },
  },
  {
    field: 'uploadAssets', code: 'EPHEMERAL_STORAGE_LIMIT_EXCEEDED', why: '2 MB into a temporary library 1 MB below its cap',
    graphql: { key: 'pk_unclaimed_demo', query: upload(lib('unclaimed-demo', 'drafts')), files: [bytes(2 * MB)] },
    rest: { key: 'pk_unclaimed_demo', method: 'POST', path: `${drafts}/assets`, body: files(1, 2 * MB) },
  },
  {
    field: 'deleteAssets', code: 'DELETE_ERROR', why: 'no ids',
    graphql: { query: `mutation { deleteAssets(${lib()}, assets: []) { ids } }` },
    rest: { method: 'DELETE', path: `${barcelona}/assets`, json: { ids: [] } },
  },
  {
    field: 'deleteAssets', code: 'MAX_ASSETS_EXCEEDED', why: '101 ids', message: 'A delete can contain at most 100 ids.',
    graphql: { query: `mutation($ids: [ID!]!) { deleteAssets(${lib()}, assets: $ids) { ids } }`, variables: { ids: many(101) } },
    rest: { method: 'DELETE', path: `${barcelona}/assets`, json: { ids: many(101) } },
  },
  {
    field: 'tagAssets', code: 'RESOURCE_NOT_FOUND', why: 'an unknown asset among the ids',
    graphql: { query: `mutation { tagAssets(${lib()}, assetIds: ["${ids.plain}", "nope"], tags: ["x"]) { taggedCount } }` },
    rest: { method: 'POST', path: `${barcelona}/assets/tag`, json: { assetIds: [ids.plain, 'nope'], tags: ['x'] } },
  },
  {
    field: 'tagAssets', code: 'BAD_USER_INPUT', why: 'a reserved tag', message: 'The tag "trash" is reserved and cannot be used.',
    graphql: { query: `mutation { tagAssets(${lib()}, assetIds: ["${ids.plain}"], tags: ["trash"]) { taggedCount } }` },
    rest: { method: 'POST', path: `${barcelona}/assets/tag`, json: { assetIds: [ids.plain], tags: ['trash'] } },
  },
  {
    field: 'tagAssets', code: 'BAD_USER_INPUT', why: 'no tags', message: 'tags must contain at least 1 item(s).',
    graphql: { query: `mutation { tagAssets(${lib()}, assetIds: ["${ids.plain}"], tags: []) { taggedCount } }` },
    rest: { method: 'POST', path: `${barcelona}/assets/tag`, json: { assetIds: [ids.plain], tags: [] } },
  },
  {
    field: 'untagAssets', code: 'RESOURCE_NOT_FOUND', why: 'an unknown asset',
    graphql: { query: `mutation { untagAssets(${lib()}, assetIds: ["nope"], tags: ["beach"]) { untaggedCount } }` },
    rest: { method: 'POST', path: `${barcelona}/assets/untag`, json: { assetIds: ['nope'], tags: ['beach'] } },
  },
  {
    field: 'untagAssets', code: 'BAD_USER_INPUT', why: 'a reserved tag',
    graphql: { query: `mutation { untagAssets(${lib()}, assetIds: ["${ids.plain}"], tags: ["index"]) { untaggedCount } }` },
    rest: { method: 'POST', path: `${barcelona}/assets/untag`, json: { assetIds: [ids.plain], tags: ['index'] } },
  },
  {
    field: 'updateAssetDescription', code: 'RESOURCE_NOT_FOUND', why: 'an unknown asset',
    graphql: { query: `mutation { updateAssetDescription(${lib()}, assetId: "nope", description: "x") { assetId } }` },
    rest: { method: 'PATCH', path: `${barcelona}/assets/nope/description`, json: { description: 'x' } },
  },
  {
    field: 'updateAssetDescription', code: 'BAD_USER_INPUT', why: 'a description over 5000 characters',
    graphql: {
      query: `mutation($d: String!) { updateAssetDescription(${lib()}, assetId: "${ids.plain}", description: $d) { assetId } }`,
      variables: { d: 'x'.repeat(5001) },
    },
    rest: { method: 'PATCH', path: `${barcelona}/assets/${ids.plain}/description`, json: { description: 'x'.repeat(5001) } },
  },
  {
    field: 'transferAssets', code: 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY', why: 'no grant on the target',
    graphql: {
      key: 'pk_monogram_tokyo',
      query: `mutation { transferAssets(${lib('monogram-labs', 'tokyo')}, targetLibraryId: "barcelona", assetIds: ["68lgkfGZle0W"]) { transferredCount } }`,
    },
    rest: {
      key: 'pk_monogram_tokyo',
      method: 'POST',
      path: '/organizations/monogram-labs/libraries/tokyo/assets/transfer',
      json: { targetLibraryId: 'barcelona', assetIds: ['68lgkfGZle0W'] },
    },
  },
  {
    field: 'transferAssets', code: 'LIBRARY_LOCKED', why: 'a locked target',
    graphql: { key: 'pk_acme_write', query: `mutation { transferAssets(${lib('acme', 'acme-1')}, targetLibraryId: "acme-4", assetIds: ["x"]) { transferredCount } }` },
    rest: { key: 'pk_acme_write', method: 'POST', path: `${acme}/acme-1/assets/transfer`, json: { targetLibraryId: 'acme-4', assetIds: ['x'] } },
  },
  {
    field: 'transferAssets', code: 'BAD_USER_INPUT', why: 'the source as target', message: 'targetLibraryId must differ from the source library.',
    graphql: { query: `mutation { transferAssets(${lib()}, targetLibraryId: "barcelona", assetIds: ["${ids.plain}"]) { transferredCount } }` },
    rest: { method: 'POST', path: `${barcelona}/assets/transfer`, json: { targetLibraryId: 'barcelona', assetIds: [ids.plain] } },
  },
  {
    field: 'transferAssets', code: 'RESOURCE_NOT_FOUND', why: 'an unknown asset',
    graphql: { query: `mutation { transferAssets(${lib()}, targetLibraryId: "tokyo", assetIds: ["nope"]) { transferredCount } }` },
    rest: { method: 'POST', path: `${barcelona}/assets/transfer`, json: { targetLibraryId: 'tokyo', assetIds: ['nope'] } },
  },
  {
    field: 'createLibrary', code: 'CONFLICT', why: 'a slug taken',
    graphql: { query: 'mutation { createLibrary(organizationId: "monogram-labs", name: "Tokyo again", slug: "tokyo") { id } }' },
    rest: { method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'Tokyo again', slug: 'tokyo' } },
  },
  {
    field: 'createLibrary', code: 'API_KEY_READ_ONLY', why: 'a read-only key',
    graphql: { key: 'pk_monogram_read', query: 'mutation { createLibrary(organizationId: "monogram-labs", name: "New") { id } }' },
    rest: { key: 'pk_monogram_read', method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'New' } },
  },
  // A canceled Pro plan refuses library creation from 2026-07-08 only: test/version-2026-07-08-graphql.test.ts.
  {
    field: 'createLibrary', code: 'EPHEMERAL_LIBRARY_LIMIT_EXCEEDED', why: 'a temporary organization',
    graphql: { key: 'pk_unclaimed_demo', query: 'mutation { createLibrary(organizationId: "unclaimed-demo", name: "More") { id } }' },
    rest: { key: 'pk_unclaimed_demo', method: 'POST', path: '/organizations/unclaimed-demo/libraries', json: { name: 'More' } },
  },
  {
    field: 'createLibrary', code: 'BAD_USER_INPUT', why: 'a slug that is not one',
    message: 'slug must be lowercase letters, digits and single dashes, like "my-library".',
    graphql: { query: 'mutation { createLibrary(organizationId: "monogram-labs", name: "New", slug: "Not A Slug") { id } }' },
    rest: { method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'New', slug: 'Not A Slug' } },
  },
  {
    field: 'renameLibrary', code: 'BAD_USER_INPUT', why: 'a blank name', message: 'name must not be empty.',
    graphql: { query: `mutation { renameLibrary(${lib()}, name: "  ") { id } }` },
    rest: { method: 'PATCH', path: barcelona, json: { name: '  ' } },
  },
]

describe.each(cases)('$field', ({ code, why, graphql, rest, message }) => {
  it(`fails like REST, with ${code}, for ${why}`, async () => {
    const restReply = await call(rest)
    expect(restReply.body.error?.code, restReply.text).toBe(code)
    if (message) expect(restReply.body.error.message).toBe(message)
    expectError(await gql(graphql), code, restReply.body.error.message)
  })
})

describe('an upload that fails', () => {
  it('stores nothing', async () => {
    const before = await gql({ key: 'pk_acme_write', query: '{ libraries(organizationId: "acme") { id assetsCount } }' })
    await gql({ key: 'pk_acme_write', query: upload(lib('acme', 'acme-1')), files: [bytes(1000), bytes(2 * MB)] })
    const after = await gql({ key: 'pk_acme_write', query: '{ libraries(organizationId: "acme") { id assetsCount } }' })
    expect(after.body).toEqual(before.body)
  })
})
