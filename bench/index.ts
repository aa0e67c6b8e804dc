/**
 * `npm run bench`: every comparison of issue 7, held to the targets of the
 * issues since (issue 35's last), measured side by side in one run on this
 * machine, printed as one table of ratios. Not part of `npm test`: timings
 * belong here, never in unit tests.
 */
import { availableParallelism } from 'node:os'
import { createRasterMock } from '../src/index.js'
import { seedWorld } from '../src/model/seed.js'
import type { Asset } from '../src/model/records.js'
import { bigLibrary } from './fixtures.js'
import { heapMB, timeOnce } from './measure.js'
import { measureFirstMock } from './first-mock.js'
import { measureImages } from './images.js'
import { measureMswRetention } from './msw-retention.js'
import { measureHandlers } from './overhead.js'
import { measureStandalone, measureStartups } from './standalone.js'
import { atMost, printTable, type Row } from './table.js'
import { measureWorldLayers } from './world-layers.js'
import { measureBigWorld, measureDefaultWorld, measureReset, measureUploads } from './world-costs.js'

const started = performance.now()
const log = (step: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${step}`)
const rows: Row[] = []
/** CPU profile summaries of the missed handler rows. */
const profiles: string[] = []

// First, while the machine is least busy with this run: what a test file's worker pays for its first mock.
log('first mock in a fresh process')
rows.push(...(await measureFirstMock()))
log('default world, warm')
rows.push(...(await measureDefaultWorld()))

log('100k fake assets')
const heapBaseline = heapMB()
let big: Asset[] = []
const generation = await timeOnce(() => (big = bigLibrary()))
rows.push({ section: '2 seed', what: 'generating 100,000 fake assets with faker (bench input, not the mock)', value: `${generation.toFixed(0)} ms` })
rows.push(await measureBigWorld(big))

/** A mock whose barcelona holds `assets` more, part of the seeded world (frozen: requests see a layer over it). */
async function mockWith(assets: Asset[]) {
  const seeded = seedWorld()
  const mock = createRasterMock({ seeded: { ...seeded, assets: [...seeded.assets, ...assets] } })
  await mock.ready
  return mock
}

log('handler overhead, 10k library')
rows.push(...(await measureHandlers(await mockWith(bigLibrary(10_000)), '10k', profiles, false)))

/** Sections 4 (first row), 1 and 5 on the full mock with a 100k barcelona, released when done. */
async function onBigMock(assets: Asset[]): Promise<Row[]> {
  log('full mock with a 100k barcelona')
  const mock = await mockWith(assets.splice(0))
  const heap = heapMB()
  const memory = atMost(
    { section: '4 memory', what: 'heap with the 100k world loaded (growth over the heap before the 100k inputs were made)', value: `${heap.toFixed(0)} MB (+${(heap - heapBaseline).toFixed(0)} MB)`, ratio: heap / 300 },
    heap,
    300,
    'MB',
  )
  log('handler overhead')
  return [memory, ...(await measureHandlers(mock, '100k', profiles))]
}
rows.push(...(await onBigMock(big)))

log('reset')
rows.push(...(await measureReset()))

log("msw's memory per request")
rows.push(...(await measureMswRetention()))

log('copy-on-write worlds')
rows.push(...(await measureWorldLayers(log)))

log('uploads')
rows.push(await measureUploads())

log('images')
rows.push(...(await measureImages()))

log('standalone throughput')
rows.push(...(await measureStandalone(log)))
log('npm start')
rows.push(...(await measureStartups()))

console.log(`\nraster-mock bench, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${availableParallelism()} cores\n`)
console.log(printTable(rows))
const missed = rows.filter((row) => row.met === false)
if (profiles.length) console.log(`\nWhat dominates the missed handler rows (CPU profile of 400 requests each):\n${profiles.join('\n')}`)
console.log(`\n${missed.length ? `missed: ${missed.map((row) => row.what).join('; ')}` : 'all targets met'} (${((performance.now() - started) / 1000).toFixed(0)} s)`)
