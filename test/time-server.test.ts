import { spawn } from 'node:child_process'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'
import { restClient, type RestCall } from './support/client.js'
import { graphqlClient, type GraphQLClient } from './support/graphql.js'
import { timeSuite } from './support/time-suite.js'

/** Time over HTTP: the standalone server's clock, moved with PUT /__mock/clock (issue #18). */
let server: RunningServer
let call: RestCall
let gql: GraphQLClient
beforeAll(async () => {
  server = await startServer({ port: 0, log: false })
  call = restClient(server.url)
  gql = graphqlClient(`${server.url}/`)
})
afterEach(() => call({ method: 'POST', path: '/__mock/reset' }))
afterAll(() => server.close())

timeSuite(() => ({
  rest: call,
  gql,
  async setClock(ms) {
    const reply = await call({ method: 'PUT', path: '/__mock/clock', json: { now: ms } })
    expect(reply.body).toEqual({ data: { now: ms } })
  },
  claim: (json) => call({ method: 'POST', path: '/__mock/claim', key: null, json }),
}))

const REFERENCE = Date.UTC(2026, 4, 20)
const DAY = 86_400_000

describe('GET/PUT /__mock/clock', () => {
  it('reads the clock, sets it (ms or ISO date) and advances it (30d, 2h, 90s, ms)', async () => {
    const put = async (json: unknown) => (await call({ method: 'PUT', path: '/__mock/clock', json })).body
    expect(await put({ now: REFERENCE })).toEqual({ data: { now: REFERENCE } })
    expect((await call({ path: '/__mock/clock' })).body).toEqual({ data: { now: REFERENCE } })
    expect(await put({ now: '2026-06-18T00:00:00Z' })).toEqual({ data: { now: Date.UTC(2026, 5, 18) } })
    expect(await put({ advance: '30d' })).toEqual({ data: { now: Date.UTC(2026, 5, 18) + 30 * DAY } })
    expect(await put({ advance: '2h' })).toEqual({ data: { now: Date.UTC(2026, 5, 18) + 30 * DAY + 7_200_000 } })
    expect(await put({ advance: '90s' })).toEqual({ data: { now: Date.UTC(2026, 5, 18) + 30 * DAY + 7_290_000 } })
    expect(await put({ advance: 10 })).toEqual({ data: { now: Date.UTC(2026, 5, 18) + 30 * DAY + 7_290_010 } })
  })

  it('refuses a body that is neither {now} nor {advance} with 400, leaving the clock', async () => {
    await call({ method: 'PUT', path: '/__mock/clock', json: { now: REFERENCE } })
    const message =
      'The body must be {"now": <unix ms or ISO 8601 date>} or {"advance": <ms or a duration like "30d", "2h", "90s">}.'
    for (const json of [{}, { now: 'later' }, { advance: '3 weeks' }, { now: REFERENCE, advance: '1d' }, { advance: '-100000000d' }, { now: -1 }]) {
      const reply = await call({ method: 'PUT', path: '/__mock/clock', json })
      expect(reply.status, JSON.stringify(json)).toBe(400)
      expect(reply.body).toEqual({ error: { code: 'BAD_USER_INPUT', message } })
    }
    expect((await call({ path: '/__mock/clock' })).body).toEqual({ data: { now: REFERENCE } })
  })

  it('is kept by POST /__mock/reset, and put back where it started with {"clock": true}', async () => {
    await call({ method: 'PUT', path: '/__mock/clock', json: { now: REFERENCE + 40 * DAY } })
    await call({ method: 'POST', path: '/__mock/reset' })
    expect((await call({ path: '/__mock/clock' })).body).toEqual({ data: { now: REFERENCE + 40 * DAY } })
    await call({ method: 'POST', path: '/__mock/reset', json: { clock: true } })
    const { now } = (await call({ path: '/__mock/clock' })).body.data
    expect(now).toBeGreaterThanOrEqual(REFERENCE)
    expect(now).toBeLessThan(REFERENCE + 60_000)
  })

  it('allows X-Mock-Now in CORS preflights, so a page can send it', async () => {
    const reply = await fetch(`${server.url}/me`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-mock-now' } })
    expect(reply.headers.get('Access-Control-Allow-Headers')).toContain('X-Mock-Now')
  })
})

describe('raster-mock --now', () => {
  it('starts the clock stopped at that time (ISO date or ms), the fixture anchored there, and refuses anything else', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', '0', '--quiet', '--now', '2026-06-18T00:00:00Z'], { stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      let out = ''
      const url = await new Promise<string>((resolve) =>
        child.stdout.on('data', (chunk) => {
          out += chunk
          const match = /listening on (http:\/\/\S+)/.exec(out)
          if (match) resolve(match[1]!)
        }),
      )
      const cli = restClient(url)
      expect((await cli({ path: '/__mock/clock' })).body).toEqual({ data: { now: Date.UTC(2026, 5, 18) } })
      // The fixture world is anchored to the clock's start: unclaimed-demo expires 29 days after it (docs/time.md).
      expect((await cli({ path: '/me', key: 'pk_unclaimed_demo' })).status).toBe(200)
      expect((await cli({ method: 'PUT', path: '/__mock/clock', json: { advance: '29d' } })).body).toEqual({ data: { now: Date.UTC(2026, 6, 17) } })
      expect((await cli({ path: '/me', key: 'pk_unclaimed_demo' })).status).toBe(401)
    } finally {
      child.kill('SIGINT')
    }
    const bad = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--now', 'tomorrow'], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    bad.stderr.on('data', (chunk) => (stderr += chunk))
    expect(await new Promise((resolve) => bad.once('exit', resolve))).toBe(2)
    expect(stderr).toContain('--now must be unix milliseconds or an ISO 8601 date like 2026-06-18T00:00:00Z, got "tomorrow".')
  })
})
