import { afterAll, afterEach } from 'vitest'
import { setupRasterServer } from './node.js'

/**
 * `raster-mock/vitest`: name it in vitest's `setupFiles` and every test file runs against the mock.
 *
 * The server listens as soon as this module is evaluated, that is before vitest imports the test file, so an
 * app module that keeps `globalThis.fetch` at import time (`fetch = globalThis.fetch` as a default) already
 * keeps msw's patched one; `listen()` in a `beforeAll` would come too late for it and its requests would
 * reach the real network. After each test the handlers and the scenario are reset and the world is back to
 * its seed; after the file the server closes. Unmocked requests fail the test (`onUnhandled: 'error'`).
 *
 * In a test, `import { raster, server } from 'raster-mock/vitest'` gives the same instances the setup file
 * started (vitest shares the module between the setup file and the test file it runs before).
 */
const rasterServer = setupRasterServer()
rasterServer.listen()

/**
 * The mock the requests run against: `raster.useScenario('library-locked')`, `raster.db`, `raster.reset()`.
 *
 * @example
 * // vitest.config.ts: export default defineConfig({ test: { setupFiles: ['raster-mock/vitest'] } })
 * import { raster } from 'raster-mock/vitest'
 * import { expect, test } from 'vitest'
 *
 * test('shows the locked state', async () => {
 *   await raster.useScenario('library-locked') // reset after the test
 *   const response = await fetch('https://api.raster.app/organizations/monogram-labs/libraries/barcelona/assets', {
 *     headers: { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' },
 *   })
 *   expect(response.status).toBe(403)
 * })
 */
export const raster = rasterServer.mock

/**
 * msw's server, for `server.use(...)` overrides of your own (dropped after each test).
 *
 * @example
 * import { http, HttpResponse } from 'msw'
 * import { server } from 'raster-mock/vitest'
 *
 * server.use(http.get('https://flags.example.com/gallery', () => HttpResponse.json({ on: true })))
 */
export const server = rasterServer.server

afterEach(async () => {
  server.resetHandlers() // also drops a scenario set with useScenario
  await raster.reset()
})

afterAll(() => rasterServer.close())
