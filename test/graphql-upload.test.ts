import { describe, expect, it } from 'vitest'
import { messages } from '../src/contract/errors.js'
import { tinyPng, useMockServer } from './support/client.js'
import { expectData, expectError, graphqlClient, multipartForm } from './support/graphql.js'
import { ids } from './support/graphql-operations.js'

/** uploadAssets over the GraphQL multipart request spec; limits and quotas are in graphql-errors.test.ts. */
let clock = Date.UTC(2026, 4, 21)
const { mock } = useMockServer({ now: () => clock, limits: { processingMs: 5000 } })
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)

const uploadMutation = `mutation Upload($files: [Upload!]!, $parentId: ID) {
  uploadAssets(organizationId: "monogram-labs", libraryId: "lisbon", files: $files, parentId: $parentId) {
    responseText assets { id name width height contentType size url thumbUrl sizes views { name width height sizes } }
  }
}`
const png = (name: string) => new File([tinyPng], name, { type: 'image/png' })
const lisbonAssets = '{ assets(organizationId: "monogram-labs", libraryId: "lisbon") { name } }'

describe('uploadAssets (multipart)', () => {
  it('stores the files, serves their bytes back, and lists them once processed', async () => {
    const { uploadAssets } = expectData(await gql({ query: uploadMutation, files: [png('a.png'), png('b.png')] }))
    expect(uploadAssets.responseText).toBe('Uploaded 2 assets')
    expect(uploadAssets.assets.map((a: any) => [a.name, a.contentType, a.size])).toEqual([
      ['a.png', 'image/png', tinyPng.byteLength],
      ['b.png', 'image/png', tinyPng.byteLength],
    ])
    const image = await fetch(uploadAssets.assets[0].url)
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(tinyPng)

    // While processing: no dimensions, thumbs or sizes, and absent from lists.
    expect(uploadAssets.assets[0]).toMatchObject({ width: null, height: null, thumbUrl: null, sizes: null })
    expect(expectData(await gql({ query: lisbonAssets })).assets).toEqual([])
    clock += 5000
    expect(expectData(await gql({ query: lisbonAssets })).assets.map((a: any) => a.name).sort()).toEqual(['a.png', 'b.png'])
    const { asset } = expectData(
      await gql({ query: `{ asset(organizationId: "monogram-labs", libraryId: "lisbon", assetId: "${uploadAssets.assets[0].id}") { width height sizes } }` }),
    )
    expect(asset).toMatchObject({ width: 3, height: 2 })
    // 3 px wide: no rendition below it, only the original.
    expect(JSON.parse(asset.sizes)).toEqual({ 3: uploadAssets.assets[0].url })
  })

  it('answers each upload with its file name, processing at 0 % (ready at 100 % without processing: graphql-docs.test.ts)', async () => {
    const upload = `mutation($files: [Upload!]!) { uploadAssets(organizationId: "monogram-labs", libraryId: "lisbon", files: $files, email: "user@example.com") {
      assets { filename status progress } } }`
    expect(expectData(await gql({ query: upload, files: [png('sunset.png')] })).uploadAssets.assets).toEqual([
      { filename: 'sunset.png', status: 'processing', progress: 0 },
    ])
  })

  it('with parentId adds a variant and answers with the parent', async () => {
    const reply = await gql({
      query: uploadMutation.replace('"lisbon"', '"barcelona"'),
      variables: { parentId: ids.plain },
      files: [png('crop.png')],
    })
    const { uploadAssets } = expectData(reply)
    expect(uploadAssets.assets).toHaveLength(1)
    expect(uploadAssets.assets[0].id).toBe(ids.plain)
    expect(uploadAssets.assets[0].views).toEqual([{ name: 'crop.png', width: 3, height: 2, sizes: null }])
  })

  it('accepts a single file mapped to more than one place, as the spec allows', async () => {
    const form = new FormData()
    form.append('operations', JSON.stringify({ query: uploadMutation, variables: { files: [null, null] } }))
    form.append('map', JSON.stringify({ only: ['variables.files.0', 'variables.files.1'] }))
    form.append('only', png('twice.png'))
    expect(expectData(await gql({ query: '', body: form })).uploadAssets.responseText).toBe('Uploaded 2 assets')
  })
})

describe('a malformed multipart request gets the envelope', () => {
  const send = (parts: Record<string, string | File>) => {
    const form = new FormData()
    for (const [name, value] of Object.entries(parts)) form.append(name, value)
    return gql({ query: '', body: form })
  }
  const operations = JSON.stringify({ query: uploadMutation, variables: { files: [null] } })

  it.each([
    ['no operations field', { map: '{}' }, messages.multipartOperationsMissing],
    ['operations that are not JSON', { operations: '{', map: '{}' }, messages.multipartOperationsInvalid],
    ['a map that is not JSON', { operations, map: 'x' }, messages.multipartMapInvalid],
    ['a map whose paths are not a list', { operations, map: '{"0":"variables.files.0"}' }, messages.multipartMapInvalid],
    ['a map naming a file that was not sent', { operations, map: '{"0":["variables.files.0"]}' }, messages.multipartFileMissing('0')],
    ['a path outside the variables', { operations, map: '{"0":["query"]}', 0: png('x.png') }, messages.multipartPathInvalid('query')],
    ['a path to nowhere', { operations, map: '{"0":["variables.files.7"]}', 0: png('x.png') }, messages.multipartPathInvalid('variables.files.7')],
    [
      'a path into a prototype',
      { operations, map: '{"0":["variables.__proto__.polluted"]}', 0: png('x.png') },
      messages.multipartPathInvalid('variables.__proto__.polluted'),
    ],
  ])('%s → BAD_USER_INPUT', async (_, parts, message) => {
    expectError(await send(parts as Record<string, string | File>), 'BAD_USER_INPUT', message)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('a file sent as a plain string is not a file', async () => {
    const form = multipartForm({ query: uploadMutation }, [png('x.png')])
    form.set('0', 'not a file')
    expectError(await gql({ query: '', body: form }), 'BAD_USER_INPUT', 'files[0] must be a file.')
  })
})
