import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { decode as decodePng, encode as encodePng } from 'fast-png'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../support/free-port.js'
import { hasChromium, imagesLoaded, launchChromium, screenshots } from '../browser/chromium.js'

/**
 * The README's "Next.js" section as a real App Router app (issue 32): its files extracted from README.md as written
 * (`<!-- nextjs: path -->` before each block), the packed package installed beside Next.js and React 19, `next
 * build` and `next start` with the mock on (instrumentation.ts in the Node.js runtime, the browser worker), the page
 * loaded in Chromium: server-rendered list, `<Image>` with both loaders, an upload, the locked scenario.
 *
 * Next.js and React are installed once into a cache folder and reused by later runs; each run writes the app's files
 * and installs the freshly packed tarball. The folder is outside the repository (`$XDG_CACHE_HOME` or ~/.cache):
 * Turbopack takes a folder below node_modules for a dependency, and a lockfile above the app for its workspace root.
 */
const root = new URL('../../', import.meta.url).pathname
const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'raster-mock-nextjs')
const run = promisify(execFile)
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && !['NODE_OPTIONS', 'FORCE_COLOR', 'NODE_ENV'].includes(name))),
  NO_COLOR: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  NEXT_PUBLIC_RASTER_MOCK: 'on',
}
const step = (command: string, args: string[], cwd: string) =>
  run(command, args, { cwd, env, maxBuffer: 64 << 20 }).catch((error) => {
    throw new Error(`${command} ${args.join(' ')} failed:\n${error.stdout}${error.stderr}`)
  })

/** The README's Next.js files: path → code, in the order written. */
function readmeFiles(): Map<string, string> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  return new Map([...readme.matchAll(/<!-- nextjs: (\S+) -->\s*```tsx?\n([\s\S]*?)```/g)].map((match) => [match[1]!, match[2]!]))
}

/** Whether the PNG screenshot shows a picture: many distinct colours, not one flat fill. */
function distinctColours(png: Buffer): number {
  const image = decodePng(png)
  const colours = new Set<number>()
  for (let i = 0; i < image.data.length; i += image.channels) colours.add((image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!)
  return colours.size
}

describe.runIf(hasChromium)('the README’s Next.js app (App Router, React 19), built and started', () => {
  let next: ChildProcess
  let url: string
  let browser: Browser
  let output = ''

  beforeAll(async () => {
    const work = mkdtempSync(join(tmpdir(), 'raster-mock-nextjs-'))
    await step('npm', ['pack', '--pack-destination', work, '--loglevel=error'], root)
    const tarball = join(work, readdirSync(work).find((file) => file.endsWith('.tgz'))!)
    mkdirSync(cache, { recursive: true })
    rmSync(join(cache, 'app'), { recursive: true, force: true })
    rmSync(join(cache, '.next'), { recursive: true, force: true })
    const files = readmeFiles()
    expect([...files.keys()]).toEqual(expect.arrayContaining(['instrumentation.ts', 'app/page.tsx', 'app/layout.tsx', 'app/gallery.tsx', 'app/upload.tsx']))
    for (const [path, code] of files) {
      mkdirSync(dirname(join(cache, path)), { recursive: true })
      writeFileSync(join(cache, path), code)
    }
    const dev = rootPackage.devDependencies
    writeFileSync(
      join(cache, 'package.json'),
      JSON.stringify({
        name: 'raster-mock-nextjs',
        private: true,
        scripts: { build: 'next build', start: 'next start' },
        dependencies: { next: '^16.5.0', react: '^19.2.0', 'react-dom': '^19.2.0', 'raster-mock': `file:${tarball}`, msw: dev.msw },
        devDependencies: { typescript: dev.typescript, '@types/node': dev['@types/node'], '@types/react': '^19.2.0', '@types/react-dom': '^19.2.0' },
      }),
    )
    writeFileSync(
      join(cache, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022', lib: ['dom', 'dom.iterable', 'esnext'], strict: true, module: 'esnext', moduleResolution: 'bundler',
          jsx: 'react-jsx', noEmit: true, allowJs: true, resolveJsonModule: true, esModuleInterop: true, skipLibCheck: true, isolatedModules: true, incremental: true,
          plugins: [{ name: 'next' }],
        },
        include: ['**/*.ts', '**/*.tsx', 'next-env.d.ts'],
        exclude: ['node_modules'],
      }),
    )
    await step('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], cache)
    await step(process.execPath, ['node_modules/msw/cli/index.js', 'init', 'public', '--no-save'], cache)
    await step(process.execPath, ['node_modules/next/dist/bin/next', 'build'], cache)

    const port = await freePort()
    url = `http://localhost:${port}`
    next = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], { cwd: cache, env, detached: true })
    next.stdout!.on('data', (chunk) => (output += chunk))
    next.stderr!.on('data', (chunk) => (output += chunk))
    const deadline = Date.now() + 60_000
    while (!/Ready|started server/i.test(output)) {
      if (Date.now() > deadline) throw new Error(`next start did not start:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    browser = await launchChromium()
    rmSync(work, { recursive: true, force: true })
  }, 900_000)

  afterAll(async () => {
    await browser?.close()
    if (next?.pid) process.kill(-next.pid, 'SIGTERM')
  })

  const open = async (path: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
    await page.goto(`${url}${path}`)
    return page
  }

  it('lists the library from a server component, each <Image> loaded through the mock CDN by its loader', async () => {
    const page = await open('/')
    expect(await imagesLoaded(page, 'ul img', 4), output).toBe(4)
    const sources = await page.locator('ul img').evaluateAll((images) => images.map((image) => (image as HTMLImageElement).currentSrc))
    // Even items pick from `sizes` (240 px at DPR 1 → the 400 rendition), odd ones ask the CDN for the width.
    expect(sources.every((source) => source.startsWith('https://cdn.raster.app/'))).toBe(true)
    expect(sources.filter((source) => /\?w=400$/.test(source))).toHaveLength(2)
    expect(sources.filter((source) => /\?w=\d+&q=75&auto=format$/.test(source))).toHaveLength(2)
    // Each image is as wide as its URL says (the rendition's width, or the width the loader asked the CDN for), as
    // Chromium decodes the bytes: naturalWidth would be the srcset's density-corrected width.
    const widths = await page.evaluate((urls) => Promise.all(urls.map(async (url) => (await createImageBitmap(await (await fetch(url)).blob())).width)), sources)
    expect(widths).toEqual(sources.map((source) => Number(/\?w=(\d+)/.exec(source)![1])))
    const shot = await page.locator('ul img').first().screenshot({ path: join(screenshots, 'nextjs-gallery.png') })
    expect(distinctColours(shot)).toBeGreaterThan(20)
    await page.close()
  })

  it('uploads from a client component through the browser worker and shows the upload resized', async () => {
    const page = await open('/')
    await imagesLoaded(page, 'ul img', 4)
    const pixels = new Uint8Array(64 * 48 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7) % 256))
    await page.locator('input[type=file]').setInputFiles({ name: 'drawn.png', mimeType: 'image/png', buffer: Buffer.from(encodePng({ width: 64, height: 48, data: pixels, channels: 4, depth: 8 })) })
    await page.getByRole('button', { name: 'Upload' }).click()
    await imagesLoaded(page, 'form img')
    // A plain <img> (no srcset): its natural size is the bytes' own.
    expect(await page.locator('form img').evaluate((image) => [(image as HTMLImageElement).naturalWidth, (image as HTMLImageElement).naturalHeight])).toEqual([200, 150])
    await page.close()
  })

  it('shows its error state with ?scenario=library-locked', async () => {
    const page = await open('/?scenario=library-locked')
    // The page's own alert (Next's route announcer and the mock's overlay have theirs, empty).
    await expect.poll(() => page.locator('main, body > p[role=alert]').first().textContent(), { timeout: 15_000 }).toBe('LIBRARY_LOCKED')
    expect(await page.locator('ul img').count()).toBe(0)
    await page.close()
  })
})
