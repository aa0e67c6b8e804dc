import { describe, expect, it } from 'vitest'
import { BROWSER_TEST_MS, demoInChromium, hasChromium } from './chromium.js'

/** `window.rasterMock.clock` in Chromium: the browser entry's clock, moving what the page's fetches see (#18). */
describe.skipIf(!hasChromium)('window.rasterMock.clock', { timeout: BROWSER_TEST_MS }, () => {
  const demo = demoInChromium()

  it('reads, sets and advances the clock; the unclaimed library expires at 2026-06-18T00:00:00Z; set fires the change event', async () => {
    const { page } = demo
    await page.goto(`${demo.server.url}/`)
    await page.waitForFunction(() => window.rasterMock)
    const result = await page.evaluate(async () => {
      const mock = window.rasterMock!
      const me = async () =>
        (await fetch('https://api.raster.app/me', { headers: { Authorization: 'Bearer pk_unclaimed_demo', 'Api-Version': '2026-05-20' } })).status
      let changes = 0
      window.addEventListener('rastermock:change', () => changes++)
      const started = mock.clock.now()
      const set = mock.clock.set(Date.UTC(2026, 5, 18) - 1)
      const before = await me()
      const advanced = mock.clock.advance(1)
      const after = await me()
      return { started, set, before, advanced, after, now: mock.clock.now(), changes }
    })
    expect(result.started).toBeGreaterThanOrEqual(Date.UTC(2026, 4, 20))
    expect(result.started).toBeLessThan(Date.UTC(2026, 4, 20) + 60_000)
    expect(result).toMatchObject({ set: Date.UTC(2026, 5, 18) - 1, before: 200, advanced: Date.UTC(2026, 5, 18), after: 401, now: Date.UTC(2026, 5, 18), changes: 2 })
  })
})
