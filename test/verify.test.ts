import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getResponse } from 'msw'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApiHandler } from '../handlers/openapi.js'
import { restResponder } from '../handlers/rest.js'
import { rasterApi } from '../src/actions/index.js'
import { defineVersionChange } from '../src/actions/versions.js'
import { createRasterMock } from '../src/index.js'
import { startServer, type RunningServer } from '../src/server.js'
import { verifyMain, type VerifyIO } from '../src/verify/main.js'
import { runVerify } from '../src/verify/run.js'
import { mockTransport } from '../src/verify/sides.js'

/**
 * `raster-mock verify`, offline: the "real API" is the mock itself (a standalone server, or a mock in process
 * behind a fetch), and a wrapper around that fetch edits its answers to play an API that drifted.
 */
const REAL = 'http://real.test'
const KEY = 'pk_TopSecretRealKey0123456789abcd'
const shared = mockTransport()

/** A fetch that answers like the real API would, from a mock in process, holding KEY as a Write key on every library. */
function inProcessApi(seed?: number): typeof fetch {
  const mock = createRasterMock({
    baseUrl: REAL,
    ...(seed === undefined ? {} : { seed }),
    world: (world) => world.createKey({ id: KEY, organizationId: 'monogram-labs', grants: { barcelona: 'write', tokyo: 'write', lisbon: 'write' } }),
  })
  const handlers = [openApiHandler(REAL), ...mock.handlers]
  return (async (input: RequestInfo | URL, init?: RequestInit) => (await getResponse(handlers, new Request(input, init)))!) as typeof fetch
}

interface Answer {
  status: number
  headers: Headers
  body: any
}

/** `inner` with its answers edited: `edit` gets each request (and its body) and its answer, and changes the answer in place. */
function altered(inner: typeof fetch, edit: (request: Request, answer: Answer, body: string) => void): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    const body = request.method === 'POST' ? await request.clone().text() : ''
    const response = await inner(request.clone())
    const text = await response.text()
    const answer: Answer = { status: response.status, headers: new Headers(response.headers), body: text ? JSON.parse(text) : undefined }
    edit(request, answer, body)
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers })
  }) as typeof fetch
}

/** The request's path and query, `/me` or `/organizations/…?limit=3`. */
const target = (request: Request) => {
  const url = new URL(request.url)
  return url.pathname + url.search
}

const run = (fetch: typeof globalThis.fetch, extra: Partial<Parameters<typeof runVerify>[0]> = {}) =>
  runVerify({ against: REAL, key: KEY, apiVersion: '2026-05-20', real: { fetch }, mock: shared, ...extra })

/** What a finding is, without its id: what a test expects. */
const brief = (findings: { probe: string; kind: string; path: string; severity: string }[]) =>
  findings.map(({ probe, kind, path, severity }) => ({ probe, kind, path, severity }))

/** verify's command line with its output captured. */
async function cli(args: string[], fetch: typeof globalThis.fetch, env: Record<string, string> = { RASTER_API_KEY: KEY }, progress = false) {
  let stdout = ''
  let stderr = ''
  const io: VerifyIO = {
    env,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    progress,
    fetch,
    retries: { attempts: 3, firstDelayMs: 0, sleep: async () => {} },
  }
  const code = await verifyMain(args, io)
  return { code, stdout, stderr }
}

describe('the mock against itself', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ port: 0, log: false })
  })
  afterAll(() => server.close())

  it('through a standalone server: exit 0 and no finding', async () => {
    const { code, stdout } = await cli(['--against', server.url], fetch, { RASTER_API_KEY: 'pk_monogram_write' })
    expect(stdout).toContain('0 findings')
    expect(stdout).toContain(`faithful: the mock matches ${server.url} (Api-Version 2026-05-20) beyond the baseline`)
    expect(code).toBe(0)
  })

  it('with another seed: still no finding, values are ignored', async () => {
    const report = await run(inProcessApi(7))
    expect(report.findings).toEqual([])
    expect(report.summary.probes).toBeGreaterThan(30)
  })

  it('with a seed whose data leave a field unexercised: that field is unverified (info), not drift', async () => {
    // Seed 99's searches match some names, the mock's default data none: the highlight of a name is seen on one side only.
    const report = await run(inProcessApi(99))
    expect(brief(report.findings)).toEqual([
      { probe: 'graphql:searchAssets', kind: 'unverified', path: '$.data.searchAssets.hits[].highlights.name', severity: 'info' },
      { probe: 'rest:searchAssets:q', kind: 'unverified', path: '$.data.hits[].highlights.name', severity: 'info' },
    ])
    expect(report.verdict).toBe('faithful')
  })
})

describe('against an altered mock, each alteration gives exactly its finding', () => {
  const api = inProcessApi()

  it.each([
    {
      alteration: 'a renamed field',
      edit: (request: Request, answer: Answer) => {
        if (target(request) !== '/me') return
        const { organizationName, ...rest } = answer.body.data
        answer.body.data = { ...rest, organisationName: organizationName }
      },
      expected: { probe: 'rest:me', kind: 'renamed-field', path: '$.data.organisationName', severity: 'error' },
    },
    {
      alteration: 'a dropped Vary',
      edit: (request: Request, answer: Answer) => target(request) === '/organizations/monogram-labs/libraries/barcelona/tags' && answer.headers.delete('Vary'),
      expected: { probe: 'rest:listTags', kind: 'vary', path: '$', severity: 'error' },
    },
    {
      alteration: 'a changed status',
      edit: (request: Request, answer: Answer) => target(request).endsWith('/assets/rmVerifyMiss0') && (answer.status = 410),
      expected: { probe: 'error:unknown-asset', kind: 'status', path: '$', severity: 'error' },
    },
    {
      alteration: 'a changed code',
      edit: (request: Request, answer: Answer) => target(request).includes('tags=a%2Cb') && (answer.body.error.code = 'INVALID_INPUT'),
      expected: { probe: 'error:too-many-tags', kind: 'error-code', path: '$', severity: 'error' },
    },
    {
      alteration: 'a changed message',
      edit: (request: Request, answer: Answer) => target(request).startsWith('/organizations/raster-mock-verify-missing/') && (answer.body.error.message = 'No such organization.'),
      expected: { probe: 'error:unknown-organization', kind: 'message', path: '$', severity: 'warning' },
    },
    {
      alteration: 'a timestamp in ISO 8601',
      edit: (request: Request, answer: Answer) =>
        /\/assets\/\w+$/.test(target(request)) && answer.status === 200 && (answer.body.data.created = new Date(answer.body.data.created).toISOString()),
      expected: { probe: 'rest:getAsset', kind: 'timestamp-format', path: '$.data.created', severity: 'error' },
    },
    {
      alteration: 'a number turned string',
      edit: (request: Request, answer: Answer) => {
        if (target(request) !== '/organizations/monogram-labs/libraries' || answer.status !== 200) return
        for (const library of answer.body.data) library.assetsCount = String(library.assetsCount)
      },
      expected: { probe: 'rest:listLibraries', kind: 'type', path: '$.data[].assetsCount', severity: 'error' },
    },
    {
      alteration: 'null turned absent',
      edit: (_: Request, answer: Answer, body: string) => {
        if (!body.includes('searchAssets')) return
        for (const hit of answer.body.data.searchAssets.hits) if (hit.highlights.name === null) delete hit.highlights.name
      },
      expected: { probe: 'graphql:searchAssets', kind: 'null-absent', path: '$.data.searchAssets.hits[].highlights.name', severity: 'error' },
    },
    {
      alteration: "a GraphQL error's extensions.http.status",
      edit: (_: Request, answer: Answer, body: string) => body.includes('raster-mock-verify-missing') && (answer.body.errors[0].extensions.http.status = 400),
      expected: { probe: 'graphql:error-unknown-library', kind: 'graphql-status', path: '$', severity: 'error' },
    },
    {
      alteration: 'a field the real GraphQL schema dropped (the queries then select only what both have)',
      edit: (_: Request, answer: Answer, body: string) => {
        if (!body.includes('IntrospectionQuery')) return
        const asset = answer.body.data.__schema.types.find((type: { name: string }) => type.name === 'Asset')
        asset.fields = asset.fields.filter((field: { name: string }) => field.name !== 'thumbUrl')
      },
      expected: { probe: 'graphql:schema', kind: 'extra-field', path: 'Asset.thumbUrl', severity: 'warning' },
    },
    {
      alteration: 'introspection refused (the schema is unverified, the queries select every field)',
      edit: (_: Request, answer: Answer, body: string) => {
        if (!body.includes('IntrospectionQuery')) return
        answer.status = 400
        answer.body = { errors: [{ message: 'Introspection is disabled.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } }], data: null }
      },
      expected: { probe: 'graphql:schema', kind: 'unverified', path: '$', severity: 'info' },
    },
    {
      alteration: 'an emptied list (unverified)',
      edit: (_: Request, answer: Answer, body: string) => body.includes('{ tags(') && (answer.body.data.tags = []),
      expected: { probe: 'graphql:tags', kind: 'unverified', path: '$.data.tags[]', severity: 'info' },
    },
    {
      alteration: 'a list emptied in one answer only: its elements are verified by the same action’s other answers',
      edit: (request: Request, answer: Answer) => target(request).endsWith('/tags?limit=3') && (answer.body.data = []),
      expected: undefined,
    },
  ])('$alteration', async ({ edit, expected }) => {
    const report = await run(altered(api, edit))
    expect(brief(report.findings)).toEqual(expected ? [expected] : [])
  })

  it('what differs between the two real answers is volatile and left out', async () => {
    let calls = 0
    const report = await run(altered(api, (request, answer) => target(request) === '/me' && calls++ % 2 === 1 && (answer.body.data.plan = 7)))
    expect(report.findings).toEqual([])
    expect(report.probes.find((probe) => probe.id === 'rest:me')!.volatile).toEqual(['$.data.plan'])
  })

  it('a difference a known later version explains is version skew, not drift', async () => {
    // A test-only version in which an asset lists its variants as `variants`; the "real API" answers in it.
    const variants = defineVersionChange({ version: '2100-01-01', description: 'variants, not views', response: ({ views, ...asset }: any) => ({ ...asset, variants: views }) })
    const api2100 = { actions: rasterApi.actions.map((action) => (action.name === 'getAsset' ? { ...action, changes: [variants] } : action)), versions: ['2026-05-20', '2100-01-01'] as const }
    const mock = createRasterMock()
    const versioned = restResponder(mock.runtime, api2100)
    const handlers = [openApiHandler('https://api.raster.app'), ...mock.handlers]
    const drifted = altered(api, (request, answer) => {
      if (!/\/assets\/\w+$/.test(target(request)) || answer.status !== 200) return
      const { views, ...asset } = answer.body.data
      answer.body.data = { ...asset, variants: views }
    })
    const mockSide = async (request: Request) => (new URL(request.url).pathname !== '/openapi.json' && (await versioned(request))) || (await getResponse(handlers, request))!
    const report = await run(drifted, { mock: mockSide, mockVersions: api2100.versions })
    expect(report.findings.map(({ probe, kind, severity, versionSkew }) => ({ probe, kind, severity, versionSkew }))).toEqual([
      { probe: 'rest:getAsset', kind: 'renamed-field', severity: 'info', versionSkew: '2100-01-01' },
    ])
    expect(report.verdict).toBe('faithful')
  })

  it.skip('an MCP error moved from isError to a JSON-RPC error (MCP probes come with the mock’s MCP server)', () => {})
  it.skip('a renamed MCP tool (MCP probes come with the mock’s MCP server)', () => {})
})

describe('the README', () => {
  /** The output the README shows under `<!-- verify: name -->`. */
  const shown = (name: string) => new RegExp(`<!-- verify: ${name} -->\\n\`\`\`text\\n([\\s\\S]*?)\`\`\`\\n`).exec(readFileSync('README.md', 'utf8'))![1]

  it('shows the output of a run against a second server, faithful and with one field altered', async () => {
    // The README's second server is at 127.0.0.1:4011; here a mock in process plays it, at the same URL.
    const base = 'http://127.0.0.1:4011'
    const second = createRasterMock({ baseUrl: base })
    const handlers = [openApiHandler(base), ...second.handlers]
    const server = (async (input: RequestInfo | URL, init?: RequestInit) => (await getResponse(handlers, new Request(input, init)))!) as typeof fetch
    const renamed = altered(server, (request, answer) => {
      if (new URL(request.url).pathname !== '/me' || answer.status !== 200) return
      const { organizationName, ...rest } = answer.body.data
      answer.body.data = { ...rest, organisationName: organizationName }
    })
    const env = { RASTER_API_KEY: 'pk_monogram_write' }
    for (const [name, fetch, exit] of [['faithful', server, 0], ['drift', renamed, 1]] as const) {
      const { code, stdout, stderr } = await cli(['--against', base], fetch, env)
      expect(stderr + stdout, name).toBe(shown(name))
      expect(code).toBe(exit)
    }
  })
})

describe('safety', () => {
  it('a default run sends only reads: GETs of the read endpoints and GraphQL queries', async () => {
    const sent: { method: string; path: string; query?: string }[] = []
    const recording = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init)
      const body = request.method === 'POST' ? ((await request.clone().json()) as { query: string }).query : undefined
      sent.push({ method: request.method, path: new URL(request.url).pathname, ...(body ? { query: body } : {}) })
      return inProcessApi()(request)
    }) as typeof fetch
    await run(recording)
    const reads = [
      /^\/me$/,
      /^\/openapi\.json$/,
      /^\/organizations\/[^/]+\/libraries$/,
      /^\/organizations\/[^/]+\/libraries\/[^/]+\/assets$/,
      /^\/organizations\/[^/]+\/libraries\/[^/]+\/assets\/[^/]+$/,
      /^\/organizations\/[^/]+\/libraries\/[^/]+\/tags$/,
      /^\/organizations\/[^/]+\/search\/assets$/,
      /^\/organizations\/monogram-labs\/raster-mock-verify-missing$/,
    ]
    const notRead = sent.filter(({ method, path, query }) =>
      method === 'POST' ? path !== '/' || !/^\s*query\b/.test(query!) || /\bmutation\b/.test(query!) : method !== 'GET' || !reads.some((read) => read.test(path)),
    )
    expect(notRead).toEqual([])
    expect(sent.filter(({ method }) => method === 'POST').length).toBeGreaterThan(10)
  })

  it('--allow-writes --library announces its cycle, then writes only there: upload, tag, describe, delete', async () => {
    const writes: string[] = []
    const api = inProcessApi()
    const recording = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init)
      if (request.method !== 'GET' && new URL(request.url).pathname !== '/') writes.push(`${request.method} ${new URL(request.url).pathname}`)
      return api(request)
    }) as typeof fetch
    const { code, stderr } = await cli(['--against', REAL, '--allow-writes', '--library', 'lisbon'], recording)
    expect(code).toBe(0)
    expect(stderr).toContain('--allow-writes: in library lisbon on http://real.test, uploading 1 PNG (raster-mock-verify.png), tagging it raster-mock-verify, describing it, then moving it to the trash.')
    const library = '/organizations/monogram-labs/libraries/lisbon'
    expect(writes.map((write) => write.replace(/assets\/\w+\/description/, 'assets/:id/description'))).toEqual([
      `POST ${library}/assets`,
      `POST ${library}/assets/tag`,
      `PATCH ${library}/assets/:id/description`,
      `DELETE ${library}/assets`,
    ])
  })
})

describe('reports and exit codes', () => {
  const folder = mkdtempSync(join(tmpdir(), 'raster-mock-verify-'))
  const drifted = altered(inProcessApi(), (request, answer) => {
    if (target(request) === '/me') answer.body.data.plan = 7
  })

  it('drift: exit 1, the table on stdout, the JSON report, the recording; the key appears nowhere', async () => {
    const report = join(folder, 'report.json')
    const har = join(folder, 'real.har')
    const { code, stdout, stderr } = await cli(['--against', REAL, '--key', KEY, '--report', report, '--record', har], drifted, {}, true)
    expect(code).toBe(1)
    expect(stdout).toMatch(/^severity +kind +probe +path +real +mock\nerror +type +rest:me +\$\.data\.plan +number +string\n/)
    expect(stdout).toContain('drift: 1 new error finding against http://real.test (Api-Version 2026-05-20)')
    expect(stderr).toContain('warning: --key shows the key')
    expect(stderr).toContain('[0/33] graphql:schema')
    expect(stderr).toContain('[1/33] rest:listAssets')
    const written = JSON.parse(readFileSync(report, 'utf8'))
    expect(Object.keys(written)).toEqual(['tool', 'against', 'apiVersion', 'key', 'verdict', 'summary', 'findings', 'probes'])
    expect(written.key).toBe('pk_TopS…')
    expect(written.findings).toEqual([
      { id: 'rest:me type $.data.plan', probe: 'rest:me', kind: 'type', path: '$.data.plan', real: 'number', mock: 'string', severity: 'error', accepted: false },
    ])
    const recorded = readFileSync(har, 'utf8')
    for (const text of [stdout, stderr, readFileSync(report, 'utf8'), recorded]) expect(text).not.toContain(KEY)
    const headerNames = JSON.parse(recorded).log.entries.flatMap((entry: { request: { headers: { name: string }[] } }) => entry.request.headers.map((header) => header.name.toLowerCase()))
    expect(headerNames).toContain('api-version')
    expect(headerNames).not.toContain('authorization')
  })

  it('a recording replayed offline, without a key, gives the same report', async () => {
    const replayed = join(folder, 'replayed.json')
    const { code } = await cli(['--from', join(folder, 'real.har'), '--report', replayed], () => Promise.reject(new Error('no network')), {})
    expect(code).toBe(1)
    const { key: _, ...live } = JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8'))
    const { key, ...offline } = JSON.parse(readFileSync(replayed, 'utf8'))
    expect(key).toBeNull()
    expect(offline).toEqual(live)
  })

  it('a baseline accepts the findings it lists: exit 0, and 1 again on new drift', async () => {
    const baseline = join(folder, 'baseline.json')
    expect((await cli(['--against', REAL, '--baseline', baseline, '--update-baseline'], drifted)).code).toBe(0)
    expect(JSON.parse(readFileSync(baseline, 'utf8')).accepted.map((entry: { id: string }) => entry.id)).toEqual(['rest:me type $.data.plan'])
    const accepted = await cli(['--against', REAL, '--baseline', baseline], drifted)
    expect(accepted.stdout).toContain('error (accepted)')
    expect(accepted.code).toBe(0)
    const more = altered(drifted, (request, answer) => target(request) === '/organizations/monogram-labs/libraries' && answer.headers.delete('Vary'))
    expect((await cli(['--against', REAL, '--baseline', baseline], more)).code).toBe(1)
  })

  it.each([
    ['no key', ['--against', REAL], {}],
    ['no --against', [], { RASTER_API_KEY: KEY }],
    ['an --against that is not an origin', ['--against', `${REAL}/v1`], { RASTER_API_KEY: KEY }],
    ['an unknown flag', ['--against', REAL, '--write-everything'], { RASTER_API_KEY: KEY }],
    ['--allow-writes without --library', ['--against', REAL, '--allow-writes'], { RASTER_API_KEY: KEY }],
    ['--update-baseline without --baseline', ['--against', REAL, '--update-baseline'], { RASTER_API_KEY: KEY }],
    ['a baseline that is not one', ['--against', REAL, '--baseline', 'package.json'], { RASTER_API_KEY: KEY }],
    ['a recording that is not one', ['--from', 'package.json'], {}],
  ])('usage: %s is exit 2', async (_, args, env) => {
    const { code, stderr } = await cli(args as string[], inProcessApi(), env as Record<string, string>)
    expect(stderr).toContain('Usage: raster-mock verify')
    expect(code).toBe(2)
  })

  it('could not verify: exit 3 when unreachable (after bounded retries), on 401 in discovery, on 5xx after retries (the recording kept)', async () => {
    let attempts = 0
    const unreachable = (async () => {
      attempts++
      throw new TypeError('fetch failed')
    }) as typeof fetch
    const down = await cli(['--against', REAL], unreachable)
    expect(down.stderr).toContain('could not verify: GET http://real.test is unreachable (fetch failed), after 3 attempts.')
    expect([down.code, attempts]).toEqual([3, 3])
    const refused = await cli(['--against', REAL], inProcessApi(), { RASTER_API_KEY: 'pk_notAKeyAnyoneHas' })
    expect(refused.stderr).toContain('could not verify: the real API refused the key (401 on GET /me).')
    expect(refused.code).toBe(3)
    const har = join(folder, 'cut-short.har')
    const failing = await cli(['--against', REAL, '--record', har], altered(inProcessApi(), (request, answer) => target(request).endsWith('/tags') && (answer.status = 503)))
    expect(failing.stderr).toContain('could not verify: 503 on GET /organizations/monogram-labs/libraries/barcelona/tags, after 3 attempts.')
    expect(failing.code).toBe(3)
    // The recording of a run cut short holds what was answered before.
    expect(JSON.parse(readFileSync(har, 'utf8')).log.entries.map((entry: { comment: string }) => entry.comment)).toEqual(['discover:me', 'discover:assets:barcelona'])
    const replayed = await cli(['--from', har], unreachable, {})
    expect(replayed.stderr).toContain('could not verify: the recording has no (further) answer to discover:tags:barcelona')
    expect(replayed.code).toBe(3)
  })

  // One process start under tsx: seconds on a loaded machine.
  it('raster-mock verify is a subcommand of the raster-mock command', { timeout: 60_000 }, () => {
    const help = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'verify', '--help'], { encoding: 'utf8' })
    expect(help.stdout).toContain('Usage: raster-mock verify --against')
    expect(help.status).toBe(0)
  })
})
