import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { apiHeaders, assetsPath } from './fixtures.js'
import { median } from './measure.js'
import { NODE_22, PEER_VERSIONS, ensurePeers, loadAutocannon, peerBin } from './peers.js'
import { atLeast, atMost, type Row } from './table.js'

/**
 * Section 3: the list request of issue 17 (the default world's 48 barcelona assets on one page, ~35 KB) over
 * loopback, against the standalone mock, json-server 1.x (the fastest peer measured) and two baselines: msw's
 * `getResponse` behind node:http with a bare handler, and plain node:http, both answering the same bytes. Every
 * server runs in a child process of its own on 127.0.0.1 (the load generator keeps this one); all are started
 * first, then loaded in turn, round after round, so a noisy stretch of the machine hits every server alike.
 * Then `npm start` itself: the time to its first 200, and its resident memory once idle.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const ROUNDS = 3
const ROUND_S = 5
const CONNECTIONS = 10
const LIST_QUERY = '?page=1&pageSize=48'
const JSON_SERVER = `json-server ${PEER_VERSIONS['json-server']} (Node ${PEER_VERSIONS.node})`

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Polls until `url` answers a 2xx, or gives up; resolves with the ms since `since`. */
async function ready(url: string, child: ChildProcess, since = performance.now(), seconds = 60, every = 250): Promise<number> {
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`)
    const response = await fetch(url, { headers: apiHeaders }).catch(() => undefined)
    if (response?.ok) return performance.now() - since
    await new Promise((resolve) => setTimeout(resolve, every))
  }
  throw new Error(`not answering after ${seconds} s`)
}

/** Stops a child (and, when it leads a process group, the group: `npm start` runs tsx runs node). */
function stop(child: ChildProcess, group = false): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    if (group) process.kill(-child.pid!, 'SIGTERM')
    else child.kill('SIGTERM')
  })
}

/** A child that prints its URL on the first line of stdout once it serves. */
async function startPrinting(args: string[]): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk) => resolve(String(chunk).trim().split('\n')[0]!))
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)))
  })
  return { child, base }
}

interface Server {
  name: string
  /** The list request; `mix` is the upload-then-list pair, where measured. */
  url: string
  mix?: Array<{ method: string; path: string; headers?: Record<string, string>; body?: string | Buffer }>
  child: ChildProcess
}

interface Sample {
  rps: number
  p99: number
  failures: number
}

type Load = 'list' | 'mix'

async function load(server: Server, kind: Load, seconds: number): Promise<Sample> {
  const autocannon = await loadAutocannon()
  const requests = kind === 'mix' ? server.mix : undefined
  const result = await autocannon({ url: server.url, connections: CONNECTIONS, duration: seconds, headers: apiHeaders, ...(requests && { requests }) })
  return { rps: result.requests.average, p99: result.latency.p99, failures: result.errors + result.timeouts + result.non2xx }
}

/** Warm-up, then ROUNDS rounds of ROUND_S seconds on every server in turn; medians of the rounds. */
/** A server's medians, or why it has none. */
type Result = { rps: number; p99: number } | string

async function loadInTurn(servers: Server[], kind: Load): Promise<Map<Server, Result>> {
  for (const server of servers) await load(server, kind, 1)
  const samples = new Map(servers.map((server) => [server, [] as Sample[]]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const server of servers) samples.get(server)!.push(await load(server, kind, ROUND_S))
  }
  return new Map(
    servers.map((server): [Server, Result] => {
      const runs = samples.get(server)!
      const failures = runs.reduce((sum, run) => sum + run.failures, 0)
      if (failures > 0) return [server, `${failures} failed requests`]
      return [server, { rps: median(runs.map((run) => run.rps)), p99: median(runs.map((run) => run.p99)) }]
    }),
  )
}

/** A 3 × 2 PNG upload as multipart/form-data, with its boundary. */
function uploadBody(): { body: Buffer; type: string } {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAYAAACddGYaAAAAEUlEQVR4nGP4z8DwHwYZkDkAl+8L9e5dqdAAAAAASUVORK5CYII=', 'base64')
  const boundary = 'raster-bench-boundary'
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="bench.png"\r\nContent-Type: image/png\r\n\r\n`
  return { body: Buffer.concat([Buffer.from(head), png, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` }
}

/** `npm start`: ms to the first 200 of the list request, then its server process's RSS after 2 s idle. */
async function measureStartup(): Promise<{ ms: number; rssMiB: number }> {
  const port = await freePort()
  const started = performance.now()
  const child = spawn('npm', ['start', '--', '--port', String(port), '--quiet'], { cwd: root, stdio: 'ignore', detached: true })
  try {
    const ms = await ready(`http://127.0.0.1:${port}${assetsPath}${LIST_QUERY}`, child, started, 30, 10)
    await new Promise((resolve) => setTimeout(resolve, 2000))
    // npm → sh → node scripts/start.mjs: the server is the process running start.mjs (npm's own is not counted).
    const server = execFileSync('ps', ['-eo', 'pgid=,rss=,args='], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .find(([pgid, , command, ...args]) => Number(pgid) === child.pid && /(^|\/)node$/.test(command!) && args.some((arg) => arg.endsWith('scripts/start.mjs')))
    if (!server) throw new Error('[bench] npm start: no process runs scripts/start.mjs')
    return { ms, rssMiB: Number(server[1]) / 1024 }
  } finally {
    await stop(child, true)
  }
}

export async function measureStartups(): Promise<Row[]> {
  const runs = [await measureStartup(), await measureStartup(), await measureStartup()]
  const ms = median(runs.map((run) => run.ms))
  const rss = median(runs.map((run) => run.rssMiB))
  return [
    atMost({ section: '3 startup', what: '`npm start` to the first 200 of the list request (median of 3)', value: `${ms.toFixed(0)} ms`, ratio: ms / 600 }, ms, 600, 'ms'),
    atMost({ section: '3 startup', what: '`npm start` resident memory, idle after the first request', value: `${rss.toFixed(0)} MiB`, ratio: rss / 80 }, rss, 80, 'MiB'),
  ]
}

export async function measureStandalone(log: (step: string) => void): Promise<Row[]> {
  ensurePeers(log)
  const dir = await mkdtemp(join(tmpdir(), 'raster-bench-'))
  const servers: Server[] = []
  try {
    const here = dirname(fileURLToPath(import.meta.url))
    const ours = await startPrinting(['--import', 'tsx', join(here, 'serve-raster.ts')])
    const upload = uploadBody()
    const list = { method: 'GET', path: `${assetsPath}${LIST_QUERY}` }
    servers.push({
      name: 'raster-mock standalone (`npm start --quiet`)',
      url: `${ours.base}${assetsPath}${LIST_QUERY}`,
      mix: [{ method: 'POST', path: assetsPath, headers: { ...apiHeaders, 'Content-Type': upload.type }, body: upload.body }, list],
      child: ours.child,
    })
    const bytes = Buffer.from(await (await fetch(servers[0]!.url, { headers: apiHeaders })).arrayBuffer())
    const { data: assets } = JSON.parse(bytes.toString()) as { data: Array<Record<string, unknown>> }
    await writeFile(join(dir, 'page.json'), bytes)
    for (const mode of ['msw', 'plain']) {
      const baseline = await startPrinting(['--import', 'tsx', join(here, 'serve-baseline.ts'), mode, join(dir, 'page.json')])
      const name = mode === 'msw' ? 'node:http → msw `getResponse` → bare handler, same bytes' : 'plain node:http, same bytes (ceiling)'
      servers.push({ name, url: `${baseline.base}${assetsPath}${LIST_QUERY}`, child: baseline.child })
    }
    // json-server answers from a db file holding the same 48 assets as API objects, paged by its own _page/_per_page.
    await writeFile(join(dir, 'db.json'), JSON.stringify({ assets }))
    const port = await freePort()
    const jsonServer = spawn(NODE_22, [peerBin('json-server', 'json-server'), join(dir, 'db.json'), '--host', '127.0.0.1', '--port', String(port)], { stdio: ['ignore', 'ignore', 'inherit'] })
    const jsonList = `/assets?_page=1&_per_page=${assets.length}`
    const { id: _id, ...newAsset } = assets[0]!
    servers.push({
      name: JSON_SERVER,
      url: `http://127.0.0.1:${port}${jsonList}`,
      mix: [{ method: 'POST', path: '/assets', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(newAsset) }, { method: 'GET', path: jsonList }],
      child: jsonServer,
    })
    await ready(servers.at(-1)!.url, jsonServer)
    log('standalone: list')
    const lists = await loadInTurn(servers, 'list')
    log('standalone: upload-then-list')
    const mixes = await loadInTurn(servers.filter((server) => server.mix), 'mix')
    return rows(servers, lists, mixes)
  } finally {
    for (const server of servers) await stop(server.child)
    await rm(dir, { recursive: true, force: true })
  }
}

function rows(servers: Server[], lists: Map<Server, Result>, mixes: Map<Server, Result>): Row[] {
  const describe = (run: Result | undefined) => (typeof run === 'object' ? `${run.rps.toFixed(0)} req/s, p99 ${run.p99} ms` : (run ?? 'not run'))
  const what = `(autocannon, ${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${ROUND_S} s)`
  const result: Row[] = servers.map((server, i) => ({ section: '3 standalone', what: i === 0 ? `${server.name}, list page of 48 ${what}` : server.name, value: describe(lists.get(server)) }))
  const [mine] = servers
  const peer = servers.find((server) => server.name === JSON_SERVER)!
  const compare = (label: string, runs: typeof lists, limit: number) => {
    const a = runs.get(mine!)
    const b = runs.get(peer)
    if (typeof a !== 'object' || typeof b !== 'object') return { section: '3 standalone', what: label, value: `${describe(a)} vs ${describe(b)}` }
    return atLeast({ section: '3 standalone', what: `${label}; p99 ${a.p99} vs ${b.p99} ms`, value: `${a.rps.toFixed(0)} vs ${b.rps.toFixed(0)} req/s`, ratio: a.rps / b.rps }, a.rps / b.rps, limit)
  }
  const list = lists.get(mine!)
  result.push(compare(`raster-mock vs ${JSON_SERVER}, list, req/s`, lists, 1.0))
  if (typeof list === 'object') result.push(atMost({ section: '3 standalone', what: 'raster-mock p99 at 10 connections, list', value: `${list.p99} ms` }, list.p99, 10, 'ms'))
  result.push({ section: '3 standalone', what: `raster-mock upload-then-list ${what}`, value: describe(mixes.get(mine!)) })
  result.push({ section: '3 standalone', what: `${JSON_SERVER} POST-then-list`, value: describe(mixes.get(peer)) })
  result.push(compare(`raster-mock vs ${JSON_SERVER}, upload-then-list, req/s`, mixes, 0.9))
  return result
}
