import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { promisify } from 'node:util'
import type { Browser } from 'playwright-core'
import { build, preview, type PreviewServer, type Rollup } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BROWSER_TEST_MS, hasChromium, imagesLoaded, launchChromium, WAIT_MS } from './chromium.js'

/**
 * The README's "Use it in your app", followed to the letter in a fresh Vite app
 * (test/browser/fixture-app): the package built as `npm run build` builds it
 * and placed in the app's node_modules, `msw init public`, the entry file
 * starting with the README's own code block (the mock in development only),
 * `vite build` in production (none of the mock in it) and in development (the
 * result in Chromium, graphql out of its first chunks). Offline: the package's dependencies resolve from this repository's
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

describe.skipIf(!hasChromium)('"Use it in your app" in a fresh Vite app', { timeout: BROWSER_TEST_MS }, () => {
  let server: PreviewServer
  let browser: Browser
  let production: Rollup.OutputChunk[]
  let development: Rollup.OutputChunk[]

  /** `vite build --mode <mode>` into dist-<mode>/: its JavaScript chunks. */
  const buildApp = async (mode: 'production' | 'development') => {
    // Vite takes DEV from NODE_ENV when it is set, and vitest sets it to `test`: set it as a user's shell has it.
    const nodeEnv = process.env.NODE_ENV
    process.env.NODE_ENV = mode
    try {
      const output = (await build({ root: app, mode, logLevel: 'error', build: { outDir: `dist-${mode}` } })) as Rollup.RollupOutput
      return output.output.filter((file): file is Rollup.OutputChunk => file.type === 'chunk')
    } finally {
      process.env.NODE_ENV = nodeEnv
    }
  }
  /**
   * What the page loads before the mock answers its first REST call: the entry, the chunk of
   * raster-mock/browser it imports in development, and what those import statically, transitively.
   */
  const firstChunks = (chunks: Rollup.OutputChunk[]) => {
    const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
    const initial = new Set<Rollup.OutputChunk>()
    const visit = (chunk: Rollup.OutputChunk) => {
      if (initial.has(chunk)) return
      initial.add(chunk)
      for (const name of chunk.imports) if (byName.has(name)) visit(byName.get(name)!)
    }
    for (const chunk of chunks) if (chunk.isEntry || Object.keys(chunk.modules).some(isBrowserEntry)) visit(chunk)
    return [...initial]
  }
  const isBrowserEntry = (id: string) => id.endsWith('node_modules/raster-mock/dist/src/browser.js')
  const modulesOf = (chunks: Rollup.OutputChunk[]) => chunks.flatMap((chunk) => Object.keys(chunk.modules))

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

    production = await buildApp('production')
    development = await buildApp('development')
    server = await preview({ root: app, build: { outDir: 'dist-development' }, preview: { port: 0, strictPort: false }, logLevel: 'warn' })
    browser = await launchChromium()
  }, 600_000) // tsc and two vite builds: minutes on a loaded two-core machine
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('leaves the whole mock out of the production build', () => {
    const modules = modulesOf(production)
    expect(modules.some((id) => id.includes('/src/app.js'))).toBe(true)
    expect(modules.filter((id) => /node_modules\/(raster-mock|msw|@mswjs|graphql|@faker-js|zod)\//.test(id))).toEqual([])
    expect(production.filter((chunk) => /startRasterMock|mockServiceWorker|LIBRARY_LOCKED/.test(chunk.code)).map((c) => c.fileName)).toEqual([])
  })

  it('keeps graphql out of the development build until the first GraphQL request', () => {
    const initial = modulesOf(firstChunks(development))
    expect(initial.filter(isBrowserEntry)).toHaveLength(1)
    expect(initial.filter((id) => /node_modules\/graphql\/|handlers\/graphql-(run|schema)\.js/.test(id))).toEqual([])
    // Nor the MCP server and its SDK, loaded on the first MCP request.
    expect(initial.filter((id) => /node_modules\/@modelcontextprotocol\/|\/mcp\/serve\.js/.test(id))).toEqual([])
    // The CDN's transforms and codecs load on the first image that asks for one.
    expect(initial.filter((id) => /node_modules\/(jpeg-js|fast-png|@jsquash)\/|images\/transformed\.js/.test(id))).toEqual([])
    // It is there, loaded on demand.
    expect(modulesOf(development).some((id) => id.includes('node_modules/graphql/'))).toBe(true)
  })

  it('answers the app from the mock, images included', async () => {
    const page = await browser.newPage()
    page.setDefaultTimeout(WAIT_MS)
    await page.goto(server.resolvedUrls!.local[0]!)
    // What a person waits for: the organization's name in place of "Loading…", however long the first load takes.
    await page.locator('#organization', { hasText: /^Monogram Labs$/ }).waitFor()
    await imagesLoaded(page, '#first')
    // The overlay is on by default.
    expect(await page.locator('raster-mock-overlay').count()).toBe(1)
  })

  it('resizes and converts seeded and uploaded images in the page, the WebP codec loaded by the app’s bundler', async () => {
    const page = await browser.newPage()
    await page.goto(server.resolvedUrls!.local[0]!)
    await expect.poll(() => page.locator('#organization').textContent()).toBe('Monogram Labs')
    const answers = await page.evaluate(async () => {
      const headers = { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' }
      /** The answer as Chromium decodes it, and the magic bytes it starts with. */
      const read = async (url: string, init?: RequestInit) => {
        const response = await fetch(url, init)
        const blob = await response.blob()
        const head = [...new Uint8Array(await blob.slice(0, 12).arrayBuffer())].map((byte) => String.fromCharCode(byte)).join('')
        const answer = { status: response.status, type: response.headers.get('Content-Type'), head }
        // An error answer's text instead of a size: what went wrong shows in the test's failure.
        if (!response.ok) return { ...answer, error: await blob.text() }
        const bitmap = await createImageBitmap(blob)
        return { ...answer, width: bitmap.width, height: bitmap.height }
      }
      const barcelona = 'https://api.raster.app/organizations/monogram-labs/libraries/barcelona'
      const [asset] = (await (await fetch(`${barcelona}/assets?pageSize=1`, { headers })).json()).data
      const canvas = new OffscreenCanvas(300, 200)
      const context = canvas.getContext('2d')!
      context.fillStyle = '#3a7'
      context.fillRect(0, 0, 300, 200)
      const form = new FormData()
      form.append('files', new File([await canvas.convertToBlob({ type: 'image/png' })], 'drawn.png', { type: 'image/png' }))
      const lisbon = 'https://api.raster.app/organizations/monogram-labs/libraries/lisbon'
      const [upload] = (await (await fetch(`${lisbon}/assets`, { method: 'POST', headers, body: form })).json()).data.assets
      return {
        seededWebp: await read(`${asset.url}?w=240&fm=webp`),
        seededAuto: await read(`${asset.url}?w=120&h=120&fit=crop&auto=format`, { headers: { Accept: 'image/webp,*/*' } }),
        uploadedJpeg: await read(`${upload.url}?w=150&fm=jpg`),
        uploadedWebp: await read(`${upload.url}?w=60&fm=webp`),
        ratio: asset.height / asset.width,
      }
    })
    const webp = { status: 200, type: 'image/webp', head: expect.stringMatching(/^RIFF....WEBP$/s) }
    expect(answers.seededWebp).toMatchObject({ ...webp, width: 240, height: Math.round(240 * answers.ratio) })
    expect(answers.seededAuto).toMatchObject({ ...webp, width: 120, height: 120 })
    expect(answers.uploadedJpeg).toMatchObject({ status: 200, type: 'image/jpeg', head: expect.stringMatching(/^\xff\xd8\xff/), width: 150, height: 100 })
    expect(answers.uploadedWebp).toMatchObject({ ...webp, width: 60, height: 40 })
  })
})
