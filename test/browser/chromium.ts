import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { startServer, type RunningServer } from '../../src/server.js'

/** Debian's chromium (`apt-get install -y chromium`): the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium'

/**
 * Whether the browser tests run. Without chromium they are skipped locally
 * with this message; in CI (`CI` set) a missing chromium fails them instead,
 * so a broken install never passes as green.
 */
export const hasChromium = existsSync(CHROMIUM)
if (!hasChromium) {
  const message = `Browser tests need ${CHROMIUM}: apt-get install -y chromium`
  if (process.env.CI) throw new Error(message)
  console.warn(`[skipped] ${message}`)
}

/**
 * How long a browser test may take: generous, since a loaded two-core machine can take many seconds over a page's
 * first load. It is the only time budget of the browser tests: they wait for what a person waits for (an element,
 * its text, a response), never for a fixed time.
 */
export const BROWSER_TEST_MS = 120_000
/**
 * How long one Playwright wait (for an element, its text, a function) may last: just under the test's budget, so
 * a page that never shows what is awaited fails with Playwright's message naming it, not a bare test timeout.
 */
export const WAIT_MS = BROWSER_TEST_MS - 15_000

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  })
}

/**
 * Where screenshots are saved: test-results/ (ignored by git) on every run, so a test run never dirties the
 * work tree; `UPDATE_SCREENSHOTS=1` writes the ones the README shows, in docs/screenshots/.
 */
export const screenshots = new URL(
  process.env.UPDATE_SCREENSHOTS ? '../../docs/screenshots/' : '../../test-results/screenshots/',
  import.meta.url,
).pathname

/** Every loaded `<img>` matching `selector` has decoded (naturalWidth > 0), and there are at least `min`. */
export async function imagesLoaded(page: Page, selector: string, min = 1): Promise<number> {
  await page.waitForFunction(
    ([selector, min]) => {
      const images = [...document.querySelectorAll<HTMLImageElement>(selector as string)]
      return images.length >= (min as number) && images.every((image) => image.complete && image.naturalWidth > 0)
    },
    [selector, min] as const,
  )
  return page.locator(selector).count()
}

/**
 * The demo gallery of `npm start` in Chromium, for a describe block: one server and one browser for the
 * file, a fresh context (so no worker registration or sessionStorage is shared) and page for each test.
 * Read `server` and `page` inside hooks and tests, once they are set.
 */
export function demoInChromium(contextOptions: BrowserContextOptions = {}): { readonly server: RunningServer; readonly page: Page } {
  const session = {} as { server: RunningServer; page: Page }
  let browser: Browser
  let context: BrowserContext
  beforeAll(async () => {
    session.server = await startServer({ port: 0, log: false })
    browser = await launchChromium()
  }, BROWSER_TEST_MS)
  afterAll(async () => {
    await browser?.close()
    await session.server?.close()
  }, BROWSER_TEST_MS)
  beforeEach(async () => {
    context = await browser.newContext(contextOptions)
    context.setDefaultTimeout(WAIT_MS)
    session.page = await context.newPage()
  }, BROWSER_TEST_MS)
  afterEach(() => context.close(), BROWSER_TEST_MS)
  return session
}
