import { setupServer, type SetupServer } from 'msw/node'
import { handlerScopedOverride } from '../scenarios/active.js'
import type { Scenario } from '../scenarios/catalogue.js'
import { createRasterMock, type RasterMock, type ScenarioName } from './index.js'
import { unhandledRequests, type UnhandledStrategy } from './msw-compat.js'
import type { RasterMockOptions } from './runtime.js'

export interface RasterServerOptions extends RasterMockOptions {
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

/** msw's `setupServer` with the whole Raster mock, for Node test suites. */
export function setupRasterServer<const Custom extends readonly Scenario[] = []>(
  options: RasterServerOptions & { scenarios?: Custom } = {},
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
