import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { setupServer } from 'msw/node'
import { createRasterMock } from '../src/index.js'
import type { Asset } from '../src/model/records.js'
import { seedWorld } from '../src/model/seed.js'
import { World } from '../src/model/world.js'
import { unhandledRequests } from '../src/msw-compat.js'
import { apiHeaders, assetsPath } from './fixtures.js'
import { median, timeOnce } from './measure.js'
import { atMost, type Row } from './table.js'

const run = promisify(execFile)
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`

/** Section 2: the default world again in a process that built one (warm); the first is bench/first-mock.ts's. */
export async function measureDefaultWorld(): Promise<Row[]> {
  const build = () => timeOnce(() => createRasterMock().ready)
  await build()
  const warms: number[] = []
  for (let i = 0; i < 15; i++) warms.push(await build())
  const warm = median(warms)
  return [atMost({ section: '2 seed', what: 'default world, warm (median of 15)', value: ms(warm), ratio: warm / 100 }, warm, 100, 'ms')]
}

/** Section 2: loading a world whose barcelona holds `big` more assets (a scenario or restore of that size). */
export async function measureBigWorld(big: readonly Asset[]): Promise<Row> {
  const seeded = seedWorld()
  const records = { ...seeded, assets: [...seeded.assets, ...big] }
  const took = await timeOnce(() => World.load(records))
  // Issue 35: at most 1.5 s, through @msw/data's public API.
  return atMost({ section: '2 seed', what: `World.load of ${records.assets.length.toLocaleString('en')} assets`, value: ms(took), ratio: took / 1500 }, took, 1500, 'ms')
}

/**
 * Section 2, reset: 1,000 writes, then `reset()` (which only drops the world),
 * the reload it starts, and the first request after it, each reported.
 */
export async function measureReset(): Promise<Row[]> {
  const mock = createRasterMock()
  const server = setupServer(...mock.handlers)
  server.listen(unhandledRequests('error'))
  const base = `${mock.runtime.baseUrl}${assetsPath}`
  try {
    const drops: number[] = []
    const reloads: number[] = []
    const firsts: number[] = []
    for (let round = 0; round < 3; round++) {
      const world = await mock.ready
      const ids = world.visibleAssets(world.library('monogram-labs', 'barcelona')!).map((asset) => asset.id)
      for (let i = 0; i < 1000; i++) {
        const response = await fetch(`${base}/${ids[i % ids.length]}/description`, {
          method: 'PATCH',
          headers: { ...apiHeaders, 'Content-Type': 'application/json' },
          body: JSON.stringify({ description: `write ${i}` }),
        })
        if (!response.ok) throw new Error(`write ${i} failed: ${response.status}`)
      }
      let reloaded!: Promise<unknown>
      drops.push(await timeOnce(() => void (reloaded = mock.reset())))
      reloads.push(await timeOnce(() => reloaded))
      firsts.push(await timeOnce(() => fetch(base, { headers: apiHeaders }).then((r) => r.text())))
    }
    const drop = median(drops)
    const reload = median(reloads)
    const first = median(firsts)
    return [
      atMost({ section: '2 reset', what: 'reset() after 1,000 writes (drops the world)', value: ms(drop), ratio: drop / 5 }, drop, 5, 'ms'),
      atMost({ section: '2 reset', what: 'reset() + reload of the seeded world', value: ms(drop + reload), ratio: (drop + reload) / 5 }, drop + reload, 5, 'ms'),
      { section: '2 reset', what: 'reset() + reload + the first list request', value: ms(drop + reload + first) },
    ]
  } finally {
    server.close()
  }
}

/** Section 4, second row: bench/uploads.ts in a child process, with the GC exposed. */
export async function measureUploads(): Promise<Row> {
  const script = fileURLToPath(new URL('./uploads.ts', import.meta.url))
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', script])
  const { before, after, ms: took } = JSON.parse(stdout) as { before: number; after: number; ms: number }
  return {
    section: '4 memory',
    what: 'heap growth after 10,000 uploads of small PNGs (500 requests of 20)',
    value: `+${(after - before).toFixed(1)} MB (heap ${after.toFixed(0)} MB; ${(took / 500).toFixed(1)} ms a request)`,
  }
}
