import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import { BROWSER_TEST_MS, demoInChromium, hasChromium, imagesLoaded, screenshots } from './chromium.js'

/**
 * The demo gallery of `npm start`, in Chromium: the browser entry in a service
 * worker, answering `https://api.raster.app` for the page. Each test has a
 * fresh browser context, so no worker registration or sessionStorage is shared.
 */
describe.skipIf(!hasChromium)('the demo gallery in Chromium', { timeout: BROWSER_TEST_MS }, () => {
  const demo = demoInChromium()
  let page: Page
  const warnings: string[] = []

  beforeEach(() => {
    page = demo.page
    warnings.length = 0
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text())
    })
  })

  /** Opens the gallery and waits for the mock: the load event does not wait for the entry's top-level await. */
  const open = async (query = '') => {
    await page.goto(`${demo.server.url}/${query}`)
    await page.waitForFunction(() => window.rasterMock)
  }
  const firstImages = '#gallery li:nth-child(-n+4) img'
  const notice = () => page.locator('#notice')
  /** Waits until the app's notice shows this error code: what a person waits to see. */
  const noticeShows = (code: string) => page.locator(`#notice[data-code="${code}"]`).waitFor()
  /** Waits until the app's status line reads exactly `text`. */
  const statusReads = (text: string) => page.locator('#status').filter({ hasText: new RegExp(`^${text}$`) }).waitFor()
  const overlay = () => page.locator('raster-mock-overlay')
  /** Calls the API from the page, as the app would, and reports how it ended. */
  const fetchInPage = (url: string, init: RequestInit = {}) =>
    page.evaluate(
      async ([url, init]) => {
        try {
          const response = await fetch(url, init)
          return { status: response.status, body: await response.json() }
        } catch (error) {
          return { rejected: `${(error as Error).name}: ${(error as Error).message}` }
        }
      },
      [url, init] as const,
    )
  const auth = { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' }

  it('renders the seeded images of barcelona, with their tags, and the libraries', async () => {
    await open()
    expect(await imagesLoaded(page, firstImages, 4)).toBe(4)
    expect(await page.locator('#gallery li').count()).toBe(24)
    await page.locator('#libraries li:nth-child(3)').waitFor()
    expect(await page.locator('#libraries li').allTextContents()).toEqual(['Barcelona · 48', 'Tokyo · 24', 'Lisbon · 0'])
    expect(await page.locator('#gallery .tag').count()).toBeGreaterThan(24)
    // The page's own files went past the worker without a warning.
    expect(warnings).toEqual([])
    await page.screenshot({ path: `${screenshots}gallery.png` })
  })

  it('shows the locked state with ?scenario=library-locked, and keeps it across reload and navigation', async () => {
    await open('?scenario=library-locked')
    await noticeShows('LIBRARY_LOCKED')
    expect(await notice().textContent()).toContain('This library is locked')
    await overlay().getByRole('button', { name: /Raster mock/ }).click()
    await page.screenshot({ path: `${screenshots}library-locked.png` })

    await page.reload()
    await noticeShows('LIBRARY_LOCKED')
    await open()
    await noticeShows('LIBRARY_LOCKED')
    expect(await page.evaluate(() => window.rasterMock!.scenario)).toBe('library-locked')

    await open('?scenario=default')
    expect(await imagesLoaded(page, firstImages, 4)).toBe(4)
    expect(await notice().isHidden()).toBe(true)
  })

  it('switches scenario from the overlay without a reload', async () => {
    await open()
    await imagesLoaded(page, firstImages, 4)
    await page.evaluate(() => Object.assign(window, { sameDocument: true }))

    await overlay().getByRole('button', { name: /Raster mock/ }).click()
    await overlay().locator('input[value="library-locked"]').check()
    await noticeShows('LIBRARY_LOCKED')
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true)
    expect(await overlay().getByRole('button', { name: /Raster mock/ }).textContent()).toContain('library-locked')
    // The overlay lists the failed call with its status and code.
    await overlay().locator('li.failed', { hasText: '403LIBRARY_LOCKED' }).first().waitFor()

    // Escape closes the panel and gives the focus back to its button.
    await overlay().locator('input[value="library-locked"]').press('Escape')
    expect(await overlay().locator('#panel').isHidden()).toBe(true)
  })

  it('uploads, deletes, and keeps the upload across a reload until reset', async () => {
    await open()
    await imagesLoaded(page, firstImages, 4)
    await page.locator('#upload').setInputFiles({ name: 'e2e-upload.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) })
    await statusReads('Uploaded 1 asset')
    const uploaded = page.locator('#gallery li', { hasText: 'e2e-upload.svg' })
    await imagesLoaded(page, '#gallery li:first-child img')
    expect(await uploaded.count()).toBe(1)

    await page.reload()
    await imagesLoaded(page, '#gallery li:first-child img')
    expect(await page.locator('#gallery li:first-child .name').textContent()).toBe('e2e-upload.svg')

    const first = page.locator('#gallery li').nth(1)
    const name = await first.locator('.name').textContent()
    await first.getByRole('button', { name: /Delete/ }).click()
    await statusReads('Moved 1 asset to trash')
    expect(await page.locator('#gallery li', { hasText: name! }).count()).toBe(0)

    await page.evaluate(() => window.rasterMock!.reset())
    await page.reload()
    await imagesLoaded(page, firstImages, 4)
    expect(await uploaded.count()).toBe(0)
  })

  it('answers GraphQL from the page', async () => {
    await open()
    const result = await fetchInPage('https://api.raster.app/', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ libraries(organizationId: "monogram-labs") { id name photosCount } }' }),
    })
    expect(result).toMatchObject({ status: 200, body: { data: { libraries: expect.arrayContaining([{ id: 'barcelona', name: 'Barcelona', photosCount: 48 }]) } } })
  })

  it('answers MCP from the page, the SDK loaded on the first MCP request', async () => {
    await open()
    const call = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_libraries', arguments: { organizationId: 'monogram-labs' } } }
    const result = (await fetchInPage('https://mcp.raster.app/', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify(call),
    })) as { status: number; body: { result: { content: { text: string }[] } } }
    expect(result.status).toBe(200)
    expect(JSON.parse(result.body.result.content[0]!.text).map((library: { id: string }) => library.id)).toEqual(['barcelona', 'tokyo', 'lisbon'])
  })

  it('fails fetch with a TypeError under network-error, and the app says so', async () => {
    await open('?scenario=network-error')
    await noticeShows('NETWORK')
    expect(await fetchInPage('https://api.raster.app/me', { headers: auth })).toEqual({ rejected: 'TypeError: Failed to fetch' })
    // Images are not API calls: the CDN keeps serving (README, "Faults").
    expect(await page.evaluate(() => fetch('https://cdn.raster.app/g/120/40x30/x.jpg').then((response) => response.status))).toBe(200)
  })
})

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48"><rect width="64" height="48" fill="#e11d48"/></svg>'
