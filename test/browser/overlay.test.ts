import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import { BROWSER_TEST_MS, demoInChromium, hasChromium, imagesLoaded } from './chromium.js'

/**
 * The dev overlay and a refused `?scenario=`, on the demo gallery of `npm start` in Chromium (the browser
 * entry in a service worker), at a laptop's 1280 × 800.
 */
describe.skipIf(!hasChromium)('the overlay in Chromium', { timeout: BROWSER_TEST_MS }, () => {
  const demo = demoInChromium({ viewport: { width: 1280, height: 800 } })
  let page: Page
  const pageErrors: string[] = []

  beforeEach(() => {
    page = demo.page
    pageErrors.length = 0
    page.on('pageerror', (error) => pageErrors.push(error.message))
  })

  const open = async (query = '') => {
    await page.goto(`${demo.server.url}/${query}`)
    await page.waitForFunction(() => window.rasterMock)
  }
  const overlay = () => page.locator('raster-mock-overlay')
  const pill = () => overlay().getByRole('button', { name: /Raster mock/ })
  const panel = () => overlay().locator('#panel')
  const box = (name: string) => overlay().locator(`input[value="${name}"]`)
  /** Waits until the mock's active scenario is `name` (a switch resolves, then the page hears of it). */
  const scenarioIs = (name: string) => page.waitForFunction((name) => window.rasterMock?.scenario === name, name)
  /** Waits until the box of `name` is unticked. */
  const unticked = (name: string) => overlay().locator(`input[value="${name}"]:not(:checked)`).waitFor({ state: 'attached' })
  const firstImages = '#gallery li:nth-child(-n+4) img'

  it('a typo in ?scenario= opens the overlay with the error, the closest name and the known names; the page runs on default', async () => {
    await open('?scenario=library-lokced')
    expect(await panel().isVisible()).toBe(true)
    const alert = overlay().getByRole('alert')
    expect(await alert.textContent()).toBe(
      '?scenario=library-lokced: Unknown scenario "library-lokced". Did you mean "library-locked"? Known scenarios: ' +
        (await page.evaluate(() => window.rasterMock!.scenarios.map((s) => s.name).join(', '))) +
        '.',
    )
    expect(await alert.textContent()).toContain('library-locked, ')
    expect(await imagesLoaded(page, firstImages, 4)).toBe(4)
    expect(await page.evaluate(() => window.rasterMock!.scenario)).toBe('default')
    expect(pageErrors).toEqual([])
    // Not remembered: the next page of the tab is on default too, with the panel as the user left it.
    await open()
    expect(await page.evaluate(() => window.rasterMock!.scenario)).toBe('default')
  })

  it('rasterMock.useScenario rejects an unknown name, and the scenario stays', async () => {
    await open()
    const outcome = await page.evaluate(() =>
      window.rasterMock!.useScenario('nope').then(
        () => 'resolved',
        (error: Error) => `rejected: ${error.message}`,
      ),
    )
    expect(outcome).toMatch(/^rejected: Unknown scenario "nope"\. Known scenarios: default, /)
    expect(await page.evaluate(() => window.rasterMock!.scenario)).toBe('default')
  })

  it('is a pill by default, clear of the page at 1280 px', async () => {
    await open()
    expect(await panel().isHidden()).toBe(true)
    const box = (await overlay().boundingBox())!
    expect(box.width).toBeLessThan(260)
    expect(box.height).toBeLessThan(40)
  })

  it('reaches every scenario by search, and shows the active one when it opens', async () => {
    const names = await (async () => {
      await open()
      return page.evaluate(() => window.rasterMock!.scenarios.map((s) => s.name))
    })()
    expect(names.length).toBeGreaterThan(15)
    expect(await overlay().locator('#scenarios input').count()).toBe(names.length)

    const last = names.at(-1)!
    await open(`?scenario=${last}`)
    await pill().click()
    // The list scrolled to the active scenario: its box is inside the list's visible area.
    await page.waitForFunction((el) => {
      const list = el!.closest('#scenarios')!.getBoundingClientRect()
      const at = el!.getBoundingClientRect()
      return at.top >= list.top && at.bottom <= list.bottom
    }, await box(last).elementHandle())
    expect(await box(last).isChecked()).toBe(true)

    await overlay().getByRole('searchbox', { name: 'Search scenarios' }).fill('locked')
    const shown = await overlay().locator('#scenarios label:visible').allTextContents()
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.every((text) => text.toLowerCase().includes('locked'))).toBe(true)
    expect(shown.some((text) => text.startsWith(' library-locked'))).toBe(true)
  })

  it('combines ticked scenarios; refuses two that set the same thing, with the reason', async () => {
    await open()
    await pill().click()
    await box('library-locked').check()
    await scenarioIs('library-locked')
    await box('slow').check()
    await scenarioIs('library-locked,slow')
    // The pill is redrawn on the change event, just after the switch resolves.
    await pill().filter({ hasText: 'library-locked,slow' }).waitFor()

    // library-locked puts the organization on Free, pro-plan-canceled on a canceled Pro: they cannot combine.
    await box('pro-plan-canceled').click() // not check(): the refused box is unticked again at once
    const refused = 'Scenarios library-locked and pro-plan-canceled cannot be combined: both set the plan.'
    await overlay().getByRole('alert').filter({ hasText: refused }).waitFor()
    expect(await overlay().getByRole('alert').textContent()).toBe(refused)
    expect(await page.evaluate(() => window.rasterMock!.scenario)).toBe('library-locked,slow')
    await unticked('pro-plan-canceled')

    await box('default').check()
    await scenarioIs('default')
    await unticked('slow')
  })

  it("keeps the end of a long request path visible, with the status and the code", async () => {
    await open('?scenario=library-locked')
    await pill().click()
    const row = overlay().locator('li.failed', { hasText: '/barcelona/assets' }).first()
    await row.waitFor()
    const end = row.locator('.path .end')
    expect(await end.textContent()).toMatch(/^\/barcelona\/assets/)
    // Fully shown: the cut is in the start of the path.
    expect(await end.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
    expect(await row.locator('.path .start').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
    expect(await row.textContent()).toContain('403LIBRARY_LOCKED')
  })
})
