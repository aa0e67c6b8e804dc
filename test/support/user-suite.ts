import { expect, it } from 'vitest'
import { contractErrors, contractErrors20260708, expectedError } from './error-cases.js'
import type { Call, Reply } from './client.js'

/**
 * OAuth users, approval and promote (Api-Version 2026-07-08), as docs/rest.md, docs/errors.md and docs/fixture.md
 * describe them, through any runtime: `call` sends a REST request (in a world of the test's own), `advance` moves
 * the mock's clock, `fetchUrl` loads a CDN URL.
 */
export interface UserSuiteRuntime {
  call(call: Call): Promise<Reply>
  /** The API's base URL and the headers of the test's world, for a request the 2026-05-20 OpenAPI document does not describe. */
  base: string
  headers?: Record<string, string>
  advance(ms: number): Promise<void>
  fetchUrl(url: string): Promise<Response>
}

export const V2 = '2026-07-08'
export const V1 = '2026-05-20'
const barcelona = '/organizations/monogram-labs/libraries/barcelona'
/** The message docs/errors.md gives a rejected OAuth token. */
const tokenRejected = 'The access token is invalid, expired or revoked. Sign in again.'
const owner = 'oat_monogram_owner'
const member = 'oat_monogram_member'
const everywhere = 'oat_all_organizations'
const acme = 'oat_acme_owner'

const error = (reply: Reply) => ({ status: reply.status, body: reply.body })
const as = (key: string, call: Call): Call => ({ version: V2, ...call, key })

export function userSuite(runtime: () => UserSuiteRuntime): void {
  const call = (c: Call) => runtime().call(c)

  async function assetWithViews(): Promise<any> {
    const list = await call({ path: `${barcelona}/assets?pageSize=500` })
    return list.body.data.find((asset: any) => asset.views.length > 0)
  }

  it('GET /me with a single-organization token answers like a key, with the user’s libraries', async () => {
    expect((await call(as(owner, { path: '/me' }))).body.data).toEqual({
      organizationId: 'monogram-labs',
      organizationName: 'Monogram Labs',
      plan: 'pro',
      libraries: ['barcelona', 'tokyo', 'lisbon'],
    })
    expect((await call(as(member, { path: '/me' }))).body.data.libraries).toEqual(['barcelona', 'tokyo'])
    expect((await call(as(acme, { path: '/me' }))).body.data).toMatchObject({ organizationId: 'acme', plan: 'free' })
  })

  it('GET /me with the token granted every organization answers organizations, one entry each', async () => {
    // Sent without restClient: its check is against the 2026-05-20 OpenAPI document, which has no such answer.
    const { base, headers } = runtime()
    const response = await fetch(`${base}/me`, { headers: { ...headers, Authorization: `Bearer ${everywhere}`, 'Api-Version': V2 } })
    const reply = { status: response.status, body: await response.json() }
    expect(reply.status).toBe(200)
    expect(reply.body.data).toEqual({
      organizations: [
        { organizationId: 'monogram-labs', organizationName: 'Monogram Labs', plan: 'pro', libraries: ['barcelona', 'tokyo', 'lisbon'] },
        { organizationId: 'acme', organizationName: 'Acme', plan: 'free', libraries: ['acme-1', 'acme-2', 'acme-3', 'acme-4'] },
        { organizationId: 'northwind', organizationName: 'Northwind', plan: 'pro', libraries: ['northwind-main'] },
      ],
    })
  })

  it('a token under 2026-05-20 is 401 INVALID_API_KEY; keys work in both versions', async () => {
    expect(error(await call(as(owner, { path: '/me', version: V1 })))).toEqual(expectedError('INVALID_API_KEY'))
    expect(error(await call(as(owner, { path: `${barcelona}/assets`, version: V1 })))).toEqual(expectedError('INVALID_API_KEY'))
    expect((await call({ path: '/me', version: V2 })).status).toBe(200)
  })

  it('a revoked, expired or unknown token is 401 UNAUTHENTICATED, for reads and writes, writing nothing', async () => {
    const before = await assetWithViews()
    for (const token of ['oat_monogram_owner_revoked', 'oat_monogram_owner_expired', 'oat_nobody']) {
      expect(error(await call(as(token, { path: '/me' })))).toEqual(expectedError('UNAUTHENTICATED', tokenRejected))
      const write = await call(as(token, { method: 'PATCH', path: `${barcelona}/assets/${before.id}/description`, json: { description: 'x' } }))
      expect(error(write)).toEqual(expectedError('UNAUTHENTICATED', tokenRejected))
    }
    expect((await call({ path: `${barcelona}/assets/${before.id}` })).body.data.description).toBe(before.description)
  })

  it('a token of another organization on an org path is INVALID_API_KEY, as a key of another organization is', async () => {
    const asset = await assetWithViews()
    const write = await call(as(acme, { method: 'PATCH', path: `${barcelona}/assets/${asset.id}/description`, json: { description: 'x' } }))
    expect(error(write)).toEqual(expectedError('INVALID_API_KEY'))
    expect(error(await call(as(acme, { path: '/organizations/monogram-labs/libraries' })))).toEqual(expectedError('INVALID_API_KEY'))
    expect(error(await call(as(everywhere, { path: '/organizations/unclaimed-demo/libraries' })))).toEqual(expectedError('INVALID_API_KEY'))
    expect((await call({ path: `${barcelona}/assets/${asset.id}` })).body.data.description).toBe(asset.description)
  })

  it('a Member reaches only its grants: an unreachable library looks exactly like a missing one', async () => {
    const lisbon = await call(as(member, { path: '/organizations/monogram-labs/libraries/lisbon/assets' }))
    const missing = await call(as(member, { path: '/organizations/monogram-labs/libraries/nowhere/assets' }))
    expect(error(lisbon)).toEqual(expectedError('API_KEY_NOT_AUTHORIZED_FOR_LIBRARY'))
    expect(lisbon.text).toBe(missing.text)
    const libraries = await call(as(member, { path: '/organizations/monogram-labs/libraries' }))
    expect(libraries.body.data.map((library: any) => library.id)).toEqual(['barcelona', 'tokyo'])
    // Read on tokyo: a write there is refused like a key's.
    const tag = await call(as(member, { method: 'POST', path: '/organizations/monogram-labs/libraries/tokyo/assets/tag', json: { assetIds: ['x'], tags: ['t'] } }))
    expect(error(tag)).toEqual(expectedError('API_KEY_NOT_AUTHORIZED_FOR_LIBRARY'))
  })

  it('an Owner writes and creates libraries (reaching them at once); a Member creating one is 403 FORBIDDEN', async () => {
    const asset = await assetWithViews()
    const described = await call(as(owner, { method: 'PATCH', path: `${barcelona}/assets/${asset.id}/description`, json: { description: 'by Maya' } }))
    expect(described.body.data).toEqual({ assetId: asset.id, description: 'by Maya' })
    const created = await call(as(owner, { method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'Oslo' } }))
    expect(created.status).toBe(201)
    expect((await call(as(owner, { path: '/organizations/monogram-labs/libraries/oslo/assets' }))).body.data).toEqual([])
    const refused = await call(as(member, { method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'Rome' } }))
    expect(error(refused)).toEqual({ status: contractErrors20260708.FORBIDDEN.status, body: { error: { code: 'FORBIDDEN', message: contractErrors20260708.FORBIDDEN.message } } })
    const libraries = await call({ path: '/organizations/monogram-labs/libraries' })
    expect(libraries.body.data.map((library: any) => library.id)).not.toContain('rome')
  })

  describe_approval(call)
  describe_promote(runtime)
}

function describe_approval(call: (c: Call) => Promise<Reply>): void {
  const approval = (id: string) => `${barcelona}/assets/${id}/approval`
  const firstAsset = async () => (await call({ path: `${barcelona}/assets` })).body.data[0]

  it('PATCH approval: an Owner sets any state, each call replacing the previous one', async () => {
    const asset = await firstAsset()
    const first = await call(as(owner, { method: 'PATCH', path: approval(asset.id), json: { state: 'needs_changes', note: 'Crop tighter.' } }))
    expect(first.status).toBe(200)
    expect(first.body.data).toEqual({ assetId: asset.id, approval: 'needs_changes' })
    const second = await call(as(owner, { method: 'PATCH', path: approval(asset.id), json: { state: 'approved' } }))
    expect(second.body.data).toEqual({ assetId: asset.id, approval: 'approved' })
  })

  it('PATCH approval: a Member submits for review (in_review) but may not decide: 403 FORBIDDEN', async () => {
    const asset = await firstAsset()
    expect((await call(as(member, { method: 'PATCH', path: approval(asset.id), json: { state: 'in_review' } }))).body.data).toEqual({ assetId: asset.id, approval: 'in_review' })
    for (const state of ['approved', 'needs_changes']) {
      const refused = await call(as(member, { method: 'PATCH', path: approval(asset.id), json: { state } }))
      expect(error(refused)).toEqual(expectedError('FORBIDDEN'))
    }
  })

  it('PATCH approval: an API key is 403 APPROVAL_REQUIRES_USER; a Free or canceled plan 403 PAID_PLAN_REQUIRED', async () => {
    const asset = await firstAsset()
    expect(error(await call({ version: V2, method: 'PATCH', path: approval(asset.id), json: { state: 'approved' } }))).toEqual(expectedError('APPROVAL_REQUIRES_USER'))
    const acmeAsset = (await call({ key: 'pk_acme_write', path: '/organizations/acme/libraries/acme-1/assets' })).body.data[0]
    const free = await call(as(acme, { method: 'PATCH', path: `/organizations/acme/libraries/acme-1/assets/${acmeAsset.id}/approval`, json: { state: 'approved' } }))
    expect(error(free)).toEqual(expectedError('PAID_PLAN_REQUIRED'))
    const northwindAsset = (await call({ key: 'pk_northwind_write', path: '/organizations/northwind/libraries/northwind-main/assets' })).body.data[0]
    const canceled = await call(as(everywhere, { method: 'PATCH', path: `/organizations/northwind/libraries/northwind-main/assets/${northwindAsset.id}/approval`, json: { state: 'approved' } }))
    expect(error(canceled)).toEqual(expectedError('PAID_PLAN_REQUIRED'))
  })

  it('PATCH approval: a state or note out of range is 400 BAD_USER_INPUT naming the field; an unknown asset 404; 2026-05-20 has no such endpoint', async () => {
    const asset = await firstAsset()
    const state = await call(as(owner, { method: 'PATCH', path: approval(asset.id), json: { state: 'rejected' } }))
    expect(error(state)).toEqual(expectedError('BAD_USER_INPUT', 'state must be one of: in_review, approved, needs_changes.'))
    const note = await call(as(owner, { method: 'PATCH', path: approval(asset.id), json: { state: 'approved', note: 'x'.repeat(501) } }))
    expect(error(note)).toEqual(expectedError('BAD_USER_INPUT', 'note must be at most 500 characters long.'))
    expect((await call(as(owner, { method: 'PATCH', path: approval(asset.id), json: { state: 'approved', note: 'x'.repeat(500) } }))).status).toBe(200)
    expect(error(await call(as(owner, { method: 'PATCH', path: approval('nope'), json: { state: 'approved' } })))).toEqual(expectedError('RESOURCE_NOT_FOUND'))
    expect(error(await call({ version: V1, method: 'PATCH', path: approval(asset.id), json: { state: 'approved' } }))).toEqual(expectedError('ENDPOINT_NOT_FOUND'))
  })
}

function describe_promote(runtime: () => UserSuiteRuntime): void {
  const call = (c: Call) => runtime().call(c)
  const promote = (id: string, variantId: string, key = owner) => call(as(key, { method: 'POST', path: `${barcelona}/assets/${id}/promote`, json: { variantId } }))
  const get = async (id: string) => (await call({ version: V2, path: `${barcelona}/assets/${id}` })).body.data

  it('POST promote: running for a few seconds (409 CONFLICT meanwhile), then the variant is the default at the asset’s URL', async () => {
    const list = (await call({ path: `${barcelona}/assets?pageSize=500` })).body.data
    const asset = list.find((candidate: any) => candidate.views.length > 0)
    const view = asset.views[0]
    const started = await promote(asset.id, view.id)
    expect(started.status).toBe(200)
    expect(started.body.data).toMatchObject({ assetId: asset.id, variantId: view.id, status: 'running' })
    expect(started.body.data.completesAt).toBeGreaterThan(0)
    // While it runs the asset is as it was, and a second promote is refused.
    expect((await call({ path: `${barcelona}/assets/${asset.id}` })).body.data.width).toBe(asset.width)
    const again = await promote(asset.id, view.id)
    expect(error(again)).toEqual({ status: 409, body: { error: { code: 'CONFLICT', message: 'A promote is already running for this asset.' } } })
    await runtime().advance(5000)
    const done = (await call({ path: `${barcelona}/assets/${asset.id}` })).body.data
    expect(done.url).toBe(asset.url)
    expect([done.width, done.height]).toEqual([view.width, view.height])
    const demoted = done.views.find((candidate: any) => candidate.id === view.id)
    expect([demoted.width, demoted.height]).toEqual([asset.width, asset.height])
    // The asset's URL now serves the promoted image's bytes.
    const image = await runtime().fetchUrl(asset.url)
    expect(image.status).toBe(200)
    const bytes = new Uint8Array(await image.arrayBuffer())
    expect(jpegSize(bytes)).toEqual([view.width, view.height])
    // Done: another promote may start (back to the first image).
    expect((await promote(asset.id, view.id)).status).toBe(200)
    await runtime().advance(5000)
    const back = (await call({ path: `${barcelona}/assets/${asset.id}` })).body.data
    expect([back.width, back.height, back.url]).toEqual([asset.width, asset.height, asset.url])
  })

  it('POST promote: the asset itself, a variant of another asset or a missing one is 404 NOT_FOUND, nothing written; 2026-05-20 has no such endpoint', async () => {
    const list = (await call({ path: `${barcelona}/assets?pageSize=500` })).body.data
    const [first, second] = list.filter((candidate: any) => candidate.views.length > 0)
    for (const variantId of [first.id, second.views[0].id, 'nope']) {
      expect(error(await promote(first.id, variantId))).toEqual(expectedError('NOT_FOUND'))
    }
    expect(await promote(first.id, 'x'.repeat(0)).then(error)).toMatchObject({ status: contractErrors.BAD_USER_INPUT.status })
    expect(error(await call({ version: V1, method: 'POST', path: `${barcelona}/assets/${first.id}/promote`, json: { variantId: first.views[0].id } }))).toEqual(expectedError('ENDPOINT_NOT_FOUND'))
    // Nothing was started: a promote now runs.
    expect((await promote(first.id, first.views[0].id)).status).toBe(200)
    void get
  })
}

/** The width and height of a JPEG, from its SOF0/SOF2 marker. */
function jpegSize(bytes: Uint8Array): [number, number] {
  let i = 2
  while (i < bytes.length) {
    const marker = bytes[i + 1]!
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!
    if (marker === 0xc0 || marker === 0xc2) return [(bytes[i + 7]! << 8) | bytes[i + 8]!, (bytes[i + 5]! << 8) | bytes[i + 6]!]
    i += 2 + length
  }
  throw new Error('no SOF marker')
}
