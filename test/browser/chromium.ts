import { existsSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'

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
