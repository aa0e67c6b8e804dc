import { buildSchema } from 'graphql'
import { describe, expect, it } from 'vitest'
import { rasterSdlOf } from '../handlers/graphql-sdl.js'
import { createRasterMock } from '../src/index.js'
import { barcelona, tinyPng, useMockServer } from './support/client.js'
import { contractMessages20260708 } from './support/error-cases.js'
import { expectData, expectError, graphqlClient } from './support/graphql.js'

/**
 * GraphQL carries no Api-Version: it follows the mock's current version (the `apiVersion` option). With
 * 2026-07-08 current, views carry `sizes` (a JSON string), `thumbUrl` is gone from assets and views, and errors
 * use 2026-07-08's codes; REST's missing-header message names the current version.
 */
const { mock, call } = useMockServer({ apiVersion: '2026-07-08' })
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)
const library = 'organizationId: "monogram-labs", libraryId: "barcelona"'

describe('GraphQL with 2026-07-08 current', () => {
  it('exposes the current version on the runtime', () => {
    expect(mock.runtime.currentVersion).toBe('2026-07-08')
    expect(createRasterMock().runtime.currentVersion).toBe('2026-05-20')
  })

  it('refuses a version the mock does not answer, naming the ones it does', () => {
    expect(() => createRasterMock({ apiVersion: '2026-01-01' as never })).toThrow(/2026-05-20, 2026-07-08/)
  })

  it('names the current version when a REST call has no Api-Version', async () => {
    const reply = await call({ path: '/me', version: null })
    expect(reply.status).toBe(400)
    expect(reply.body.error).toEqual({ code: 'API_VERSION_REQUIRED', message: contractMessages20260708.apiVersionRequired('2026-07-08') })
  })

  it('has no thumbUrl on assets or views', async () => {
    for (const selection of ['thumbUrl', 'views { thumbUrl }']) {
      const reply = await gql({ query: `{ assets(${library}) { id ${selection} } }` })
      expect(reply.status).toBe(400)
      expect(reply.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED')
    }
    const schema = buildSchema(rasterSdlOf('2026-07-08'))
    for (const type of ['Asset', 'AssetView', 'Photo', 'SearchHit', 'UploadedAsset']) {
      expect(Object.keys((schema.getType(type) as any).getFields())).not.toContain('thumbUrl')
    }
    expect(Object.keys((buildSchema(rasterSdlOf('2026-05-20')).getType('Asset') as any).getFields())).toContain('thumbUrl')
  })

  it('gives views their sizes as a JSON string, and assets their approval', async () => {
    const data = expectData(await gql({ query: `{ assets(${library}, pageSize: 500) { id sizes approval views { id sizes } } }` }))
    const parent = data.assets.find((asset: { views: unknown[] }) => asset.views.length > 0)
    expect(parent.approval).toBeNull()
    const sizes = JSON.parse(parent.views[0].sizes)
    expect(Object.keys(sizes).every((width) => /^\d+$/.test(width))).toBe(true)
    const rest = (await call({ path: `${barcelona}/assets/${parent.id}`, version: '2026-07-08' })).body.data
    expect(JSON.parse(parent.sizes)).toEqual(rest.sizes)
    expect(sizes).toEqual(rest.variants[0].sizes)
  })

  it("answers with 2026-07-08's codes", async () => {
    expectError(await gql({ query: `mutation { deleteAssets(${library}, assets: []) { ids } }` }), 'BAD_USER_INPUT', 'No asset ids were provided.')
    expectError(
      await gql({ query: 'mutation { createLibrary(organizationId: "monogram-labs", name: "Tokyo again", slug: "tokyo") { id } }' }),
      'LIBRARY_URL_TAKEN',
    )
    expectError(await gql({ key: 'pk_acme_write', query: 'mutation { createLibrary(organizationId: "acme", name: "Fifth") { id } }' }), 'LIBRARY_LIMIT_EXCEEDED')
    expectError(
      await gql({ key: 'pk_northwind_write', query: 'mutation { createLibrary(organizationId: "northwind", name: "More") { id } }' }),
      'PRO_PLAN_CANCELED',
      contractMessages20260708.PRO_PLAN_CANCELED,
    )
  })

  it('uploads partially, as REST does in 2026-07-08', async () => {
    const files = [new File([tinyPng], 'kept.png', { type: 'image/png' }), new File(['hi'], 'notes.txt', { type: 'text/plain' })]
    const data = expectData(await gql({ query: `mutation($files: [Upload!]!) { uploadAssets(${library}, files: $files) { responseText assets { name } } }`, files }))
    expect(data.uploadAssets.assets).toEqual([{ name: 'kept.png' }])
    expect(data.uploadAssets.responseText).toContain('notes.txt')
  })
})
