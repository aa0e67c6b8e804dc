import type { ConsoleMessage } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { BROWSER_TEST_MS, demoInChromium, hasChromium } from './chromium.js'

type LoggedResponse = { status: number; headers: Record<string, string>; body: string }

/**
 * The browser console of an app running the mock (the demo gallery, msw's log on): one line per mocked request,
 * as msw prints it, but an image's bytes are never dumped into it.
 */
describe.skipIf(!hasChromium)("the browser console under the mock's worker", { timeout: BROWSER_TEST_MS }, () => {
  const demo = demoInChromium()

  it('logs every mocked response, with a summary in place of an image body', async () => {
    const page = demo.page
    const responses: LoggedResponse[] = []
    const images: LoggedResponse[] = []
    let fourImagesLogged: () => void
    const logged = new Promise<void>((resolve) => (fourImagesLogged = resolve))
    // msw logs a mocked request as console.log('Response', { status, headers, body, … }) inside a group.
    const read = async (message: ConsoleMessage) => {
      const [label, response] = message.args()
      if (!label || !response || (await label.jsonValue()) !== 'Response') return
      const logged = (await response.jsonValue()) as LoggedResponse
      responses.push(logged)
      if (logged.headers['content-type']?.startsWith('image/') && images.push(logged) === 4) fourImagesLogged()
    }
    // A line still being read when the page closes (after this test) cannot be read: only an open page's count.
    let failure: unknown
    const onConsole = (message: ConsoleMessage) => void read(message).catch((error: unknown) => void (page.isClosed() || (failure ??= error)))
    page.on('console', onConsole)
    await page.goto(`${demo.server.url}/`)
    await logged
    page.off('console', onConsole)
    expect(failure).toBeUndefined()

    for (const image of images) expect(image.body).toMatch(/^\(image\/[a-z+]+(, \d+ bytes)?: not shown\)$/)
    // The API's answers are logged whole, as msw logs them.
    expect(responses.some((response) => response.body.startsWith('{"data":'))).toBe(true)
  })
})
