import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { apiHeaders, assetsPath, listQuery } from './fixtures.js'
import { median } from './measure.js'
import type { Row } from './table.js'

/**
 * Section 3: the same list request, over loopback, against the standalone mock
 * and the standalone mocks users would pick instead. Every server runs in a
 * child process of its own on 127.0.0.1 (the load generator keeps this one).
 * All are started first, then loaded in turn, round after round, so a noisy
 * stretch of the machine hits every server alike; each is stopped at the end.
 */
const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const ROUNDS = 3
const ROUND_S = 2
const CONNECTIONS = 10

interface Peer {
  name: string
  /** The command, started with this Node; `url` is where it then serves the list request's path. */
  start(port: number, dir: string): { args: string[]; url: string }
}

function bin(pkg: string, name: string): string {
  const manifest = require(`${pkg}/package.json`) as { bin: string | Record<string, string> }
  const path = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[name]!
  return join(dirname(require.resolve(`${pkg}/package.json`)), path)
}

const peers: Peer[] = [
  {
    // json-server serves a db file: the same 100k library, as API objects, paged by its own _page/_limit.
    name: 'json-server 0.17',
    start: (port, dir) => ({
      args: [bin('json-server', 'json-server'), join(dir, 'db.json'), '--routes', join(dir, 'routes.json'), '--host', '127.0.0.1', '--port', String(port), '--quiet'],
      url: `http://127.0.0.1:${port}`,
    }),
  },
  {
    name: 'Prism 5 (static example)',
    start: (port, dir) => ({
      args: [bin('@stoplight/prism-cli', 'prism'), 'mock', join(dir, 'openapi.json'), '--host', '127.0.0.1', '--port', String(port), '--errors'],
      url: `http://127.0.0.1:${port}`,
    }),
  },
  {
    name: 'Mockoon CLI 9 (static body)',
    start: (port, dir) => ({
      args: [bin('@mockoon/cli', 'mockoon-cli'), 'start', '--data', join(dir, 'mockoon.json'), '--port', String(port), '--hostname', '127.0.0.1', '--disable-log-to-file', '--disable-admin-api'],
      url: `http://127.0.0.1:${port}`,
    }),
  },
]

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Polls until the server answers the list request with a 2xx, or gives up. */
async function ready(url: string, child: ChildProcess, seconds = 90): Promise<void> {
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`)
    const response = await fetch(url, { headers: apiHeaders }).catch(() => undefined)
    if (response?.ok) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`not answering after ${seconds} s`)
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

interface Server {
  name: string
  url: string
  child: ChildProcess
  error?: string
}

interface Run {
  name: string
  rps?: number
  p99?: number
  error?: string
}

async function load(url: string, seconds: number): Promise<{ rps: number; p99: number; failures: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: apiHeaders })
  return { rps: result.requests.average, p99: result.latency.p99, failures: result.errors + result.timeouts + result.non2xx }
}

async function startPeer(name: string, args: string[], url: string): Promise<Server> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-400)))
  try {
    await ready(url, child)
    return { name, url, child }
  } catch (error) {
    const reason = `could not run: ${(error as Error).message} ${stderr.trim().split('\n').at(-1) ?? ''}`.trim()
    return { name, url, child, error: reason }
  }
}

/** Warm-up, then ROUNDS rounds of ROUND_S seconds on every server in turn; medians of the rounds. */
async function loadInTurn(servers: Server[]): Promise<Run[]> {
  const live = servers.filter((server) => !server.error)
  for (const server of live) await load(server.url, 1)
  const samples = new Map(live.map((server) => [server, [] as Array<{ rps: number; p99: number; failures: number }>]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const server of live) samples.get(server)!.push(await load(server.url, ROUND_S))
  }
  return servers.map((server) => {
    if (server.error) return { name: server.name, error: server.error }
    const runs = samples.get(server)!
    const failures = runs.reduce((sum, run) => sum + run.failures, 0)
    if (failures > 0) return { name: server.name, error: `${failures} failed requests` }
    return { name: server.name, rps: median(runs.map((run) => run.rps)), p99: median(runs.map((run) => run.p99)) }
  })
}

/** The files the peers serve: the mock's own page, and for json-server the whole library. */
async function writePeerFiles(dir: string, ourUrl: string): Promise<void> {
  const page = JSON.parse(await (await fetch(`${ourUrl}${assetsPath}${listQuery}`, { headers: apiHeaders })).text())
  const openapi = JSON.parse(await readFile(join(here, 'peers/openapi.json'), 'utf8'))
  openapi.paths['/organizations/{organizationId}/libraries/{libraryId}/assets'].get.responses['200'].content['application/json'].example = page
  await writeFile(join(dir, 'openapi.json'), JSON.stringify(openapi))
  const mockoon = JSON.parse(await readFile(join(here, 'peers/mockoon.json'), 'utf8'))
  mockoon.routes[0].responses[0].body = JSON.stringify(page)
  await writeFile(join(dir, 'mockoon.json'), JSON.stringify(mockoon))
  const assets: unknown[] = []
  for (let n = 1; ; n++) {
    const { data } = (await (await fetch(`${ourUrl}${assetsPath}?page=${n}&pageSize=500`, { headers: apiHeaders })).json()) as { data: unknown[] }
    assets.push(...data)
    if (data.length < 500) break
  }
  await writeFile(join(dir, 'db.json'), JSON.stringify({ assets }))
  await writeFile(
    join(dir, 'routes.json'),
    JSON.stringify({ '/organizations/:o/libraries/:l/assets?page=:page&pageSize=:size': '/assets?_page=:page&_limit=:size' }),
  )
}

export async function measureStandalone(): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'raster-bench-'))
  const servers: Server[] = []
  try {
    // The mock first: it prints its URL once barcelona holds 100k assets.
    const ours = spawn(process.execPath, ['--import', 'tsx', join(here, 'serve-raster.ts'), '--big'], { stdio: ['ignore', 'pipe', 'inherit'] })
    const base = await new Promise<string>((resolve, reject) => {
      ours.stdout!.once('data', (chunk) => resolve(String(chunk).trim()))
      ours.once('exit', (code) => reject(new Error(`raster-mock exited with ${code}`)))
    })
    servers.push({ name: 'raster-mock', url: `${base}${assetsPath}${listQuery}`, child: ours })
    await writePeerFiles(dir, base)
    for (const peer of peers) {
      const { args, url } = peer.start(await freePort(), dir)
      servers.push(await startPeer(peer.name, args, `${url}${assetsPath}${listQuery}`))
    }
    const [mine, ...others] = await loadInTurn(servers)
    return rows(mine!, others)
  } finally {
    for (const server of servers) await stop(server.child)
    await rm(dir, { recursive: true, force: true })
  }
}

function rows(mine: Run, others: Run[]): Row[] {
  const describe = (run: Run) => (run.error ? run.error : `${run.rps!.toFixed(0)} req/s, p99 ${run.p99} ms`)
  const measured = others.filter((run) => run.rps !== undefined)
  const fastest = measured.sort((a, b) => b.rps! - a.rps!)[0]
  const result: Row[] = [
    { section: '3 standalone', what: `raster-mock, 100k library (autocannon, ${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${ROUND_S} s)`, value: describe(mine) },
    ...others.map((run) => ({ section: '3 standalone', what: run.name, value: describe(run) })),
  ]
  if (fastest && mine.rps !== undefined) {
    const ratio = mine.rps / fastest.rps!
    result.push({
      section: '3 standalone',
      what: `raster-mock vs the fastest peer (${fastest.name}), req/s; p99 ${mine.p99} vs ${fastest.p99} ms`,
      value: `${mine.rps.toFixed(0)} vs ${fastest.rps!.toFixed(0)} req/s`,
      ratio,
      target: '≥ 1.0×, lower p99',
      met: ratio >= 1 && mine.p99! <= fastest.p99!,
    })
  }
  return result
}
