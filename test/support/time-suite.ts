import { describe, expect, it } from 'vitest'
import { files, type Reply, type RestCall } from './client.js'
import { expectData, expectError, type GraphQLClient } from './graphql.js'

/** What the time suite runs against: the mock in Node (msw) or the standalone server over HTTP. */
export interface TimeTarget {
  rest: RestCall
  gql: GraphQLClient
  /** Stops the mock's clock at `ms`: `mock.clock.set` in Node, `PUT /__mock/clock` over HTTP. */
  setClock(ms: number): Promise<void>
  /** Claims a temporary library: `mock.claim` in Node, `POST /__mock/claim` over HTTP; the answer as an envelope. */
  claim(input: unknown): Promise<Answer>
}

type Answer = Pick<Reply, 'status' | 'body'>

// From the README ("Time") and the contract: the clock starts at the fixture's reference date; a temporary
// organization lives 30 days; trash is kept 30 days; unclaimed-demo expires 2026-06-18T00:00:00Z.
const DAY = 24 * 60 * 60 * 1000
const HOUR = 60 * 60 * 1000
const REFERENCE = Date.UTC(2026, 4, 20)
const T0 = Date.UTC(2026, 5, 1, 12)
const DEMO_EXPIRES = Date.UTC(2026, 5, 18)
const DEMO_CLAIM_URL = 'https://raster.app/claim/demo-claim-token'
const MB = 1024 * 1024

const envelope = (code: string, message: string) => ({ error: { code, message } })
const invalidKey = envelope('INVALID_API_KEY', 'Invalid API key.')
const organizationNotFound = envelope('ORGANIZATION_NOT_FOUND', 'Organization not found.')

function expectReply(reply: Answer, status: number, body?: unknown): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status)
  if (body !== undefined) expect(reply.body).toEqual(body)
}

/** Boundaries of time crossed by 1 ms on either side, through REST and GraphQL (issue #18). */
export function timeSuite(target: () => TimeTarget): void {
  const rest: RestCall = (call) => target().rest(call)
  const gql: GraphQLClient = (call) => target().gql(call)
  const at = (ms: number) => target().setClock(ms)

  const createTemporary = (email: string, headers?: Record<string, string>) =>
    rest({ method: 'POST', path: '/libraries', key: null, json: { email, name: 'Countdown' }, headers })

  /** What a temporary organization's key sees of it, REST and GraphQL: its /me, viewer and libraries. */
  async function expectAlive(organizationId: string, key: string, libraryIds: string[], headers: Record<string, string> = {}) {
    const me = await rest({ path: '/me', key, headers })
    expectReply(me, 200)
    expect(me.body.data.organizationId).toBe(organizationId)
    const libraries = await rest({ path: `/organizations/${organizationId}/libraries`, key, headers })
    expectReply(libraries, 200)
    expect(libraries.body.data.map((library: { id: string }) => library.id)).toEqual(libraryIds)
    expect(expectData(await gql({ query: '{ viewer { organizationId } }', key, headers })).viewer).toEqual({ organizationId })
    const query = `{ libraries(organizationId: "${organizationId}") { id } }`
    expect(expectData(await gql({ query, key, headers })).libraries).toEqual(libraryIds.map((id) => ({ id })))
  }

  async function expectGone(organizationId: string, key: string, libraryId: string, headers: Record<string, string> = {}) {
    expectReply(await rest({ path: '/me', key, headers }), 401, invalidKey)
    expectReply(await rest({ path: `/organizations/${organizationId}/libraries`, key, headers }), 404, organizationNotFound)
    const upload = await rest({ method: 'POST', path: `/organizations/${organizationId}/libraries/${libraryId}/assets`, key, body: files(1), headers })
    expectReply(upload, 404, organizationNotFound)
    expectError(await gql({ query: '{ viewer { organizationId } }', key, headers }), 'INVALID_API_KEY')
    expectError(await gql({ query: `{ libraries(organizationId: "${organizationId}") { id } }`, key, headers }), 'ORGANIZATION_NOT_FOUND')
  }

  describe('expiry of unclaimed temporary libraries', () => {
    it('lives until exactly its expiresAt, 30 days after creation; then its key and organization are gone', async () => {
      await at(T0)
      const created = await createTemporary('time@example.com')
      expectReply(created, 200)
      const { organizationId, apiKey, libraryId, expiresAt } = created.body.data
      expect(expiresAt).toBe('2026-07-01T12:00:00.000Z')
      const expires = T0 + 30 * DAY
      await at(expires - 1)
      await expectAlive(organizationId, apiKey, [libraryId])
      await at(expires)
      await expectGone(organizationId, apiKey, libraryId)
      await at(expires + 1)
      await expectGone(organizationId, apiKey, libraryId)
    })

    it("frees the email's quota of unclaimed libraries when they expire", async () => {
      await at(T0)
      for (let i = 0; i < 3; i++) expectReply(await createTemporary('quota@example.com'), 200)
      await at(T0 + 30 * DAY - 1)
      expectReply(await createTemporary('QUOTA@example.com'), 400, envelope('BAD_USER_INPUT', 'Too many unclaimed libraries for this email.'))
      await at(T0 + 30 * DAY)
      expectReply(await createTemporary('quota@example.com'), 200)
    })

    it('expiring-soon: monogram-labs works until 2026-05-20T01:00:00Z, then its key and organization are gone', async () => {
      const headers = { 'X-Mock-Scenario': 'expiring-soon' }
      await at(REFERENCE + HOUR - 1)
      await expectAlive('monogram-labs', 'pk_monogram_write', ['barcelona', 'tokyo', 'lisbon'], headers)
      await at(REFERENCE + HOUR)
      await expectGone('monogram-labs', 'pk_monogram_write', 'barcelona', headers)
    })

    it('expires the fixture unclaimed-demo at 2026-06-18T00:00:00Z', async () => {
      await at(DEMO_EXPIRES - 1)
      await expectAlive('unclaimed-demo', 'pk_unclaimed_demo', ['drafts'])
      await at(DEMO_EXPIRES)
      await expectGone('unclaimed-demo', 'pk_unclaimed_demo', 'drafts')
    })
  })

  describe('claiming', () => {
    const claim = (input: unknown) => target().claim(input)
    const uploadToDrafts = (bytes: number) =>
      rest({ method: 'POST', path: '/organizations/unclaimed-demo/libraries/drafts/assets', key: 'pk_unclaimed_demo', body: files(1, bytes) })

    it('before expiry keeps everything, for good; the storage limit becomes the Free plan\'s', async () => {
      await at(DEMO_EXPIRES - 1)
      expectReply(await uploadToDrafts(2 * MB), 403, envelope('EPHEMERAL_STORAGE_LIMIT_EXCEEDED', 'This temporary library has reached its storage limit. Claim it to a Raster account to keep uploading.'))
      expectReply(await claim({ claimUrl: DEMO_CLAIM_URL }), 200, { data: { organizationId: 'unclaimed-demo', plan: 'free', temporary: false } })
      expectReply(await uploadToDrafts(2 * MB), 200)
      await at(DEMO_EXPIRES)
      await expectAlive('unclaimed-demo', 'pk_unclaimed_demo', ['drafts'])
      await at(DEMO_EXPIRES + 365 * DAY)
      await expectAlive('unclaimed-demo', 'pk_unclaimed_demo', ['drafts'])
      const used = envelope('CONFLICT', 'This temporary library was already claimed.')
      expectReply(await claim({ claimUrl: DEMO_CLAIM_URL }), 409, used)
      expectReply(await claim({ organizationId: 'unclaimed-demo' }), 409, used)
    })

    it('after expiry fails with 404: the library is gone', async () => {
      await at(DEMO_EXPIRES)
      expectReply(await claim({ claimUrl: DEMO_CLAIM_URL }), 404, envelope('ORGANIZATION_NOT_FOUND', 'No temporary library has this claim URL.'))
      expectReply(await claim({ organizationId: 'unclaimed-demo' }), 404, organizationNotFound)
      await expectGone('unclaimed-demo', 'pk_unclaimed_demo', 'drafts')
    })

    it('refuses an unknown claim URL (404), an organization never temporary (400) and a body naming neither or both (400)', async () => {
      await at(REFERENCE)
      expectReply(await claim({ claimUrl: 'https://raster.app/claim/nope' }), 404, envelope('ORGANIZATION_NOT_FOUND', 'No temporary library has this claim URL.'))
      expectReply(await claim({ organizationId: 'monogram-labs' }), 400, envelope('BAD_USER_INPUT', 'organizationId is not a temporary organization.'))
      const shape = envelope('BAD_USER_INPUT', 'The body must be {"claimUrl": "https://raster.app/claim/<token>"} or {"organizationId": "<id>"}.')
      expectReply(await claim({}), 400, shape)
      expectReply(await claim({ claimUrl: DEMO_CLAIM_URL, organizationId: 'unclaimed-demo' }), 400, shape)
    })
  })

  describe('trash purge', () => {
    const libraryQuery = '{ libraries(organizationId: "monogram-labs") { id assetsCount trashCount } }'

    async function barcelonaCounts(headers: Record<string, string>) {
      const listed = await rest({ path: '/organizations/monogram-labs/libraries', headers })
      expectReply(listed, 200)
      const viaRest = listed.body.data.find((library: { id: string }) => library.id === 'barcelona')
      const viaGraphql = expectData(await gql({ query: libraryQuery, headers })).libraries.find((library: { id: string }) => library.id === 'barcelona')
      expect(viaGraphql).toEqual({ id: 'barcelona', assetsCount: viaRest.assetsCount, trashCount: viaRest.trashCount })
      return { assetsCount: viaRest.assetsCount, trashCount: viaRest.trashCount }
    }

    it('trash-full: 12 assets trashed 29 days before the start are purged one day after it', async () => {
      const headers = { 'X-Mock-Scenario': 'trash-full' }
      await at(REFERENCE + DAY - 1)
      expect(await barcelonaCounts(headers)).toEqual({ assetsCount: 38, trashCount: 12 })
      await at(REFERENCE + DAY)
      expect(await barcelonaCounts(headers)).toEqual({ assetsCount: 38, trashCount: 0 })
    })

    it('removes an upload 30 days after it was trashed, and frees its bytes', async () => {
      const lisbon = '/organizations/monogram-labs/libraries/lisbon'
      await at(T0)
      const uploaded = await rest({ method: 'POST', path: `${lisbon}/assets`, body: files(1, 5000) })
      expectReply(uploaded, 200)
      const { id, url } = uploaded.body.data.assets[0]
      await at(T0 + 1000)
      expectReply(await rest({ method: 'DELETE', path: `${lisbon}/assets`, json: { ids: [id] } }), 200)
      const lisbonTrash = async () => (await rest({ path: '/organizations/monogram-labs/libraries' })).body.data.find((library: { id: string }) => library.id === 'lisbon').trashCount
      await at(T0 + 1000 + 30 * DAY - 1)
      expect(await lisbonTrash()).toBe(1)
      expect((await fetch(url)).status).toBe(200)
      await at(T0 + 1000 + 30 * DAY)
      expect(await lisbonTrash()).toBe(0)
      // The next write purges for good: the bytes no asset refers to are gone.
      expectReply(await rest({ method: 'PATCH', path: lisbon, json: { name: 'Lisbon' } }), 200)
      expect((await fetch(url)).status).toBe(404)
    })
  })

  it('processing finishes by the same clock', async () => {
    const headers = { 'X-Mock-Scenario': 'processing' }
    const lisbon = '/organizations/monogram-labs/libraries/lisbon'
    await at(T0)
    const uploaded = await rest({ method: 'POST', path: `${lisbon}/assets`, body: files(1), headers })
    const { id } = uploaded.body.data.assets[0]
    const query = '{ assets(organizationId: "monogram-labs", libraryId: "lisbon") { id thumbUrl } }'
    await at(T0 + 4999)
    expect((await rest({ path: `${lisbon}/assets`, headers })).body.data).toEqual([])
    expect((await rest({ path: `${lisbon}/assets/${id}`, headers })).body.data.thumbUrl).toBeNull()
    expect(expectData(await gql({ query, headers })).assets).toEqual([])
    await at(T0 + 5000)
    expect((await rest({ path: `${lisbon}/assets`, headers })).body.data.map((asset: { id: string }) => asset.id)).toEqual([id])
    expect(expectData(await gql({ query, headers })).assets).toEqual([{ id, thumbUrl: expect.any(String) }])
  })

  describe('X-Mock-Now', () => {
    it("sets one request's time, in REST and GraphQL, leaving the mock's clock alone", async () => {
      await at(REFERENCE)
      const me = (now?: string) => rest({ path: '/me', key: 'pk_unclaimed_demo', headers: now === undefined ? {} : { 'X-Mock-Now': now } })
      expectReply(await me(String(DEMO_EXPIRES - 1)), 200)
      expectReply(await me(String(DEMO_EXPIRES)), 401, invalidKey)
      expectReply(await me('2026-06-18T00:00:00Z'), 401, invalidKey)
      expectReply(await me(), 200)
      const viewer = (now: number) => gql({ query: '{ viewer { organizationId } }', key: 'pk_unclaimed_demo', headers: { 'X-Mock-Now': String(now) } })
      expect(expectData(await viewer(DEMO_EXPIRES - 1)).viewer).toEqual({ organizationId: 'unclaimed-demo' })
      expectError(await viewer(DEMO_EXPIRES), 'INVALID_API_KEY')
      const created = await createTemporary('now@example.com', { 'X-Mock-Now': String(T0) })
      expect(created.body.data.expiresAt).toBe('2026-07-01T12:00:00.000Z')
    })

    it('refuses a value that is not a time with 400', async () => {
      const bad = envelope('BAD_USER_INPUT', 'X-Mock-Now must be unix milliseconds or an ISO 8601 date with a time zone.')
      for (const value of ['soon', '2026-06-18T00:00:00', '-5', '1e12']) {
        expectReply(await rest({ path: '/me', headers: { 'X-Mock-Now': value } }), 400, bad)
      }
      const reply = await gql({ query: '{ viewer { organizationId } }', headers: { 'X-Mock-Now': 'soon' } })
      expect(reply.status).toBe(400)
      expect(reply.body.errors[0].extensions.code).toBe('BAD_USER_INPUT')
    })
  })

  it('writes every timestamp from the clock: a fixed clock gives the same answers', async () => {
    const lisbon = '/organizations/monogram-labs/libraries/lisbon'
    await at(T0)
    const first = await rest({ method: 'POST', path: `${lisbon}/assets`, body: files(1) })
    const asset = first.body.data.assets[0]
    expect([asset.created, asset.updated]).toEqual([T0, T0])
    await at(T0 + 5)
    const form = files(1, 2000)
    form.append('parentId', asset.id)
    const withView = (await rest({ method: 'POST', path: `${lisbon}/assets`, body: form })).body.data.assets[0]
    expect([withView.created, withView.updated, withView.views[0].metadata.created]).toEqual([T0, T0 + 5, T0 + 5])
    await at(T0 + 7)
    expectReply(await rest({ method: 'POST', path: `${lisbon}/assets/tag`, json: { assetIds: [asset.id], tags: ['later'] } }), 200)
    expect((await rest({ path: `${lisbon}/assets/${asset.id}` })).body.data.updated).toBe(T0 + 7)
    const library = await rest({ method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'Porto' } })
    expectReply(library, 201)
    // The same history at the same times gives the same ids and bytes, in a session of its own.
    const session = { 'X-Mock-Session': 'replay' }
    await at(T0)
    const again = await rest({ method: 'POST', path: `${lisbon}/assets`, body: files(1), headers: session })
    expect(again.body).toEqual(first.body)
  })
}
