import { describe, expect, it } from 'vitest'
import { BROWSER_TEST_MS, demoInChromium, hasChromium, imagesLoaded } from './chromium.js'

/** The demo gallery defines a scenario of its own (`launch-day`, demo/main.ts): selected from the page's URL. */
describe.skipIf(!hasChromium)('a custom scenario in the browser worker', { timeout: BROWSER_TEST_MS }, () => {
  const demo = demoInChromium()

  it('is selected with ?scenario=, shows its factory-made assets with their images, and is listed in the overlay', async () => {
    const { page } = demo
    await page.goto(`${demo.server.url}/?scenario=launch-day`)
    await page.waitForFunction(() => window.rasterMock)
    await page.locator('#libraries li:first-child', { hasText: /^Barcelona · 51$/ }).waitFor()
    expect(await page.evaluate(() => window.rasterMock!.scenario)).toBe('launch-day')
    expect(await page.evaluate(() => window.rasterMock!.scenarios.map((scenario) => scenario.name))).toContain('launch-day')
    const names = await page.evaluate(async () => {
      const response = await fetch('https://api.raster.app/organizations/monogram-labs/libraries/barcelona/assets?tags=launch', {
        headers: { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' },
      })
      return ((await response.json()).data as Array<{ name: string }>).map((asset) => asset.name).sort()
    })
    expect(names).toEqual(['launch-hero.jpg', 'launch-stage.jpg', 'launch-team.jpg'])
    expect(await imagesLoaded(page, '#gallery li:nth-child(-n+3) img', 3)).toBe(3)
    // Combined with a built-in scenario, like any other.
    await page.goto(`${demo.server.url}/?scenario=launch-day,library-locked`)
    await page.locator('#notice[data-code="LIBRARY_LOCKED"]').waitFor()
  })
})
