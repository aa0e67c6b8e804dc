/**
 * The standalone mock for the throughput comparison, in a process of its own
 * so the load generator does not share its event loop: barcelona grown to
 * 100,000 assets, then the URL printed on stdout.
 */
import { startServer } from '../src/server.js'
import { bigLibrary } from './fixtures.js'

const running = await startServer({ port: 0, log: false })
const world = await running.mock.ready
await world.insertAssets(bigLibrary())
console.log(running.url)
