import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startServer } from '../src/server.js'
import { createRasterMock } from '../src/index.js'
import { unhandledRequests } from '../src/msw-compat.js'
import { files, restClient, tinyPng, type RestCall } from './support/client.js'
import { expectWorldConsistent } from './support/invariants.js'

/** Every scenario (README.md's table, docs/scenarios.md), spelled out here rather than read from the catalogue. */
const SCENARIOS = [
  'default', 'empty-library', 'many-assets', 'library-locked', 'pro-plan-canceled', 'storage-full', 'ephemeral',
  'ephemeral-full', 'expiring-soon', 'trash-full', 'read-only-key', 'no-access', 'key-revoked', 'email-quota-exhausted', 'file-too-large',
  'processing', 'server-error', 'flaky', 'slow', 'network-error',
]

const barcelona = '/organizations/monogram-labs/libraries/barcelona'
const json = (method: string, path: string, body: unknown, headers: Record<string, string>) => ({ method, path, json: body, headers })

/** One mock per test file section, msw in front of it, and a client whose calls carry `headers`. */
function mockServer(options: Parameters<typeof createRasterMock>[0] = {}) {
  const mock = createRasterMock({ sleep: async () => undefined, ...options })
  const server = setupServer(...mock.handlers)
  beforeAll(() => server.listen(unhandledRequests('error')))
  afterAll(() => server.close())
  return { mock, call: restClient(mock.runtime.baseUrl) }
}

/** One write of every kind the API has, in the world `headers` select; failures (a scenario's faults) are fine. */
async function writeEverything(api: RestCall, headers: Record<string, string>): Promise<void> {
  // network-error closes the connection: the client's fetch rejects, as it would in an app.
  const call: RestCall = (request) => api(request).catch(() => ({ status: 0, headers: new Headers(), text: '', body: undefined }))
  const list = await call({ path: `${barcelona}/assets?pageSize=3`, headers })
  const ids: string[] = list.status === 200 ? list.body.data.map((asset: { id: string }) => asset.id) : ['unknown']
  const [first = 'unknown', second = 'unknown', third = 'unknown'] = ids
  const upload = await call({ method: 'POST', path: `${barcelona}/assets`, body: files(1), headers })
  const uploaded: string = upload.status === 200 ? upload.body.data.assets[0].id : 'unknown'
  const variant = files(1)
  variant.append('parentId', first)
  await call({ method: 'POST', path: `${barcelona}/assets`, body: variant, headers })
  await call(json('POST', `${barcelona}/assets/tag`, { assetIds: [first, uploaded], tags: ['layered'] }, headers))
  await call(json('POST', `${barcelona}/assets/untag`, { assetIds: [first], tags: ['layered'] }, headers))
  await call(json('PATCH', `${barcelona}/assets/${second}/description`, { description: 'changed in a layer' }, headers))
  await call(json('DELETE', `${barcelona}/assets`, { ids: [third] }, headers))
  await call(json('POST', `${barcelona}/assets/transfer`, { assetIds: [uploaded], targetLibraryId: 'tokyo' }, headers))
  await call(json('POST', '/organizations/monogram-labs/libraries', { name: 'Layer Trip' }, headers))
  await call(json('PATCH', '/organizations/monogram-labs/libraries/tokyo', { name: 'Tokyo, renamed' }, headers))
  await call({ ...json('POST', '/libraries', { email: 'layer@example.com', name: 'Anon' }, headers), key: null })
}

describe('reset() restores exactly the seeded world', () => {
  const { mock, call } = mockServer()

  it.each(SCENARIOS)('after every kind of write, in %s', async (scenario) => {
    const seeded = JSON.stringify((await createRasterMock().runtime.world(scenario)).toRecords())
    await writeEverything(call, { 'X-Mock-Scenario': scenario })
    await writeEverything(call, { 'X-Mock-Scenario': scenario, 'X-Mock-Session': `s-${scenario}` })
    await mock.reset()
    expect(JSON.stringify((await mock.runtime.world(scenario)).toRecords())).toBe(seeded)
    expect(JSON.stringify((await mock.runtime.world(scenario, `s-${scenario}`)).toRecords())).toBe(seeded)
    expect(mock.runtime.files.usage).toEqual({ files: 0, bytes: 0 })
  })

  it('is O(changes): it drops the written worlds, and the scenario worlds stay built', async () => {
    await writeEverything(call, { 'X-Mock-Scenario': 'many-assets' })
    expect(mock.runtime.usage).toMatchObject({ worlds: expect.any(Number), scenarioWorlds: expect.any(Number) })
    const scenarioWorlds = mock.runtime.usage.scenarioWorlds
    await mock.reset()
    expect(mock.runtime.usage).toMatchObject({ sessions: 0, scenarioWorlds })
  })
})

describe('layers never see each other’s writes', () => {
  const { mock, call } = mockServer()
  const described = (headers: Record<string, string>) =>
    call({ path: `${barcelona}/assets?pageSize=1`, headers }).then((reply) => reply.body.data[0].description as string)

  it('two sessions and the mock’s own world each keep their own writes', async () => {
    const [top] = (await call({ path: `${barcelona}/assets?pageSize=1` })).body.data
    const seededDescription = top.description
    const path = `${barcelona}/assets/${top.id}/description`
    await call(json('PATCH', path, { description: 'by a' }, { 'X-Mock-Session': 'a' }))
    await call(json('PATCH', path, { description: 'by b' }, { 'X-Mock-Session': 'b' }))
    expect(await described({ 'X-Mock-Session': 'a' })).toBe('by a')
    expect(await described({ 'X-Mock-Session': 'b' })).toBe('by b')
    expect(await described({})).toBe(seededDescription)
    expect(await described({ 'X-Mock-Session': 'c' })).toBe(seededDescription)
  })

  it('a write in a session leaves the scenario’s world byte-identical', async () => {
    const before = JSON.stringify((await mock.runtime.world('library-locked')).toRecords())
    await writeEverything(call, { 'X-Mock-Scenario': 'library-locked', 'X-Mock-Session': 'writer' })
    expect(JSON.stringify((await mock.runtime.world('library-locked')).toRecords())).toBe(before)
    expect(JSON.stringify((await createRasterMock().runtime.world('library-locked')).toRecords())).toBe(before)
  })

  it('the frozen world below refuses writes, so nothing can change it by mistake', async () => {
    const below = (await mock.runtime.world('library-locked')).below!
    expect(below.frozen).toBe(true)
    const organization = below.organization('monogram-labs')!
    await expect(below.updateOrganization(organization, { name: 'x' })).rejects.toThrow(/frozen/)
    expect(Object.isFrozen(organization)).toBe(true)
  })
})

describe('sessions cost nothing until they write', () => {
  const { mock, call } = mockServer()

  it('no world is made for requests that fail their first checks, or only read', async () => {
    await call({ path: '/me', version: null, headers: { 'X-Mock-Session': 'no-version' } })
    await call({ path: '/me', key: null, headers: { 'X-Mock-Session': 'no-key' } })
    await call({ path: '/nowhere', headers: { 'X-Mock-Session': 'no-endpoint' } })
    await call({ path: `${barcelona}/assets`, headers: { 'X-Mock-Session': 'reader' } })
    expect(mock.runtime.usage.sessions).toBe(0)
    expect(mock.runtime.usage.scenarioWorlds).toBe(0)
    await call(json('POST', `${barcelona}/assets/tag`, { assetIds: ['nope'], tags: ['x'] }, { 'X-Mock-Session': 'writer' }))
    expect(mock.runtime.usage.sessions).toBe(1)
  })
})

describe('eviction', () => {
  describe('of sessions, least recently used first, beyond maxSessions', () => {
    const { mock, call } = mockServer({ maxSessions: 2 })
    const tag = (session: string) => call(json('POST', '/organizations/monogram-labs/libraries', { name: `Of ${session}` }, { 'X-Mock-Session': session }))
    const libraryCount = (session: string) =>
      call({ path: '/organizations/monogram-labs/libraries', headers: { 'X-Mock-Session': session } }).then((reply) => reply.body.data.length as number)

    it('drops the session used longest ago, says so, and that session starts again from the seed', async () => {
      await tag('a')
      await tag('b')
      await libraryCount('a') // a is now more recent than b
      await tag('c') // pushes out b
      expect(mock.runtime.requests.recent()[0]!.notice).toMatch(/^session "b" was evicted \(over maxSessions \(2\)\): it starts again from its scenario's seed$/)
      expect(await libraryCount('a')).toBe(4)
      expect(await libraryCount('c')).toBe(4)
      expect(await libraryCount('b')).toBe(3)
      expect(mock.runtime.requests.recent()[0]!.notice).toMatch(/^session "b" was evicted/)
      // Told once: the next call of b carries no notice.
      await libraryCount('b')
      expect(mock.runtime.requests.recent()[0]!.notice).toBeNull()
    })

    it('frees an evicted session’s uploads, and never another world’s copy of the same bytes', async () => {
      await mock.reset()
      const upload = (session: string) =>
        call({ method: 'POST', path: `${barcelona}/assets`, body: files(1), headers: { 'X-Mock-Session': session } }).then(
          (reply) => reply.body.data.assets[0].url as string,
        )
      const urlOfX = await upload('x')
      const urlOfY = await upload('y')
      expect(urlOfY).toBe(urlOfX)
      expect(mock.runtime.files.usage.files).toBe(1)
      await upload('z') // evicts x: y still owns the bytes
      expect((await fetch(urlOfY)).status).toBe(200)
      await libraryCount('z')
      await tag('w') // evicts y
      await tag('v') // evicts z
      expect(mock.runtime.files.usage).toEqual({ files: 0, bytes: 0 })
      expect((await fetch(urlOfX)).status).toBe(404)
    })
  })

  describe('of scenario worlds beyond maxScenarioWorlds', () => {
    const { mock, call } = mockServer({ maxScenarioWorlds: 1 })

    it('drops the oldest combination with its sessions, which start again from its seed', async () => {
      const headers = { 'X-Mock-Scenario': 'library-locked', 'X-Mock-Session': 'kept?' }
      await call(json('POST', '/organizations/monogram-labs/libraries', { name: 'Gone Soon' }, headers))
      // library-locked's 4 libraries (tokyo, lisbon, porto, barcelona) and the new one.
      expect((await call({ path: '/organizations/monogram-labs/libraries', headers })).body.data).toHaveLength(5)
      await call({ path: '/me', headers: { 'X-Mock-Scenario': 'pro-plan-canceled' } })
      expect(mock.runtime.usage.scenarioWorlds).toBe(1)
      expect(mock.runtime.requests.recent()[0]!.notice).toMatch(/^session "kept\?" was evicted \(its scenario's world was dropped/)
      expect((await call({ path: '/organizations/monogram-labs/libraries', headers })).body.data).toHaveLength(4)
    })
  })
})

describe('uploaded bytes', () => {
  const { mock, call } = mockServer()

  it('are freed by delete + reset: the file store is empty and the URL answers 404', async () => {
    const reply = await call({ method: 'POST', path: `${barcelona}/assets`, body: files(1, 50_000) })
    const { id, url } = reply.body.data.assets[0]
    expect(mock.runtime.files.usage).toEqual({ files: 1, bytes: 50_000 })
    const served = await fetch(url)
    expect(served.status).toBe(200)
    expect(new Uint8Array(await served.arrayBuffer()).subarray(0, tinyPng.byteLength)).toEqual(tinyPng)
    await call(json('DELETE', `${barcelona}/assets`, { ids: [id] }, {}))
    expect(mock.runtime.files.usage.files).toBe(1) // in trash, still the world's
    await mock.reset()
    expect(mock.runtime.files.usage).toEqual({ files: 0, bytes: 0 })
    expect((await fetch(url)).status).toBe(404)
  })
})

describe('concurrent writes in many sessions', () => {
  const { mock, call } = mockServer()

  it('keep every invariant in every session, and leave the mock’s own world as seeded', async () => {
    const seeded = JSON.stringify((await mock.runtime.world()).toRecords())
    const sessions = Array.from({ length: 12 }, (_, i) => `concurrent-${i}`)
    await Promise.all(sessions.map((session) => writeEverything(call, { 'X-Mock-Session': session })))
    for (const session of sessions) expectWorldConsistent(await mock.runtime.world('default', session))
    expect(JSON.stringify((await mock.runtime.world()).toRecords())).toBe(seeded)
  })
})

describe('the standalone server', () => {
  it('says in its log when a session is evicted, and keeps answering any number of sessions within its cap', async () => {
    const logged: string[] = []
    const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line))
    const server = await startServer({ port: 0, maxSessions: 3, maxScenarioWorlds: 2 })
    try {
      const call = restClient(server.url)
      for (let i = 0; i < 40; i++) {
        // Ten sessions in one scenario (past maxSessions), then sessions across three (past maxScenarioWorlds).
        const headers = { 'X-Mock-Session': `s${i}`, 'X-Mock-Scenario': i < 10 ? 'library-locked' : ['ephemeral', 'library-locked', 'pro-plan-canceled'][i % 3]! }
        await call(json('POST', '/organizations/monogram-labs/libraries', { name: `Trip ${i}` }, headers))
      }
      expect(server.mock.runtime.usage.sessions).toBeLessThanOrEqual(3)
      expect(server.mock.runtime.usage.scenarioWorlds).toBeLessThanOrEqual(2)
      expect((await call({ path: '/me' })).status).toBe(200)
      expect(logged.filter((line) => /^note: session "s\d+" was evicted \(over maxSessions \(3\)\): it starts again from its scenario's seed$/.test(line)).length).toBeGreaterThan(0)
      expect(logged.filter((line) => /^note: session "s\d+" was evicted \(its scenario's world was dropped, over maxScenarioWorlds \(2\)\)/.test(line)).length).toBeGreaterThan(0)
    } finally {
      spy.mockRestore()
      await server.close()
    }
  })
})
