import { describe, expect, it } from 'vitest'
import type { ErrorCode } from '../src/contract/errors.js'
import { ErrorEnvelope } from '../src/contract/schemas.js'
import { MB, barcelona, files, tinyPng, useMockServer, type Call } from './support/client.js'
import { expectedError } from './support/error-cases.js'

const { mock, call } = useMockServer()

function form(entries: Array<[string, string | File]>): FormData {
  const body = new FormData()
  for (const [name, value] of entries) body.append(name, value)
  return body
}

const png = (name: string, bytes: Uint8Array<ArrayBuffer> = tinyPng) => new File([bytes], name, { type: 'image/png' })
const someIds = async () => {
  await mock.ready
  return mock.db.visibleAssets(mock.db.library('monogram-labs', 'barcelona')!).slice(0, 2).map((a) => a.id)
}

interface BadInput {
  why: string
  code: ErrorCode
  message?: string
  call: (ids: string[]) => Call
}

const cases: BadInput[] = [
  { why: 'non-integer page', code: 'BAD_USER_INPUT', message: 'Invalid page: pages are whole numbers from 1 in REST and from 0 in GraphQL.', call: () => ({ path: `${barcelona}/assets?page=1.5` }) },
  { why: 'zero page', code: 'BAD_USER_INPUT', message: 'Invalid page: pages are whole numbers from 1 in REST and from 0 in GraphQL.', call: () => ({ path: `${barcelona}/assets?page=0` }) },
  { why: 'negative page', code: 'BAD_USER_INPUT', message: 'Invalid page: pages are whole numbers from 1 in REST and from 0 in GraphQL.', call: () => ({ path: `${barcelona}/assets?page=-1` }) },
  { why: 'huge page', code: 'BAD_USER_INPUT', message: 'Invalid page: pages are whole numbers from 1 in REST and from 0 in GraphQL.', call: () => ({ path: `${barcelona}/assets?page=99999999999999999999` }) },
  { why: 'empty page', code: 'BAD_USER_INPUT', message: 'Invalid page: pages are whole numbers from 1 in REST and from 0 in GraphQL.', call: () => ({ path: `${barcelona}/assets?page=` }) },
  { why: 'text pageSize', code: 'BAD_USER_INPUT', message: 'Invalid pageSize: it must be a whole number from 1 to 500.', call: () => ({ path: '/organizations/monogram-labs/libraries?pageSize=ten' }) },
  {
    why: 'pageSize over 500',
    code: 'BAD_USER_INPUT',
    message: 'Invalid pageSize: it must be a whole number from 1 to 500.',
    call: () => ({ path: `${barcelona}/assets?pageSize=501` }),
  },
  { why: 'six tags', code: 'BAD_USER_INPUT', message: 'At most 5 tags can be used to filter.', call: () => ({ path: `${barcelona}/assets?tags=a&tags=b&tags=c&tags=d&tags=e&tags=f` }) },
  { why: 'JSON upload', code: 'BAD_USER_INPUT', message: 'An upload must be sent as multipart/form-data with one or more files fields.', call: () => ({ method: 'POST', path: `${barcelona}/assets`, json: { files: [] } }) },
  { why: 'zero files', code: 'UPLOAD_ERROR_NO_FILES', call: () => ({ method: 'POST', path: `${barcelona}/assets`, body: form([['parentId', 'x']]) }) },
  { why: '21 files', code: 'MAX_ASSETS_EXCEEDED', call: () => ({ method: 'POST', path: `${barcelona}/assets`, body: files(21) }) },
  {
    why: 'one file over the limit among good ones',
    code: 'PAYLOAD_TOO_LARGE',
    call: () => ({ method: 'POST', path: `${barcelona}/assets`, body: form([['files', png('ok.png')], ['files', png('big.png', new Uint8Array(100 * MB + 1))]]) }),
  },
  {
    why: 'a non-image file',
    code: 'BAD_USER_INPUT',
    message: 'files[1] ("notes.txt") is not an image: only PNG, JPEG, GIF, WebP, AVIF and SVG files can be uploaded.',
    call: () => ({ method: 'POST', path: `${barcelona}/assets`, body: form([['files', png('ok.png')], ['files', new File(['hi'], 'notes.txt', { type: 'text/plain' })]]) }),
  },
  { why: 'files as a text field', code: 'BAD_USER_INPUT', message: 'files[0] must be a file.', call: () => ({ method: 'POST', path: `${barcelona}/assets`, body: form([['files', 'not a file']]) }) },
  { why: 'parentId with two files', code: 'BAD_USER_INPUT', message: 'parentId can only be used with a single file.', call: () => ({ method: 'POST', path: `${barcelona}/assets`, body: form([['files', png('a.png')], ['files', png('b.png')], ['parentId', 'x']]) }) },
  { why: 'unknown parentId', code: 'RESOURCE_NOT_FOUND', call: () => ({ method: 'POST', path: `${barcelona}/assets`, body: form([['files', png('a.png')], ['parentId', 'nope']]) }) },
  { why: '101 ids', code: 'MAX_ASSETS_EXCEEDED', message: 'A delete can contain at most 100 ids.', call: () => ({ method: 'DELETE', path: `${barcelona}/assets`, json: { ids: Array.from({ length: 101 }, (_, i) => String(i)) } }) },
  { why: 'missing ids', code: 'DELETE_ERROR', call: () => ({ method: 'DELETE', path: `${barcelona}/assets`, json: {} }) },
  { why: 'ids not a list', code: 'BAD_USER_INPUT', message: 'ids must be an array.', call: () => ({ method: 'DELETE', path: `${barcelona}/assets`, json: { ids: 'abc' } }) },
  { why: 'a JSON array body', code: 'BAD_USER_INPUT', message: 'The JSON body must be an object.', call: () => ({ method: 'DELETE', path: `${barcelona}/assets`, json: ['abc'] }) },
  { why: 'malformed JSON', code: 'BAD_USER_INPUT', message: 'Invalid JSON body.', call: () => ({ method: 'DELETE', path: `${barcelona}/assets`, body: '{ids', headers: { 'Content-Type': 'application/json' } }) },
  { why: 'reserved tag', code: 'BAD_USER_INPUT', message: 'The tag "trash" is reserved and cannot be used.', call: (ids) => ({ method: 'POST', path: `${barcelona}/assets/tag`, json: { assetIds: ids, tags: ['ok', 'trash'] } }) },
  { why: 'reserved tag index', code: 'BAD_USER_INPUT', message: 'The tag "Index" is reserved and cannot be used.', call: (ids) => ({ method: 'POST', path: `${barcelona}/assets/untag`, json: { assetIds: ids, tags: ['Index'] } }) },
  { why: '21 tags', code: 'BAD_USER_INPUT', message: 'tags must contain at most 20 items.', call: (ids) => ({ method: 'POST', path: `${barcelona}/assets/tag`, json: { assetIds: ids, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } }) },
  { why: 'tag of another type', code: 'BAD_USER_INPUT', message: 'tags[0] must be a string.', call: (ids) => ({ method: 'POST', path: `${barcelona}/assets/tag`, json: { assetIds: ids, tags: [7] } }) },
  { why: 'unknown asset among ids to tag', code: 'RESOURCE_NOT_FOUND', call: (ids) => ({ method: 'POST', path: `${barcelona}/assets/tag`, json: { assetIds: [...ids, 'nope'], tags: ['x'] } }) },
  { why: 'unknown asset among ids to transfer', code: 'RESOURCE_NOT_FOUND', call: (ids) => ({ method: 'POST', path: `${barcelona}/assets/transfer`, json: { targetLibraryId: 'tokyo', assetIds: [...ids, 'nope'] } }) },
  { why: 'transfer to another org’s library', code: 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY', call: (ids) => ({ method: 'POST', path: `${barcelona}/assets/transfer`, json: { targetLibraryId: 'acme-1', assetIds: ids } }) },
  { why: 'transfer to the same library', code: 'BAD_USER_INPUT', message: 'targetLibraryId must differ from the source library.', call: (ids) => ({ method: 'POST', path: `${barcelona}/assets/transfer`, json: { targetLibraryId: 'barcelona', assetIds: ids } }) },
  { why: 'transfer with a read grant on the target', code: 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY', call: () => ({ method: 'POST', path: '/organizations/monogram-labs/libraries/tokyo/assets/transfer', key: 'pk_monogram_tokyo', json: { targetLibraryId: 'barcelona', assetIds: ['x'] } }) },
  { why: 'asset ids of another library', code: 'RESOURCE_NOT_FOUND', call: (ids) => ({ method: 'POST', path: '/organizations/monogram-labs/libraries/tokyo/assets/tag', json: { assetIds: ids, tags: ['x'] } }) },
  { why: 'description not a string', code: 'BAD_USER_INPUT', message: 'description must be a string.', call: (ids) => ({ method: 'PATCH', path: `${barcelona}/assets/${ids[0]}/description`, json: { description: 5 } }) },
  { why: 'description missing', code: 'BAD_USER_INPUT', message: 'description is required.', call: (ids) => ({ method: 'PATCH', path: `${barcelona}/assets/${ids[0]}/description`, json: {} }) },
  { why: 'bad email', code: 'BAD_USER_INPUT', message: 'email must be a valid email address.', call: () => ({ method: 'POST', path: '/libraries', key: null, json: { email: 'x@' } }) },
  { why: 'missing email', code: 'BAD_USER_INPUT', message: 'email is required.', call: () => ({ method: 'POST', path: '/libraries', key: null, json: { name: 'x' } }) },
  { why: 'slug taken', code: 'CONFLICT', call: () => ({ method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'Barcelona' } }) },
  { why: 'invalid slug', code: 'BAD_USER_INPUT', message: 'slug must be lowercase letters, digits and single dashes, like "my-library".', call: () => ({ method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'X', slug: 'Not A Slug' } }) },
  { why: 'empty library name', code: 'BAD_USER_INPUT', message: 'name must not be empty.', call: () => ({ method: 'PATCH', path: barcelona, json: { name: '  ' } }) },
  { why: 'tag limit zero', code: 'BAD_USER_INPUT', message: 'Invalid limit: it must be a whole number from 1 to 1000.', call: () => ({ path: `${barcelona}/tags?limit=0` }) },
]

describe('bad input gets its documented envelope and changes nothing', () => {
  it.each(cases)('$why → $code', async ({ code, message, call: build }) => {
    const ids = await someIds()
    const before = mock.db.toRecords()
    const reply = await call(build(ids))
    const expected = expectedError(code, message)
    expect(reply.status, reply.text).toBe(expected.status)
    const { error } = ErrorEnvelope.parse(reply.body)
    expect(error.code).toBe(code)
    expect(error.message).toBe(expected.body.error.message)
    expect(error.message).not.toMatch(/at .*\.ts:\d+/)
    expect(mock.db.toRecords()).toEqual(before)
  })

  it('never crashes on odd bodies sent to every write endpoint', async () => {
    const bodies = ['null', '[]', '"x"', '1e999', '{"ids":null}', '{"assetIds":[null]}', '{"__proto__":{"x":1}}', '\u0000', '{'.repeat(500)]
    const paths: Array<[string, string]> = [
      ['DELETE', `${barcelona}/assets`],
      ['POST', `${barcelona}/assets/tag`],
      ['POST', `${barcelona}/assets/untag`],
      ['POST', `${barcelona}/assets/transfer`],
      ['PATCH', `${barcelona}/assets/x/description`],
      ['PATCH', barcelona],
      ['POST', '/organizations/monogram-labs/libraries'],
      ['POST', '/libraries'],
      ['POST', `${barcelona}/assets`],
    ]
    await mock.ready
    const before = mock.db.toRecords()
    for (const [method, path] of paths) {
      for (const body of bodies) {
        const reply = await call({ method, path, body, headers: { 'Content-Type': 'application/json' } })
        expect(reply.status, `${method} ${path} ${body}`).toBeGreaterThanOrEqual(400)
        expect(reply.status).toBeLessThan(500)
        ErrorEnvelope.parse(reply.body)
      }
    }
    expect(mock.db.toRecords()).toEqual(before)
  })
})
