import { describe, expect, it } from 'vitest'
import { useMockServer } from './support/client.js'
import { contractCodes } from './support/error-cases.js'
import { graphqlClient } from './support/graphql.js'

/** Issue #33.6: what Raster's clients see that the mock used to get wrong. */
const { mock, call } = useMockServer()
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)
const org = '/organizations/monogram-labs'

describe('library-locked is consistent in every list (#33.6d)', () => {
  /** Every list of a key's libraries, and which of them answer LIBRARY_LOCKED. */
  async function lists(key: string, scenario: string) {
    const headers = { 'X-Mock-Scenario': scenario }
    const me = (await call({ path: '/me', key, headers })).body.data.libraries as string[]
    const rest = ((await call({ path: `${org}/libraries`, key, headers })).body.data as Array<{ id: string }>).map((library) => library.id)
    const query = '{ libraries(organizationId: "monogram-labs") { id } viewer { libraries } }'
    const { data } = (await gql({ query, key, headers })).body
    const graphql = (data.libraries as Array<{ id: string }>).map((library) => library.id)
    const locked: string[] = []
    for (const id of me) {
      const reply = await call({ path: `${org}/libraries/${id}/assets`, key, headers })
      if (reply.body.error?.code === 'LIBRARY_LOCKED') locked.push(id)
      else expect(reply.status).toBe(200)
    }
    return { me, rest, graphql, viewer: data.viewer.libraries as string[], locked }
  }

  it('barcelona is listed after the first 3 libraries, last, wherever a key lists it; the libraries before it work', async () => {
    for (const key of ['pk_monogram_write', 'pk_monogram_read']) {
      const seen = await lists(key, 'library-locked')
      const order = ['tokyo', 'lisbon', 'porto', 'barcelona']
      expect(seen).toEqual({ me: order, rest: order, graphql: order, viewer: order, locked: ['barcelona'] })
    }
  })

  it('the locked libraries are exactly the ones after the first 3 in the other combinations too', async () => {
    for (const scenario of ['library-locked,read-only-key', 'library-locked,empty-library']) {
      const seen = await lists('pk_monogram_write', scenario)
      expect(seen.locked).toEqual(seen.me.slice(3))
      expect([seen.rest, seen.graphql]).toEqual([seen.me, seen.me])
    }
    // A key without barcelona sees no locked library.
    expect((await lists('pk_monogram_tokyo', 'library-locked')).locked).toEqual([])
  })
})

describe('seeded variants (#33.6f)', () => {
  it('are each created after their parent, and the parent was updated when the last one was added', async () => {
    const views = (await mock.ready).allAssets().filter((asset) => asset.parentId !== null)
    expect(views.length).toBeGreaterThan(5)
    for (const view of views) {
      const parent = mock.db.asset(view.parentId!)!
      expect(view.created).toBeGreaterThan(parent.created)
      expect(parent.updated).toBeGreaterThanOrEqual(view.created)
    }
    // As the API shows them: a view's metadata.created is later than its asset's created.
    const { data } = (await call({ path: `${org}/libraries/barcelona/assets?pageSize=500` })).body
    const shown = (data as Array<{ created: number; views: Array<{ metadata: { created: number } }> }>).flatMap((asset) =>
      asset.views.map((view) => view.metadata.created - asset.created),
    )
    expect(shown.length).toBeGreaterThan(5)
    for (const after of shown) expect(after).toBeGreaterThan(0)
  })
})

describe('the API document lists its version’s error codes only (#33.6b)', () => {
  it('the 2026-05-20 document’s Error codes and error responses are the contract’s codes, without the control routes’ FORBIDDEN', async () => {
    const document = (await import('../handlers/openapi.js')).openApiDocument()
    const documented = (document.components.schemas.Error as any).properties.error.properties.code.enum as string[]
    expect([...documented].sort()).toEqual([...contractCodes].sort())
    const listed = Object.values(document.paths).flatMap((methods) =>
      Object.values(methods as Record<string, { responses: Record<string, { description: string }> }>).flatMap((operation) =>
        Object.entries(operation.responses).filter(([status]) => Number(status) >= 400).flatMap(([, response]) => response.description.split(', ')),
      ),
    )
    expect([...new Set(listed)].sort()).toEqual([...contractCodes].sort())
    expect(listed).not.toContain('FORBIDDEN')
  })
})

describe('older fixture assets answer Raster’s documented nulls (#33.6c)', () => {
  // docs/fixture.md: the 3 oldest visible assets of barcelona and of tokyo.
  const older = {
    barcelona: ['jUH2EvpmeS4l', 'lX4Ylg2scxar', 'sDYISbSpbDdG'],
    tokyo: ['Y5VrtsEWsQGY', 'xx7apDIojofS', 'NxQcAbPQmQDR'],
  }
  const nulls = { size: null, created: null, thumbHighUrl: null, uploadedBy: null }

  it('in lists, one by one and in search, with every other field as usual; the other assets have them all', async () => {
    for (const [library, ids] of Object.entries(older)) {
      const listed = (await call({ path: `${org}/libraries/${library}/assets?pageSize=500` })).body.data as Array<Record<string, unknown>>
      // The oldest come last: newest first, as ever.
      expect(listed.slice(-3).map((asset) => asset.id).sort()).toEqual([...ids].sort())
      for (const asset of listed) {
        if (ids.includes(asset.id as string)) {
          expect(asset).toMatchObject({ ...nulls, updated: expect.any(Number), url: expect.any(String), thumbUrl: expect.any(String) })
        } else {
          expect(asset).toMatchObject({ size: expect.any(Number), created: expect.any(Number), thumbHighUrl: expect.any(String), uploadedBy: { name: expect.any(String) } })
        }
      }
      const one = (await call({ path: `${org}/libraries/${library}/assets/${ids[0]}` })).body.data
      expect(one).toMatchObject(nulls)
    }
    const { hits } = (await call({ path: `${org}/search/assets?q=&libraries=tokyo&pageSize=100` })).body.data
    expect(hits.filter((hit: { id: string }) => older.tokyo.includes(hit.id))).toEqual(older.tokyo.map(() => expect.objectContaining(nulls)))
  })

  it('in GraphQL, whose fields are nullable for them', async () => {
    const query = `{ asset(organizationId: "monogram-labs", libraryId: "barcelona", assetId: "${older.barcelona[0]}") { size created thumbHighUrl uploadedBy { name } updated } }`
    const reply = await gql({ query })
    expect(reply.body).toEqual({ data: { asset: { ...nulls, updated: expect.any(Number) } } })
    const photos = await gql({ query: '{ photos(organizationId: "monogram-labs", libraryId: "tokyo", page: 0) { id createdAt } }' })
    const createdAt = (photos.body.data.photos as Array<{ id: string; createdAt: number | null }>).filter((photo) => photo.createdAt === null).map((photo) => photo.id)
    expect(createdAt.sort()).toEqual([...older.tokyo].sort())
  })
})
