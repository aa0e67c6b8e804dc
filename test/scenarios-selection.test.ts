import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createRasterMock, type ScenarioName } from '../src/index.js'
import { setupRasterServer } from '../src/node.js'
import { barcelona, files, restClient, type Call } from './support/client.js'
import { pinnedErrors } from './support/error-cases.js'

/**
 * How a scenario is chosen and combined (docs/scenarios.md), through setupRasterServer:
 * header beats query beats active beats default; `a,b` composition and its
 * conflict rule; forced errors; sessions; reset; slow's delays; boundaries.
 */
const delays: number[] = []
const { server, mock } = setupRasterServer({ sleep: async (ms) => void delays.push(ms) })
const call = restClient(mock.runtime.baseUrl)
beforeAll(() => server.listen())
afterEach(async () => {
  server.resetHandlers()
  await mock.reset()
  delays.length = 0
})
afterAll(() => server.close())

const me = (extra: Partial<Call> = {}) => call({ path: '/me', ...extra })
const known = 'default, empty-library, many-assets, library-locked, pro-plan-canceled, storage-full, ephemeral, ephemeral-full, expiring-soon, trash-full, read-only-key, no-access, key-revoked, email-quota-exhausted, file-too-large, processing, server-error, flaky, slow, network-error, approval-pending, promote-running, token-unverifiable'

describe('precedence', () => {
  it('header beats query beats active beats default', async () => {
    expect((await me()).status).toBe(200)
    await mock.useScenario('server-error')
    expect((await me()).status).toBe(500)
    const query = await call({ path: '/me?__scenario=key-revoked' })
    expect(query.body.error.code).toBe('INVALID_API_KEY')
    const header = await call({ path: '/me?__scenario=key-revoked', headers: { 'X-Mock-Scenario': 'default' } })
    expect(header.status).toBe(200)
  })

  it('unknown names → 400 BAD_USER_INPUT naming the value and the known ones, wherever they come from', async () => {
    const expected = { error: { code: 'BAD_USER_INPUT', message: `Unknown scenario "nope". Known scenarios: ${known}.` } }
    expect((await me({ headers: { 'X-Mock-Scenario': 'slow,nope' } })).body).toEqual(expected)
    expect((await call({ path: '/me?__scenario=nope' })).body).toEqual(expected)
    // @ts-expect-error: the names are typed; a JavaScript caller gets a rejected promise, never a throw.
    await expect(mock.useScenario('nope')).rejects.toThrow(expected.error.message)
    // @ts-expect-error: typed too
    expect(() => createRasterMock({ scenario: 'nope' })).toThrow(expected.error.message)
  })

  it('a typo → 400 naming the closest known scenario, wherever it comes from', async () => {
    const message = `Unknown scenario "library-lokced". Did you mean "library-locked"? Known scenarios: ${known}.`
    const expected = { error: { code: 'BAD_USER_INPUT', message } }
    expect(await me({ headers: { 'X-Mock-Scenario': 'slow,library-lokced' } })).toMatchObject({ status: 400, body: expected })
    expect(await call({ path: '/me?__scenario=library-lokced' })).toMatchObject({ status: 400, body: expected })
    // @ts-expect-error: typed
    await expect(mock.useScenario('library-lokced')).rejects.toThrow(message)
    // @ts-expect-error: typed
    expect(() => setupRasterServer({ scenario: ['slow', 'library-lokced'] })).toThrow(message)
  })

  it('takes a list of names wherever an option names the scenario', async () => {
    const listed = createRasterMock({ scenario: ['slow', 'library-locked'] })
    expect(listed.runtime.activeScenario).toBe('library-locked,slow')
  })

  it('removes __scenario and __error from the URL the API sees', () => {
    const request = new Request(`${mock.runtime.baseUrl}/me?page=2&__scenario=slow&__error=CONFLICT`)
    expect(mock.runtime.select(request).request.url).toBe(`${mock.runtime.baseUrl}/me?page=2`)
  })
})

describe('composition', () => {
  it('combines state and faults, in any order, on one world', async () => {
    for (const scenario of ['library-locked,slow', 'slow, Library-Locked', 'slow,library-locked,slow,default']) {
      const reply = await call({ path: `${barcelona}/assets`, headers: { 'X-Mock-Scenario': scenario } })
      expect(reply.body.error.code).toBe('LIBRARY_LOCKED')
    }
    expect(delays).toHaveLength(3)
    expect(await mock.runtime.world('slow,library-locked')).toBe(await mock.runtime.world('library-locked,slow'))
  })

  it('combines presets: read-only-key,no-access', async () => {
    const headers = { 'X-Mock-Scenario': 'read-only-key,no-access' }
    expect((await call({ path: `${barcelona}/assets`, headers })).status).toBe(404)
    expect((await call({ method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'x' }, headers })).body.error.code).toBe(
      'API_KEY_READ_ONLY',
    )
  })

  it('refuses scenarios that set the same thing differently', async () => {
    const cases = [
      ['library-locked,pro-plan-canceled', 'Scenarios library-locked and pro-plan-canceled cannot be combined: both set the plan.'],
      ['many-assets,empty-library', "Scenarios empty-library and many-assets cannot be combined: both set barcelona's assets."],
      ['network-error,server-error', 'Scenarios server-error and network-error cannot be combined: both set how API calls fail.'],
    ]
    for (const [scenario, message] of cases) {
      const reply = await me({ headers: { 'X-Mock-Scenario': scenario! } })
      expect({ status: reply.status, body: reply.body }).toEqual({ status: 400, body: { error: { code: 'BAD_USER_INPUT', message } } })
    }
  })
})

describe('forced errors', () => {
  it('X-Mock-Error or ?__error= answers that code with its status and message', async () => {
    for (const reply of [await me({ headers: { 'X-Mock-Error': 'LIBRARY_LOCKED' } }), await call({ path: '/me?__error=library_locked' })]) {
      expect(reply.status).toBe(403)
      expect(reply.body).toEqual({ error: { code: 'LIBRARY_LOCKED', message: pinnedErrors.LIBRARY_LOCKED.message } })
    }
    expect((await me()).status).toBe(200)
  })

  it('an unknown code is BAD_USER_INPUT', async () => {
    const reply = await me({ headers: { 'X-Mock-Error': 'TEAPOT' } })
    expect(reply.status).toBe(400)
    expect(reply.body.error.message).toMatch(/^Unknown error code\. Known codes: API_VERSION_REQUIRED, .*INTERNAL_SERVER_ERROR\.$/)
  })
})

describe('worlds', () => {
  it('each scenario has its own world: writes in one never show in another', async () => {
    const headers = { 'X-Mock-Scenario': 'slow' }
    await call({ method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'Only in slow' }, headers })
    expect((await me({ headers })).body.data.libraries).toContain('only-in-slow')
    expect((await me()).body.data.libraries).not.toContain('only-in-slow')
  })

  it('sessions stay apart under concurrent requests', async () => {
    const sessions = Array.from({ length: 8 }, (_, i) => `session-${i}`)
    await Promise.all(
      sessions.map(async (session) => {
        for (let i = 0; i < 3; i++) {
          const form = files(1, 100 + i)
          await call({ method: 'POST', path: `/organizations/monogram-labs/libraries/lisbon/assets`, body: form, headers: { 'X-Mock-Session': session } })
        }
      }),
    )
    for (const session of sessions) {
      const list = await call({ path: '/organizations/monogram-labs/libraries/lisbon/assets', headers: { 'X-Mock-Session': session } })
      expect(list.body.data).toHaveLength(3)
    }
    expect((await call({ path: '/organizations/monogram-labs/libraries/lisbon/assets' })).body.data).toEqual([])
  })

  it('reset restores every world byte for byte, from the snapshot', async () => {
    const locked = await mock.runtime.world('library-locked')
    const pristine = JSON.stringify(locked.toRecords())
    const defaultPristine = JSON.stringify((await mock.runtime.world()).toRecords())
    const [first] = locked.visibleAssets(locked.library('monogram-labs', 'tokyo')!)
    const headers = { 'X-Mock-Scenario': 'library-locked' }
    await call({ method: 'DELETE', path: '/organizations/monogram-labs/libraries/tokyo/assets', json: { ids: [first!.id] }, headers })
    await call({ method: 'PATCH', path: barcelona, json: { name: 'Renamed' } })
    expect(JSON.stringify(locked.toRecords())).not.toBe(pristine)
    await mock.reset()
    expect(JSON.stringify((await mock.runtime.world('library-locked')).toRecords())).toBe(pristine)
    expect(JSON.stringify((await mock.runtime.world()).toRecords())).toBe(defaultPristine)
  })
})

describe('slow', () => {
  it('waits 1–3 s per call, the same seeded delays in every fresh mock, without really waiting', async () => {
    await mock.useScenario('slow')
    for (let i = 0; i < 20; i++) expect((await me()).status).toBe(200)
    expect(delays).toHaveLength(20)
    for (const ms of delays) expect(ms >= 1000 && ms <= 3000).toBe(true)
    expect(new Set(delays).size).toBeGreaterThan(5)
    const again: number[] = []
    const other = createRasterMock({ scenario: 'slow', sleep: async (ms) => void again.push(ms) })
    for (let i = 0; i < 20; i++) await other.runtime.respond(new Request(`${other.runtime.baseUrl}/me`), () => new Response(), () => new Response())
    expect(again).toEqual(delays)
  })
})

describe('useScenario and server.boundary()', () => {
  it('stays within the boundary, even with concurrent boundaries', async () => {
    const inBoundary = (scenario: ScenarioName) =>
      server.boundary(async () => {
        await mock.useScenario(scenario)
        const replies = []
        for (let i = 0; i < 3; i++) replies.push((await me()).status)
        return replies
      })()
    const [broken, revoked] = await Promise.all([inBoundary('server-error'), inBoundary('key-revoked')])
    expect(broken).toEqual([500, 500, 500])
    expect(revoked).toEqual([401, 401, 401])
    expect((await me()).status).toBe(200)
  })

  it('outside a boundary lasts until server.resetHandlers()', async () => {
    await mock.useScenario('key-revoked')
    expect((await me()).status).toBe(401)
    server.resetHandlers()
    expect((await me()).status).toBe(200)
  })
})
