import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { promisify } from 'node:util'
import type { Browser } from 'playwright-core'
import { build, preview, type PreviewServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, imagesLoaded, launchChromium } from './chromium.js'

/**
 * The README's "Use it in your app", followed to the letter in a fresh Vite app
 * (test/browser/fixture-app): the package built as `npm run build` builds it
 * and placed in the app's node_modules, `msw init public`, the entry file
 * starting with the README's own code block, `vite build`, and the result in
 * Chromium. Offline: the package's dependencies resolve from this repository's
 * node_modules, the app living below it (in test-results/, git-ignored).
 */
const root = new URL('../../', import.meta.url).pathname
const app = `${root}test-results/fixture-app/`
const run = promisify(execFile)

/** The first `<!-- example: browser -->` block of the README section: what a newcomer pastes. */
function readmeEntryLines(): string {
  const readme = readFileSync(`${root}README.md`, 'utf8')
  return readme.match(/<!-- example: browser -->\s*```ts\n([\s\S]*?)```/)![1]!
}

describe.skipIf(!hasChromium)('"Use it in your app" in a fresh Vite app', () => {
  let server: PreviewServer
  let browser: Browser

  beforeAll(async () => {
    rmSync(app, { recursive: true, force: true })
    cpSync(new URL('fixture-app/', import.meta.url).pathname, app, { recursive: true })
    writeFileSync(`${app}package.json`, JSON.stringify({ name: 'fixture-app', private: true, type: 'module' }))
    // `npm install raster-mock`: its package.json and the build's output (tsc does not run scripts).
    const installed = `${app}node_modules/raster-mock/`
    mkdirSync(installed, { recursive: true })
    cpSync(`${root}package.json`, `${installed}package.json`)
    await run(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.build.json`, '--outDir', `${installed}dist`])
    // `npx msw init public --save`, with this repository's msw.
    await run(process.execPath, [`${root}node_modules/msw/cli/index.js`, 'init', 'public', '--save'], { cwd: app })
    writeFileSync(`${app}src/main.ts`, `${readmeEntryLines()}\nimport { render } from './app.js'\n\nawait render()\n`)

    await build({ root: app, logLevel: 'error' })
    server = await preview({ root: app, preview: { port: 0, strictPort: false }, logLevel: 'warn' })
    browser = await launchChromium()
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('answers the app from the mock, images included', async () => {
    const page = await browser.newPage()
    await page.goto(server.resolvedUrls!.local[0]!)
    await expect.poll(() => page.locator('#organization').textContent()).toBe('Monogram Labs')
    await imagesLoaded(page, '#first')
    // The overlay is on by default.
    expect(await page.locator('raster-mock-overlay').count()).toBe(1)
  })
})
