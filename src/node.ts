import { setupServer, type SetupServer } from 'msw/node'
import { handlerScopedOverride } from '../scenarios/active.js'
import type { Scenario } from '../scenarios/catalogue.js'
import { createRasterMock, type RasterMock, type ScenarioName } from './index.js'
import { unhandledRequests, type UnhandledStrategy } from './msw-compat.js'
import type { RasterMockOptions } from './runtime.js'

export interface RasterServerOptions<Name extends string = ScenarioName> extends RasterMockOptions<Name> {
  /** What to do with a request no handler answers. Default `error`, so a test never reaches the real network by mistake. */
  onUnhandled?: UnhandledStrategy
}

export interface RasterServer<Name extends string = string> {
  /** msw's server, for `server.use(...)` overrides and `server.boundary(...)`. */
  server: SetupServer
  mock: RasterMock<Name>
  listen(): void
  close(): void
}

/**
 * msw's `setupServer` with the whole Raster mock, for Node test suites. A request no handler answers fails the
 * test (`onUnhandled: 'error'`; or `'warn'`, `'bypass'`), so a test never reaches the network by mistake. The
 * other options are `createRasterMock`'s. (`raster-mock/vitest` is this, set up in one line.)
 *
 * @example
 * import { setupRasterServer } from 'raster-mock/node'
 * import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
 *
 * const raster = setupRasterServer()
 * beforeAll(() => raster.listen())
 * afterEach(async () => {
 *   raster.server.resetHandlers() // also drops a scenario set with useScenario
 *   await raster.mock.reset() // back to the seeded world
 * })
 * afterAll(() => raster.close())
 *
 * test('shows the locked state', async () => {
 *   await raster.mock.useScenario('library-locked')
 *   const response = await fetch('https://api.raster.app/organizations/monogram-labs/libraries/barcelona/assets', {
 *     headers: { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' },
 *   })
 *   expect(response.status).toBe(403)
 * })
 */
export function setupRasterServer<const Custom extends readonly Scenario[] = []>(
  options: RasterServerOptions<ScenarioName<Custom[number]['name']>> & { scenarios?: Custom } = {},
): RasterServer<ScenarioName<Custom[number]['name']>> {
  const { onUnhandled = 'error', ...mockOptions } = options
  const mock = createRasterMock(mockOptions)
  const server = setupServer(...mock.handlers)
  // So `mock.useScenario` inside `server.boundary()` stays within it.
  mock.runtime.scenarios.overrideWith(handlerScopedOverride(server))
  return {
    server,
    mock,
    listen: () => server.listen(unhandledRequests(onUnhandled)),
    close: () => server.close(),
  }
}
