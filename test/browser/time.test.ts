import { describe, expect, it } from 'vitest'
import { BROWSER_TEST_MS, demoInChromium, hasChromium } from './chromium.js'

/** `window.rasterMock.clock` in Chromium: the browser entry's clock, moving what the page's fetches see (#18). */
describe.skipIf(!hasChromium)('window.rasterMock.clock', { timeout: BROWSER_TEST_MS }, () => {
  const demo = demoInChromium()

  it('reads, sets and advances the clock; it starts at the real now and the unclaimed library expires 29 days after; set fires the change event', async () => {
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
      // The fixture is anchored to where the clock started (docs/time.md): unclaimed-demo expires 29 days after.
      const expiry = mock.mock.clock.start + 29 * 86_400_000
      const set = mock.clock.set(expiry - 1)
      const before = await me()
      const advanced = mock.clock.advance(1)
      const after = await me()
      return { started, expiry, set, before, advanced, after, now: mock.clock.now(), changes }
    })
    const { expiry } = result
    expect(Math.abs(result.started - Date.now())).toBeLessThan(60_000)
    expect(result).toMatchObject({ set: expiry - 1, before: 200, advanced: expiry, after: 401, now: expiry, changes: 2 })
  })
})
