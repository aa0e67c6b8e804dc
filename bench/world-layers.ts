/**
 * Section 6, copy-on-write worlds (issue 12): reset and new sessions at 10,000
 * and 100,000 assets, the heap a session costs, and the standalone server's
 * memory after 20,000 sessions and 2,000 scenario combinations.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { getResponse } from 'msw'
import { combine, scenarioNames } from '../scenarios/combine.js'
import { createRasterMock, type RasterMock } from '../src/index.js'
import { seedWorld } from '../src/model/seed.js'
import { apiHeaders, assetsPath, bigLibrary } from './fixtures.js'
import { heapMB, median, timeOnce } from './measure.js'
import { atMost, type Row } from './table.js'

const here = dirname(fileURLToPath(import.meta.url))
const ms = (value: number) => `${value.toFixed(2)} ms`
const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAYAAACddGYaAAAAEUlEQVR4nGP4z8DwHwYZkDkAl+8L9e5dqdAAAAAASUVORK5CYII=', 'base64')

/** One request through the mock's msw handlers, without msw's interceptor (which keeps ~9 KB per request: msw#2735). */
async function send(mock: RasterMock, path: string, init: RequestInit = {}): Promise<Response> {
  const request = new Request(`${mock.runtime.baseUrl}${path}`, { ...init, headers: { ...apiHeaders, ...init.headers } })
  const response = await getResponse(mock.handlers, request)
  if (!response) throw new Error(`no handler answered ${path}`)
  await response.arrayBuffer()
  return response
}

const describe = (mock: RasterMock, id: string, headers: Record<string, string> = {}) =>
  send(mock, `${assetsPath}/${id}/description`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ description: 'bench write' }),
  })

const upload = (mock: RasterMock, headers: Record<string, string>) => {
  const form = new FormData()
  form.append('files', new File([tinyPng], 'bench.png', { type: 'image/png' }))
  return send(mock, assetsPath, { method: 'POST', body: form, headers })
}

/** reset() after 100 writes, then the first list request, median of 7; and the first request of new sessions. */
async function resetAndSessions(mock: RasterMock, label: string, resetTarget: number): Promise<Row[]> {
  const world = await mock.ready
  const ids = world.visibleAssetsPage(world.library('monogram-labs', 'barcelona')!, 0, 100).map((asset) => asset.id)
  const resets: number[] = []
  for (let round = 0; round < 7; round++) {
    for (const id of ids) await describe(mock, id)
    resets.push(await timeOnce(async () => {
      await mock.reset()
      await send(mock, assetsPath)
    }))
  }
  const firsts: number[] = []
  for (let i = 0; i < 21; i++) firsts.push(await timeOnce(() => send(mock, assetsPath, { headers: { 'X-Mock-Session': `first-${label}-${i}` } })))
  const reset = median(resets)
  const first = median(firsts)
  return [
    atMost({ section: '6 worlds', what: `reset() after 100 writes + the first list request, ${label} assets`, value: ms(reset), ratio: reset / resetTarget }, reset, resetTarget, 'ms'),
    atMost({ section: '6 worlds', what: `first list request of a new session, ${label} assets`, value: ms(first), ratio: first / 5 }, first, 5, 'ms'),
  ]
}

/** Heap per session: 2,000 new sessions that read, then 2,000 that upload once, less the same reads without a session. */
async function sessionHeap(mock: RasterMock): Promise<Row[]> {
  const N = 2000
  const perRequestKB = async (run: (i: number) => Promise<unknown>) => {
    const start = heapMB()
    for (let i = 0; i < N; i++) await run(i)
    return ((heapMB() - start) * 1024) / N
  }
  const read = (headers: Record<string, string>) => send(mock, assetsPath, { headers })
  for (let i = 0; i < 200; i++) await read({}) // warm-up
  const baseline = await perRequestKB(() => read({}))
  const reader = (await perRequestKB((i) => read({ 'X-Mock-Session': `read-${i}` }))) - baseline
  const writer = (await perRequestKB((i) => upload(mock, { 'X-Mock-Session': `write-${i}` }))) - baseline
  await mock.reset()
  return [
    atMost({ section: '6 worlds', what: 'heap per session that only read', value: `${reader.toFixed(2)} KB`, ratio: reader / 5 }, reader, 5, 'KB'),
    atMost({ section: '6 worlds', what: 'heap per session that uploaded one asset', value: `${writer.toFixed(2)} KB`, ratio: writer / 50 }, writer, 50, 'KB'),
  ]
}

/** Resident memory of a process, from /proc (Linux). */
function rssMB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!
  return Number(line.replace(/\D+/g, '')) / 1024
}

/** Runs `count` calls of `request(i)`, `concurrency` at a time. */
async function pool(count: number, concurrency: number, request: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await request(next++).catch(() => undefined)
  }))
}

/**
 * `count` combinations the catalogue allows, in a fixed order, without `slow` (it waits seconds by design) and
 * with `many-assets` (10,000 assets to build, ~0.5 s each) in the first 60 only: three times the default cap.
 */
function combinations(count: number): string[] {
  const names = scenarioNames.filter((name) => name !== 'default' && name !== 'slow')
  const found: string[] = []
  let big = 0
  for (let mask = 1; found.length < count && mask < 1 << names.length; mask++) {
    const chosen = names.filter((_, i) => mask & (1 << i))
    if (chosen.includes('many-assets') && ++big > 60) continue
    try {
      found.push(combine(chosen.join(',')).name)
    } catch {
      // Conflicting scenarios are refused by the mock; the bench skips them.
    }
  }
  return found
}

/** The standalone server in a child process: its RSS after 20,000 writing sessions, then after 2,000 combinations. */
async function standaloneMemory(): Promise<Row[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'serve-raster.ts')], { stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const base = await new Promise<string>((resolve, reject) => {
      child.stdout!.once('data', (chunk) => resolve(String(chunk).trim()))
      child.once('exit', (code) => reject(new Error(`raster-mock exited with ${code}`)))
    })
    const id = (await (await fetch(`${base}${assetsPath}?pageSize=1`, { headers: apiHeaders })).json()).data[0].id
    const write = (headers: Record<string, string>) =>
      fetch(`${base}${assetsPath}/${id}/description`, {
        method: 'PATCH',
        headers: { ...apiHeaders, ...headers, 'Content-Type': 'application/json' },
        body: '{"description":"bench"}',
      }).then((response) => response.arrayBuffer())
    const idle = rssMB(child.pid!)
    await pool(20_000, 10, (i) => write({ 'X-Mock-Session': `rss-${i}` }))
    const afterSessions = rssMB(child.pid!)
    const answers = async () => (await fetch(`${base}/me`, { headers: apiHeaders })).status === 200
    const answeredSessions = await answers()
    const combos = combinations(2000)
    await pool(combos.length, 10, (i) => write({ 'X-Mock-Scenario': combos[i]!, 'X-Mock-Session': `combo-${i % 50}` }))
    const afterCombos = rssMB(child.pid!)
    const answeredCombos = await answers()
    const cap = 1024
    return [
      { section: '6 worlds', what: 'standalone server RSS, idle', value: `${idle.toFixed(0)} MB` },
      atMost({ section: '6 worlds', what: `standalone RSS after 20,000 distinct sessions that wrote (answers: ${answeredSessions})`, value: `${afterSessions.toFixed(0)} MB`, ratio: afterSessions / cap }, answeredSessions ? afterSessions : Infinity, cap, 'MB'),
      atMost({ section: '6 worlds', what: `standalone RSS after ${combos.length.toLocaleString('en')} distinct scenario combinations (answers: ${answeredCombos})`, value: `${afterCombos.toFixed(0)} MB`, ratio: afterCombos / cap }, answeredCombos ? afterCombos : Infinity, cap, 'MB'),
    ]
  } finally {
    child.kill()
  }
}

export async function measureWorldLayers(log: (step: string) => void): Promise<Row[]> {
  log('worlds: 10k (many-assets)')
  const many = createRasterMock({ scenario: 'many-assets' })
  const rows = await resetAndSessions(many, '10,000', 5)
  log('worlds: heap per session')
  rows.push(...(await sessionHeap(createRasterMock())))
  log('worlds: 100k')
  const seeded = seedWorld()
  const big = createRasterMock({ seeded: { ...seeded, assets: [...seeded.assets, ...bigLibrary()] } })
  const built = await timeOnce(() => big.ready)
  rows.push({ section: '6 worlds', what: 'building the frozen 100k world (once per process)', value: `${built.toFixed(0)} ms` })
  rows.push(...(await resetAndSessions(big, '100,000', 10)))
  log('worlds: standalone memory')
  rows.push(...(await standaloneMemory()))
  return rows
}
