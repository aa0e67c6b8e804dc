import { describe, expect, it } from 'vitest'
import type { ErrorCode } from '../src/contract/errors.js'
import { GB, MB } from '../src/config.js'
import { barcelona, files, tinyPng, useMockServer, type Call, type Reply } from './support/client.js'
import { expectedError } from './support/error-cases.js'

/**
 * Every scenario (README.md's table, docs/scenarios.md) through real requests (msw's setupServer +
 * fetch), chosen per request with `X-Mock-Scenario`: the documented status,
 * code and message, and what stays untouched.
 */
let clock = Date.UTC(2026, 5, 1)
const { mock, call } = useMockServer({ now: () => clock, sleep: async () => {} })

const tokyo = '/organizations/monogram-labs/libraries/tokyo'
const inScenario = (scenario: string, request: Call) => call({ ...request, headers: { ...request.headers, 'X-Mock-Scenario': scenario } })
const upload = (path: string, form = png()): Call => ({ method: 'POST', path: `${path}/assets`, body: form })
const createLibrary: Call = { method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'New one' } }

function png(): FormData {
  const form = new FormData()
  form.append('files', new File([tinyPng], 'tiny.png', { type: 'image/png' }))
  return form
}

function expectError(reply: Reply, code: ErrorCode, message?: string) {
  expect({ status: reply.status, body: reply.body }).toEqual(expectedError(code, message))
}

async function expectFixtureUntouched() {
  const me = await call({ path: '/me' })
  expect(me.body.data).toMatchObject({ plan: 'pro', libraries: ['barcelona', 'tokyo', 'lisbon'] })
  expect((await call({ path: `${barcelona}/assets?pageSize=500` })).body.data).toHaveLength(48)
}

describe('state scenarios', () => {
  it('default is the fixture world', async () => {
    const reply = await inScenario('default', { path: `${barcelona}/assets?pageSize=500` })
    expect(reply.body.data).toHaveLength(48)
  })

  it('empty-library: barcelona has no assets, no tags, no trash; tokyo keeps its assets', async () => {
    expect((await inScenario('empty-library', { path: `${barcelona}/assets` })).body.data).toEqual([])
    expect((await inScenario('empty-library', { path: `${barcelona}/tags` })).body.data).toEqual([])
    const libraries = await inScenario('empty-library', { path: '/organizations/monogram-labs/libraries' })
    expect(libraries.body.data[0]).toMatchObject({ id: 'barcelona', assetsCount: 0, trashCount: 0, tags: [] })
    expect((await inScenario('empty-library', { path: `${tokyo}/assets` })).body.data).toHaveLength(24)
    await expectFixtureUntouched()
  })

  it('many-assets: barcelona holds 10,000 assets, served page by page', async () => {
    const libraries = await inScenario('many-assets', { path: '/organizations/monogram-labs/libraries' })
    expect(libraries.body.data[0]).toMatchObject({ id: 'barcelona', assetsCount: 10_000 })
    const last = await inScenario('many-assets', { path: `${barcelona}/assets?page=20&pageSize=500` })
    expect(last.body.data).toHaveLength(500)
    expect((await inScenario('many-assets', { path: `${barcelona}/assets?page=21&pageSize=500` })).body.data).toEqual([])
    await expectFixtureUntouched()
  })

  it('library-locked: LIBRARY_LOCKED on every barcelona call; tokyo works, uploads included', async () => {
    for (const request of [
      { path: `${barcelona}/assets` },
      { path: `${barcelona}/tags` },
      { method: 'PATCH', path: barcelona, json: { name: 'x' } },
      upload(barcelona),
    ]) {
      expectError(await inScenario('library-locked', request), 'LIBRARY_LOCKED')
    }
    expect((await inScenario('library-locked', { path: '/me' })).body.data.plan).toBe('free')
    expect((await inScenario('library-locked', { path: `${tokyo}/assets` })).status).toBe(200)
    expect((await inScenario('library-locked', upload(tokyo))).status).toBe(200)
    await expectFixtureUntouched()
  })

  it('pro-plan-canceled: uploads fail (and, from 2026-07-08, library creation), reads work', async () => {
    expectError(await inScenario('pro-plan-canceled', upload(barcelona)), 'PRO_PLAN_CANCELED')
    // Api-Version 2026-05-20's PRO_PLAN_CANCELED blocks uploads only; 2026-07-08's also library creation.
    expect((await inScenario('pro-plan-canceled', createLibrary)).status).toBe(201)
    expectError(await inScenario('pro-plan-canceled', { ...createLibrary, version: '2026-07-08', json: { name: 'Another' } }), 'PRO_PLAN_CANCELED', "The organization's Pro plan has ended and it still has more than one member. Renew it to upload or create libraries.")
    expect((await inScenario('pro-plan-canceled', { path: `${barcelona}/assets` })).status).toBe(200)
    await expectFixtureUntouched()
  })

  it('storage-full: the Free plan is at exactly 1 GB, so any upload fails', async () => {
    expectError(await inScenario('storage-full', upload(tokyo)), 'STORAGE_LIMIT_EXCEEDED')
    expectError(await inScenario('storage-full', upload(barcelona)), 'STORAGE_LIMIT_EXCEEDED')
    expect((await inScenario('storage-full', { path: '/me' })).body.data.plan).toBe('free')
    expect((await mock.runtime.world('storage-full')).organizationStorage('monogram-labs')).toBe(GB)
    await expectFixtureUntouched()
  })

  it('ephemeral: creating a library fails; uploads still work', async () => {
    expectError(await inScenario('ephemeral', createLibrary), 'EPHEMERAL_LIBRARY_LIMIT_EXCEEDED')
    expect((await inScenario('ephemeral', upload(barcelona))).status).toBe(200)
    await expectFixtureUntouched()
  })

  it('ephemeral-full: barcelona is at the temporary cap, so any upload to it fails', async () => {
    expectError(await inScenario('ephemeral-full', upload(barcelona)), 'EPHEMERAL_STORAGE_LIMIT_EXCEEDED')
    expectError(await inScenario('ephemeral-full', createLibrary), 'EPHEMERAL_LIBRARY_LIMIT_EXCEEDED')
    const world = await mock.runtime.world('ephemeral-full')
    expect(world.libraryStorage(world.library('monogram-labs', 'barcelona')!)).toBe(100 * MB)
    await expectFixtureUntouched()
  })

  it('read-only-key: creating a library → API_KEY_READ_ONLY, writes → 404, reads work', async () => {
    expectError(await inScenario('read-only-key', createLibrary), 'API_KEY_READ_ONLY')
    expectError(await inScenario('read-only-key', upload(barcelona)), 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY')
    expectError(await inScenario('read-only-key', { method: 'PATCH', path: barcelona, json: { name: 'x' } }), 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY')
    expect((await inScenario('read-only-key', { path: `${barcelona}/assets` })).status).toBe(200)
    await expectFixtureUntouched()
  })

  it('no-access: barcelona answers 404 and is absent from lists; other keys still reach it', async () => {
    expectError(await inScenario('no-access', { path: `${barcelona}/assets` }), 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY')
    expect((await inScenario('no-access', { path: '/me' })).body.data.libraries).toEqual(['tokyo', 'lisbon'])
    const libraries = await inScenario('no-access', { path: '/organizations/monogram-labs/libraries' })
    expect(libraries.body.data.map((library: { id: string }) => library.id)).toEqual(['tokyo', 'lisbon'])
    expect((await inScenario('no-access', { path: `${barcelona}/assets`, key: 'pk_monogram_read' })).status).toBe(200)
    await expectFixtureUntouched()
  })

  it('key-revoked: pk_monogram_write is unknown; other keys work', async () => {
    expectError(await inScenario('key-revoked', { path: '/me' }), 'INVALID_API_KEY')
    expectError(await inScenario('key-revoked', { path: `${barcelona}/assets` }), 'INVALID_API_KEY')
    expect((await inScenario('key-revoked', { path: '/me', key: 'pk_monogram_read' })).status).toBe(200)
    await expectFixtureUntouched()
  })

  it('email-quota-exhausted: anonymous create fails for any email', async () => {
    for (const email of ['new@example.com', 'demo@example.com']) {
      const reply = await inScenario('email-quota-exhausted', { method: 'POST', path: '/libraries', key: null, json: { email } })
      expectError(reply, 'BAD_USER_INPUT', 'Too many unclaimed libraries for this email.')
    }
    expect((await call({ method: 'POST', path: '/libraries', key: null, json: { email: 'new@example.com' } })).status).toBe(200)
  })

  it('file-too-large: files over 1 MB → PAYLOAD_TOO_LARGE, smaller ones upload', async () => {
    expectError(await inScenario('file-too-large', upload(barcelona, files(1, 2 * MB))), 'PAYLOAD_TOO_LARGE')
    expect((await inScenario('file-too-large', upload(barcelona, files(1, MB)))).status).toBe(200)
    expect((await call(upload(barcelona, files(1, 2 * MB)))).status).toBe(200)
  })

  it('processing: an upload has null thumbs and stays out of lists for 5 s', async () => {
    const reply = await inScenario('processing', upload(tokyo))
    const [asset] = reply.body.data.assets
    expect(asset).toMatchObject({ thumbUrl: null, blurhash: null, width: null, height: null })
    const listed = async () => (await inScenario('processing', { path: `${tokyo}/assets?pageSize=500` })).body.data.map((a: { id: string }) => a.id)
    expect(await listed()).not.toContain(asset.id)
    clock += 4999
    expect(await listed()).not.toContain(asset.id)
    clock += 1
    expect(await listed()).toContain(asset.id)
  })
})

describe('fault scenarios', () => {
  it('server-error: every API call → 500 INTERNAL_SERVER_ERROR', async () => {
    for (const request of [{ path: '/me' }, { path: `${barcelona}/assets` }, upload(barcelona), { path: '/nope' }]) {
      expectError(await inScenario('server-error', request), 'INTERNAL_SERVER_ERROR')
    }
  })

  it('flaky: calls 3, 6 and 9 fail, counted from activation, the same every run', async () => {
    const statuses = async () => {
      const seen: number[] = []
      for (let i = 0; i < 9; i++) seen.push((await inScenario('flaky', { path: '/me' })).status)
      return seen
    }
    await mock.useScenario('flaky')
    expect(await statuses()).toEqual([200, 200, 500, 200, 200, 500, 200, 200, 500])
    await mock.useScenario('flaky')
    expect(await statuses()).toEqual([200, 200, 500, 200, 200, 500, 200, 200, 500])
    await mock.useScenario('default')
  })

  it('network-error: fetch rejects with a TypeError', async () => {
    await expect(inScenario('network-error', { path: '/me' })).rejects.toThrow(TypeError)
    await expect(fetch(`${mock.runtime.baseUrl}/me?__scenario=network-error`)).rejects.toThrow(TypeError)
  })

  it('faults apply to API calls only: images still load', async () => {
    const [asset] = (await call({ path: `${barcelona}/assets?pageSize=1` })).body.data
    const image = await fetch(asset.thumbUrl, { headers: { 'X-Mock-Scenario': 'network-error' } })
    expect(image.status).toBe(200)
  })
})
