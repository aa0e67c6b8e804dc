// Issue #34, the runtime's items: caps and evictions under concurrency, a request's own time, setups that never
// settle, scenario texts of any size. Each test is the reproduction, kept small.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createRasterMock, defineScenario, type RasterMockOptions } from '../src/index.js'
import { loadConfig } from '../src/load-config.js'
import { unhandledRequests } from '../src/msw-compat.js'
import { barcelona, files, restClient } from './support/client.js'

const server = setupServer()
beforeAll(() => server.listen(unhandledRequests('error')))
afterAll(() => server.close())

/** A mock of its own behind the file's msw server, for one test. */
function mockWith(options: RasterMockOptions = {}) {
  const mock = createRasterMock({ sleep: async () => {}, ...options })
  server.resetHandlers(...mock.handlers)
  return { mock, call: restClient(mock.runtime.baseUrl) }
}

/** The largest value `read` gave while `work` ran, looked at on every turn of the event loop. */
async function peakDuring<T>(read: () => number, work: Promise<T>): Promise<{ peak: number; result: T }> {
  let peak = read()
  let done = false
  const watch = (async () => {
    while (!done) {
      peak = Math.max(peak, read())
      await new Promise((resolve) => setImmediate(resolve))
    }
  })()
  const result = await work.finally(() => (done = true))
  await watch
  return { peak: Math.max(peak, read()), result }
}

const evicted = (session: string, cap: number) => `session "${session}" was evicted (over maxSessions (${cap})): it starts again from its scenario's seed`

describe('item 4: a session evicted during its upload', () => {
  it('never answers 200 for bytes it then loses, holds maxSessions, and frees every file on reset', async () => {
    const { mock, call } = mockWith({ maxSessions: 2 })
    const urls: string[] = []
    for (let round = 0; round < 4; round++) {
      const sessions = ['u', 'v', 'w', 'x'].map((name) => `${name}${round}`)
      const upload = (session: string, i: number) =>
        call({ method: 'POST', path: `${barcelona}/assets`, body: files(1, 3000 + round * 10 + i), headers: { 'X-Mock-Session': session } })
      const { peak, result: replies } = await peakDuring(() => mock.runtime.usage.sessions, Promise.all(sessions.map(upload)))
      expect(peak).toBeLessThanOrEqual(2)
      for (const [i, reply] of replies.entries()) {
        expect(reply.status).toBe(200)
        const asset = reply.body.data.assets[0]
        urls.push(asset.url)
        // Kept: its session reads it; dropped since: that session is told so.
        const read = await call({ path: `${barcelona}/assets/${asset.id}`, headers: { 'X-Mock-Session': sessions[i]! } })
        if (read.status !== 200) expect(mock.runtime.requests.recent()[0]!.notice).toBe(evicted(sessions[i]!, 2))
      }
    }
    await mock.reset()
    expect(mock.runtime.usage).toMatchObject({ sessions: 0, files: 0, bytes: 0 })
    for (const url of urls) expect((await fetch(url)).status).toBe(404)
  })
})

describe('item 5: maxScenarioWorlds under concurrency', () => {
  it('holds while many combinations are asked for at once', async () => {
    const { mock, call } = mockWith({ maxScenarioWorlds: 3 })
    const combinations = ['library-locked', 'pro-plan-canceled', 'storage-full', 'ephemeral', 'trash-full', 'read-only-key', 'no-access', 'key-revoked']
    const asks = [...combinations, ...combinations.slice(1).map((name) => `${name},file-too-large`)]
    const create = (scenario: string, i: number) =>
      call({ method: 'POST', path: '/libraries', key: null, json: { email: `cap${i}@example.com` }, headers: { 'X-Mock-Scenario': scenario } })
    // The mock's own world of `default` is not a scenario world (docs/scenarios.md): counted apart.
    await mock.ready
    const own = mock.runtime.usage.worlds
    const held = () => Math.max(mock.runtime.usage.scenarioWorlds, mock.runtime.usage.worlds - own)
    const { peak, result: replies } = await peakDuring(held, Promise.all(asks.map(create)))
    expect(replies.map((reply) => reply.status)).toEqual(asks.map(() => 200))
    expect(peak).toBeLessThanOrEqual(3)
  })

  it('holds maxSessions while more sessions than it write at once', async () => {
    const { mock, call } = mockWith({ maxSessions: 3 })
    const write = (i: number) =>
      call({ method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: `Cap ${i}` }, headers: { 'X-Mock-Session': `s${i}` } })
    const { peak, result: replies } = await peakDuring(() => mock.runtime.usage.sessions, Promise.all(Array.from({ length: 12 }, (_, i) => write(i))))
    expect(replies.every((reply) => reply.status === 201)).toBe(true)
    expect(peak).toBeLessThanOrEqual(3)
  })
})

describe('item 14: eviction notices', () => {
  it('land on the request that evicted, and on the evicted session’s next one, never on a bystander', async () => {
    const { mock } = mockWith({ maxSessions: 2 })
    const { runtime } = mock
    const request = (session: string) => new Request(`${runtime.baseUrl}/me`, { headers: { 'X-Mock-Session': session } })
    const write = (session: string, until: Promise<void> = Promise.resolve()) =>
      runtime.respond(
        request(session),
        async (env) => {
          ;(await env()).writable()
          await until
          return new Response('written')
        },
        () => new Response('failed', { status: 500 }),
      )
    const read = (session: string) => runtime.respond(request(session), () => new Response('read'), () => new Response('failed', { status: 500 }))
    const noticeOf = (session: string) => runtime.requests.recent().find((entry) => entry.session === session)!.notice

    await write('a')
    await write('b')
    let finish!: () => void
    const evicting = write('c', new Promise((resolve) => (finish = resolve)))
    await vi.waitFor(() => expect(runtime.usage.sessions).toBe(2))
    await vi.waitFor(() => expect(runtime.requests.recent()[0]!.session).toBe('b'))
    await read('b') // finishes while c, which evicted a, is still running
    expect(noticeOf('b')).toBeNull()
    finish()
    await evicting
    expect(noticeOf('c')).toBe(evicted('a', 2))
    await read('a')
    expect(noticeOf('a')).toBe(evicted('a', 2))
  })
})

describe('item 10: X-Mock-Now past the end of processing', () => {
  it('shows the asset as the clock moved there would', async () => {
    const { mock, call } = mockWith({ scenario: 'processing' })
    const upload = await call({ method: 'POST', path: `${barcelona}/assets`, body: files(1) })
    const id = upload.body.data.assets[0].id
    const at = (ms: number) => call({ path: `${barcelona}/assets/${id}`, headers: { 'X-Mock-Now': String(mock.clock.now() + ms) } })
    // docs/time.md: processing lasts `processingMs`, 5 s under `processing`.
    expect((await at(4_000)).status).toBe(200)
    const done = await at(5_000)
    expect(done.status).toBe(200)
    expect(done.body.data.width).not.toBeNull()
    const listed = await call({ path: `${barcelona}/assets`, headers: { 'X-Mock-Now': String(mock.clock.now() + 60_000) } })
    expect(listed.body.data.map((asset: { id: string }) => asset.id)).toContain(id)
  })
})

describe('item 13: scenario texts of any size', () => {
  // docs/scenarios.md: a scenario list is at most 4,096 characters.
  const long = `${'default,'.repeat(512)}library-locked` // 4,110 characters of valid names

  it('refuses a list longer than 4,096 characters: 400 BAD_USER_INPUT per request, an Error from useScenario', async () => {
    const { mock, call } = mockWith()
    const reply = await call({ path: '/me', headers: { 'X-Mock-Scenario': long } })
    expect(reply.status).toBe(400)
    expect(reply.body.error.code).toBe('BAD_USER_INPUT')
    expect(reply.body.error.message).toMatch(/4096/)
    expect((await call({ path: `/me?__scenario=${long}` })).status).toBe(400)
    await expect(mock.useScenario(long)).rejects.toThrow(/4096/)
    expect(mock.runtime.activeScenario).toBe('default')
  })

  it('takes many different texts of one combination at once, up to the limit', async () => {
    const { mock, call } = mockWith()
    const texts = Array.from({ length: 40 }, (_, i) => `${' '.repeat(4000 + i)}library-locked`.slice(-4096))
    const replies = await Promise.all(texts.map((text) => call({ path: '/me', headers: { 'X-Mock-Scenario': text } })))
    expect(replies.every((reply) => reply.status === 200)).toBe(true)
    expect(mock.runtime.requests.recent().every((entry) => entry.scenario === 'library-locked')).toBe(true)
    expect(mock.runtime.usage.scenarioWorlds).toBeLessThanOrEqual(1)
  })
})

describe('item 12: a setup that never settles', () => {
  const never = () => new Promise(() => {})

  it('fails the world option after setupTimeoutMs: 500 naming it, not a request that hangs', async () => {
    const { mock, call } = mockWith({ world: never, setupTimeoutMs: 100 })
    mock.ready.catch(() => {})
    const reply = await call({ path: '/me' })
    expect(reply.status).toBe(500)
    expect(reply.body.error).toEqual({ code: 'INTERNAL_SERVER_ERROR', message: expect.stringMatching(/world option.*100 ms/) })
  })

  it('fails a request selecting a scenario whose setup never settles, naming it, and keeps no broken world', async () => {
    let runs = 0
    const stuck = defineScenario({ name: 'stuck', description: 'Never ready.', setup: () => (runs++, never()) })
    const { mock, call } = mockWith({ scenarios: [stuck], setupTimeoutMs: 100 })
    for (const attempt of [1, 2]) {
      const reply = await call({ path: '/me', headers: { 'X-Mock-Scenario': 'stuck' } })
      expect(reply.status).toBe(500)
      expect(reply.body.error.message).toMatch(/scenario "stuck".*100 ms/)
      expect(runs).toBe(attempt)
    }
    await expect(mock.useScenario('stuck')).rejects.toThrow(/scenario "stuck"/)
    expect(mock.runtime.usage.scenarioWorlds).toBe(0)
  })

  it('fails a config file whose top-level await never resolves, naming the wait', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'raster-mock-'))
    const file = join(dir, 'raster-mock.config.mjs')
    await writeFile(file, 'await new Promise(() => {})\nexport default {}\n')
    await expect(loadConfig(file, 100)).rejects.toThrow(/did not settle within 100 ms/)
  })
})
