/**
 * The standalone mock for the benchmarks, in a process of its own so the load
 * generator does not share its event loop, then the URL printed on stdout.
 * With `--big`, barcelona holds 100,000 more assets (the throughput comparison),
 * seeded into the frozen world every other world is a layer over.
 */
import { startServer } from '../src/server.js'
import { seedWorld } from '../src/model/seed.js'
import { bigLibrary } from './fixtures.js'

const big = process.argv.includes('--big')
const seeded = seedWorld()
const running = await startServer({
  port: 0,
  log: false,
  ...(big ? { seeded: { ...seeded, assets: [...seeded.assets, ...bigLibrary()] } } : {}),
})
await running.mock.ready
console.log(running.url)
