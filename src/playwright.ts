import { defineNetworkFixture } from '@msw/playwright'
import { test as base, expect } from '@playwright/test'
import type { RequestHandler } from 'msw'
import type { ApiVersion } from './contract/versions.js'
import { createRasterMock, type RasterMock, type ScenarioChoice } from './index.js'

/** The fixtures `raster-mock/playwright`'s `test` adds. */
export interface RasterFixtures {
  /**
   * This test's own mock and world: `raster.useScenario('library-locked')`, `raster.db`, `raster.reset()`. Its
   * clock stands at 2026-05-20 like every test entry's; `await page.clock.setFixedTime(raster.clock.now())`
   * makes the page's own clock agree with it (docs/time.md).
   */
  raster: RasterMock
  /** @msw/playwright's network fixture over the mock's handlers: `network.use(...)` for overrides of your own. */
  network: RasterNetwork
}

/**
 * What a test does with @msw/playwright's network fixture. Declared here rather than naming its
 * `NetworkFixture`, so these declarations do not pull in @msw/playwright 0.6's own, which fail a
 * `skipLibCheck: false` type-check against msw 2.15 (its `SetupApi<LifeCycleEventsMap>`).
 */
export interface RasterNetwork {
  /** Prepends handlers for the rest of this test, like msw's `server.use`. */
  use(...handlers: RequestHandler[]): void
  /** Drops the handlers added with `use` (or replaces the initial ones with these). */
  resetHandlers(...handlers: RequestHandler[]): void
  listHandlers(): ReadonlyArray<unknown>
}

/** The options of `raster-mock/playwright`'s `test`, set with `test.use({ ... })`. */
export interface RasterTestOptions {
  /**
   * The scenario each test starts on: `test.use({ rasterScenario: 'library-locked' })`, a combination
   * (`'library-locked,slow'`, `['library-locked', 'slow', 'flaky']`). A name the mock does not know is a type
   * error, and fails the test naming the closest known one. Default `default`.
   */
  rasterScenario: ScenarioChoice
  /** The mock's current version (GraphQL's): `test.use({ rasterApiVersion: '2026-07-08' })`. Default `'2026-05-20'`. */
  rasterApiVersion: ApiVersion
}

/**
 * Playwright's `test` with the Raster mock: the page's requests to the Raster API go through
 * `page.route` (@msw/playwright), so no service worker is needed, and the handlers run in the test's own
 * process over a world made for this test alone: tests never see each other's writes, in one worker or many.
 * Requests the mock does not answer (the app's own pages and assets) go to the network as usual.
 * Works with `mergeTests(test, yourTest)`.
 *
 * @example
 * import { expect, test } from 'raster-mock/playwright'
 *
 * test('renders the gallery', async ({ page }) => {
 *   await page.goto('/')
 *   await expect(page.getByRole('img')).toHaveCount(24)
 * })
 *
 * test.describe('locked', () => {
 *   test.use({ rasterScenario: 'library-locked' })
 *   test('shows the locked state', async ({ page, raster }) => {
 *     await page.goto('/')
 *     await expect(page.getByRole('alert')).toHaveText(/locked/)
 *     expect(raster.db.library('monogram-labs', 'barcelona')).toBeDefined()
 *   })
 * })
 */
export const test = base.extend<RasterFixtures & RasterTestOptions>({
  rasterScenario: ['default' as ScenarioChoice, { option: true }],
  rasterApiVersion: ['2026-05-20', { option: true }],
  raster: async ({ rasterScenario, rasterApiVersion }, use) => {
    const mock = createRasterMock({ scenario: rasterScenario, apiVersion: rasterApiVersion })
    await mock.ready
    await use(mock)
  },
  network: [
    async ({ context, raster }, use) => {
      const network = defineNetworkFixture({ context, handlers: raster.handlers, onUnhandledRequest: 'bypass' })
      await network.enable()
      // Cast: under msw 3, @msw/playwright 0.6's types lose the methods its SetupApi gave them (see RasterNetwork).
      await use(network as unknown as RasterNetwork)
      await network.disable()
    },
    // Auto: a test that never names `raster` or `network` is mocked all the same.
    { auto: true },
  ],
})

export { expect }
