import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'
import { restClient, type RestCall } from './support/client.js'

/**
 * Issue #34 over the standalone server: the clock's control route and `--now` refuse what is not a time the clock
 * can show (docs/time.md: from 1970-01-01 to 8999-12-31, dates that exist), instead of answering 500 later.
 */
let server: RunningServer
let call: RestCall
beforeAll(async () => {
  server = await startServer({ port: 0, log: false })
  call = restClient(server.url)
})
afterEach(() => call({ method: 'POST', path: '/__mock/reset', json: { clock: true } }))
afterAll(() => server.close())

const putClock = (json: unknown) => call({ method: 'PUT', path: '/__mock/clock', json })
/** docs/time.md's body error (`PUT /__mock/clock`), in the REST envelope of docs/errors.md. */
const clockBodyInvalid = {
  error: {
    code: 'BAD_USER_INPUT',
    message: 'The body must be {"now": <unix ms or ISO 8601 date>} or {"advance": <ms or a duration like "30d", "2h", "90s">}.',
  },
}
const createTemporary = () => call({ method: 'POST', path: '/libraries', key: null, json: { email: 'clock@example.com' } })

describe('PUT /__mock/clock out of the clock’s range (#34.9)', () => {
  it.each([
    ['{"now": 9007199254740991}', { now: 9007199254740991 }],
    ['{"now": "0000-01-01"}', { now: '0000-01-01' }],
    ['{"now": "9000-01-01T00:00:00Z"}', { now: '9000-01-01T00:00:00Z' }],
    ['{"now": "2026-02-31"}', { now: '2026-02-31' }],
    ['{"advance": "999999999999d"}', { advance: '999999999999d' }],
    ['{"advance": "-999999d"}', { advance: '-999999d' }],
  ])('refuses %s with 400 and leaves the clock where it was', async (_, json) => {
    await putClock({ now: '2026-06-01T00:00:00Z' })
    const reply = await putClock(json)
    expect(reply.body).toEqual(clockBodyInvalid)
    expect(reply.status).toBe(400)
    expect((await call({ path: '/__mock/clock' })).body).toEqual({ data: { now: Date.UTC(2026, 5, 1) } })
  })

  it('takes the last instant of 8999 and a 29 February that exists, and POST /libraries still answers', async () => {
    expect((await putClock({ now: '2028-02-29' })).body).toEqual({ data: { now: Date.UTC(2028, 1, 29) } })
    const last = Date.UTC(8999, 11, 31, 23, 59, 59, 999)
    expect((await putClock({ now: '8999-12-31T23:59:59.999Z' })).body).toEqual({ data: { now: last } })
    const created = await createTemporary()
    expect(created.status).toBe(200)
    // 30 days later (docs/rest.md, "Temporary libraries").
    expect(created.body.data.expiresAt).toBe(new Date(last + 30 * 86_400_000).toISOString())
  })
})

describe('POST /libraries at the ends of the ranges (#34.9)', () => {
  // docs/decisions.md, "Time": the clock ends at 8999-12-31T23:59:59.999Z, a time limit is at most 1,000 years of
  // 365 days, so expiresAt is always an ISO 8601 date-time; the request that once answered 500 created an
  // organization each time, so the email's quota of 3 (docs/rest.md) shows whether anything was stored.
  it('answers at the last instant with the longest lifetime, every time', async () => {
    const last = Date.UTC(8999, 11, 31, 23, 59, 59, 999)
    const lifetime = 1000 * 365 * 86_400_000
    const edge = await startServer({ port: 0, log: false, now: () => last, limits: { temporaryLifetimeMs: lifetime } })
    try {
      const create = () => restClient(edge.url)({ method: 'POST', path: '/libraries', key: null, json: { email: 'edge@example.com' } })
      for (let i = 0; i < 3; i++) {
        const reply = await create()
        expect(reply.status).toBe(200)
        expect(reply.body.data.expiresAt).toBe(new Date(last + lifetime).toISOString())
        expect(reply.body.data.expiresAt).toMatch(/^\d{4}-/)
      }
      expect((await create()).body).toEqual({ error: { code: 'BAD_USER_INPUT', message: 'Too many unclaimed libraries for this email.' } })
    } finally {
      await edge.close()
    }
  })
})

describe('X-Mock-Now out of the clock’s range (#34.9)', () => {
  // docs/time.md: a value that is not a time is 400 BAD_USER_INPUT; a clock before 1970 is refused.
  it.each(['0000-01-01', '1969-12-31T23:59:59Z', '2026-02-31', '2026-13-01', '9007199254740991'])('refuses %s with 400', async (value) => {
    const reply = await call({ path: '/me', headers: { 'X-Mock-Now': value } })
    expect(reply.status).toBe(400)
    expect(reply.body.error.code).toBe('BAD_USER_INPUT')
  })
})

/** Runs the CLI with `args` until it exits (or stops it once it listens): its exit code and stderr. */
async function runCli(args: string[]): Promise<{ code: unknown; stderr: string }> {
  const cli = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  cli.stderr.on('data', (chunk) => (stderr += chunk))
  cli.stdout.on('data', (chunk) => String(chunk).includes('listening on') && cli.kill('SIGINT'))
  const code = await new Promise((resolve) => cli.once('exit', resolve))
  return { code, stderr }
}

describe('--now out of the clock’s range (#34.9)', () => {
  it('exits 2 naming the flag', async () => {
    const { code, stderr } = await runCli(['--now', '0000-01-01'])
    expect(code).toBe(2)
    expect(stderr).toContain('--now must be unix milliseconds or an ISO 8601 date like 2026-06-18T00:00:00Z, got "0000-01-01".')
  })
})

describe('a config file’s limits (#34.11)', () => {
  // docs/decisions.md, "REST and the data" (Sizes are binary): each limit is a whole number in its range, an
  // unknown one is refused; the standalone server then exits 2 naming its config file and the setting.
  it('exits 2 naming the setting when a limit is not a number, out of range, or unknown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'raster-mock-limits-'))
    const cases = [
      [{ fileBytes: '1MB' }, 'limits.fileBytes'],
      [{ processingMs: -5000 }, 'limits.processingMs'],
      [{ bogusLimit: 1 }, 'limits.bogusLimit'],
    ] as const
    for (const [index, [limits, setting]] of cases.entries()) {
      const file = join(dir, `config-${index}.mjs`)
      writeFileSync(file, `export default ${JSON.stringify({ limits })}\n`)
      const { code, stderr } = await runCli(['--config', file])
      expect(code, stderr).toBe(2)
      expect(stderr).toContain(`raster-mock: config ${file}: `)
      expect(stderr).toContain(setting)
    }
  }, 60_000)
})
