import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, extname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../support/free-port.js'
import { hasChromium, imagesLoaded, launchChromium } from '../browser/chromium.js'

/**
 * The package as a user gets it: `npm pack` (which builds), the tarball installed
 * into a fresh project in a temp dir, then a vitest suite on `raster-mock/node`
 * plus the README's Node examples, a strict type-check under `bundler` and
 * `node16` resolution, and `npx raster-mock` answering requests. One install
 * serves every check. Run with `npm run test:package` (needs the npm registry or
 * a warm npm cache).
 */
const root = new URL('../../', import.meta.url).pathname
const fixture = new URL('fixture/', import.meta.url).pathname
const run = promisify(execFile)
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
/** The outer vitest's variables would make the inner one think it is a worker; colors would hide the summary from the regex. */
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && !['NODE_OPTIONS', 'FORCE_COLOR'].includes(name))),
  NO_COLOR: '1',
}
/** A setup step; on failure, its whole output (tsc prints its errors to stdout, which execFile's message leaves out). */
const step = (command: string, args: string[], cwd: string) =>
  run(command, args, { cwd, env, maxBuffer: 64 << 20 }).catch((error) => {
    throw new Error(`${command} ${args.join(' ')} failed:\n${error.stdout}${error.stderr}`)
  })

let work: string
let app: string
let packed: string[]

const docs = existsSync(join(root, 'docs')) ? readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')) : []
const sources = ['README.md', ...docs.map((f) => `docs/${f}`)]

/** Marked code blocks of README.md and docs/*.md: `<!-- example: node -->` or `<!-- example: browser -->` before a ```ts block. */
function readmeExamples(): Array<{ runtime: 'node' | 'browser'; name: string; code: string }> {
  return sources.flatMap((source) =>
    [...readFileSync(join(root, source), 'utf8').matchAll(/<!-- example: (node|browser) -->\s*```ts\n([\s\S]*?)```/g)].map((match, i) => ({
      runtime: match[1] as 'node' | 'browser',
      name: `${source.replace(/\W+/g, '-')}-${i + 1}`,
      code: match[2]!,
    })),
  )
}

/**
 * The files the README and the docs show whole (`<!-- file: playwright.config.ts -->` before a ```ts or ```js
 * block): written at that path of the project, as written, and run by the suites below (Vitest's setup file,
 * Jest, Playwright, Storybook). The fixture holds only what the docs leave to the user (the app, its component).
 */
function documentedFiles(): Map<string, string> {
  const files = new Map<string, string>()
  for (const source of sources) {
    for (const [, path, code] of readFileSync(join(root, source), 'utf8').matchAll(/<!-- file: (\S+) -->\s*```(?:ts|js)\n([\s\S]*?)```/g)) {
      if (files.has(path!)) throw new Error(`${source}: a second block for ${path}`)
      files.set(path!, code!)
    }
  }
  return files
}

const examples = readmeExamples()
const files = documentedFiles()
/** The msw the fixture installs: this project's (test:msw3 switches it to 3). */
const mswMajor = Number(/\d+/.exec(rootPackage.devDependencies.msw)![0])
/** raster-mock/browser ships with its source (issue 6): until src/browser.ts lands there is nothing to build or check. */
const hasBrowserEntry = existsSync(join(root, 'src/browser.ts'))

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'raster-mock-consumer-'))
  await step('npm', ['pack', '--pack-destination', work, '--loglevel=error'], root)
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!
  packed = (await run('tar', ['-tzf', join(work, tarball)])).stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''))

  app = join(work, 'app')
  cpSync(fixture, app, { recursive: true })
  for (const [path, code] of files) {
    mkdirSync(dirname(join(app, path)), { recursive: true })
    writeFileSync(join(app, path), code)
  }
  for (const { runtime, name, code } of examples) {
    // Node examples run as test files; browser ones are type-checked only (they need a page and a worker).
    if (runtime === 'node') writeFileSync(join(app, `test/${name}.test.ts`), code)
    else if (hasBrowserEntry) writeFileSync(join(app, `src/browser-${name}.ts`), code)
  }
  const dev = rootPackage.devDependencies
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'raster-mock-consumer',
      private: true,
      type: 'module',
      // The app's dev server, as the README's playwright.config.ts starts it (`npm run dev -- --port N`).
      scripts: { dev: 'node e2e/serve.js' },
      devDependencies: {
        'raster-mock': `file:../${tarball}`,
        msw: dev.msw,
        vitest: dev.vitest,
        typescript: dev.typescript,
        '@types/node': dev['@types/node'],
        // What a .ts config needs on Node 20, as the CLI's message says.
        tsx: dev.tsx,
        // The README's MCP example drives the mock with the MCP SDK's own client.
        '@modelcontextprotocol/client': dev['@modelcontextprotocol/client'],
        // raster-mock/playwright's peers, for the Playwright suite (e2e/) in this same project: one install.
        '@playwright/test': dev['@playwright/test'],
        '@msw/playwright': dev['@msw/playwright'],
        // Jest's example (jest/, jest.config.js): the root project never runs Jest, so these are pinned here only.
        jest: '^30.5.2',
        'jest-environment-jsdom': '^30.5.2',
        'jest-fixed-jsdom': '^0.0.11',
        // Storybook's example (.storybook/, stories/): a real Storybook build with the Vite builder.
        storybook: '^10.6.7',
        '@storybook/html-vite': '^10.6.0',
        'msw-storybook-addon': '^3.0.3',
        vite: dev.vite,
      },
      // @msw/playwright 0.6 asks for msw 2: without this, test:msw3's install here fails (ERESOLVE).
      overrides: { '@msw/playwright': { msw: '$msw' } },
    }),
  )
  await step('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app)
}, 600_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('the packed tarball', () => {
  it('holds the build, the sources its maps name, the schemas and the docs, nothing else', () => {
    const source = (f: string) => /^(src|handlers|scenarios)\/.*\.ts$/.test(f) && !f.endsWith('.test.ts')
    const extra = packed.filter((f) => !f.startsWith('dist/') && !source(f) && !['package.json', 'README.md', 'CHANGELOG.md', 'schema.graphql'].includes(f))
    expect(extra).toEqual([])
    expect(packed).toEqual(expect.arrayContaining(['dist/src/cli.js', 'dist/openapi.json', 'schema.graphql', 'CHANGELOG.md', 'src/index.ts']))
  })

  it('names only shipped files in its source maps, so a stack trace or "go to definition" opens a real file', () => {
    const maps = packed.filter((f) => f.endsWith('.map'))
    expect(maps.length).toBeGreaterThan(0)
    const missing = maps.flatMap((map) => {
      const { sources } = JSON.parse(readFileSync(join(app, 'node_modules/raster-mock', map), 'utf8')) as { sources: string[] }
      return sources.map((source) => join(dirname(map), source)).filter((file) => !packed.includes(file))
    })
    expect(missing).toEqual([])
  })

  it('holds every target of `exports`', () => {
    const targets = Object.entries(rootPackage.exports as Record<string, string | Record<string, string>>)
      .filter(([entry]) => entry !== './browser' || hasBrowserEntry)
      .flatMap(([, target]) => (typeof target === 'string' ? [target] : Object.values(target)))
    expect(targets.map((t) => t.replace(/^\.\//, '')).filter((t) => !packed.includes(t))).toEqual([])
  })
})

describe('a project that installed it', () => {
  it('runs a vitest suite on raster-mock/node, and the README Node examples', async () => {
    expect(examples.filter((e) => e.runtime === 'node').length).toBeGreaterThan(0)
    const result = await run('node', ['node_modules/vitest/vitest.mjs', 'run'], { cwd: app, env }).catch((error) => error)
    expect(result.stdout + result.stderr).toMatch(/Test Files\s+\S*\d+ passed/)
    expect(result.code ?? 0, result.stdout + result.stderr).toBe(0)
    // The README's vitest.config.ts (raster-mock/vitest as the only setup) with the README's test file, and a
    // client that captured fetch at import time.
    expect(files.has('setup-file/vitest.config.ts') && files.has('setup-file/test/locked.test.ts')).toBe(true)
    expect(result.stdout).toMatch(/✓ .*test\/locked\.test\.ts \(1 test\)/)
    expect(result.stdout).toMatch(/✓ .*test\/capture\.test\.ts \(4 tests\)/)
  })

  it("runs the docs' Jest 30 setup (ESM) in jsdom with jest-fixed-jsdom, and a file in the node environment", async () => {
    expect(['jest/jest.config.js', 'jest/raster.js', 'jest/locked.test.js'].filter((path) => !files.has(path))).toEqual([])
    const jest = ['--experimental-vm-modules', '../node_modules/jest/bin/jest.js']
    const result = await run('node', jest, { cwd: join(app, 'jest'), env }).catch((error) => error)
    expect(result.stderr).toMatch(/PASS \.?\/?api\.node\.test\.js/)
    expect(result.stderr).toMatch(/PASS \.?\/?gallery\.jsdom\.test\.js/)
    expect(result.stderr).toMatch(/PASS \.?\/?locked\.test\.js/)
    expect(result.stderr).toMatch(/Tests:\s+8 passed, 8 total/)
    expect(result.code ?? 0, result.stdout + result.stderr).toBe(0)
  })

  it.runIf(hasChromium)("builds a Storybook of the README's stories and preview, and shows both stories in Chromium", async () => {
    expect(files.has('.storybook/preview.js') && files.has('stories/Gallery.stories.js')).toBe(true)
    await step('npx', ['msw', 'init', 'public', '--save'], app)
    await step('npx', ['storybook', 'build', '-o', 'storybook-static', '--quiet'], app)
    const site = await serveStatic(join(app, 'storybook-static'))
    const browser = await launchChromium()
    try {
      const story = async (id: string) => {
        const page = await browser.newPage()
        await page.goto(`${site.url}/iframe.html?id=${id}&viewMode=story`)
        await page.waitForSelector('#storybook-root img, #storybook-root [role=alert]')
        return page
      }
      const seeded = await story('gallery--seeded')
      expect(await imagesLoaded(seeded, '#storybook-root img', 4)).toBe(4)
      const locked = await story('gallery--locked')
      expect(await locked.locator('#storybook-root').textContent()).toBe('LIBRARY_LOCKED')
    } finally {
      await browser.close()
      site.close()
    }
  })

  // @msw/playwright 0.6.7, the latest, imports msw 2's `SetupApi`, which msw 3 does not export.
  it.runIf(hasChromium && mswMajor < 3)("runs the README's playwright.config.ts and spec, and the fixture's, in Debian's Chromium, two workers", async () => {
    expect(files.has('playwright.config.ts') && files.has('e2e/gallery.spec.ts')).toBe(true)
    const playwright = ['playwright', 'test', '--workers', '2', '--fully-parallel', '--reporter', 'list']
    const result = await run('npx', playwright, { cwd: app, env: { ...env, PORT: String(await freePort()) } }).catch((error) => error)
    expect(result.stdout + result.stderr).toMatch(/\b16 passed\b/)
    expect(result.code ?? 0, result.stdout + result.stderr).toBe(0)
  })

  it.each(['bundler', 'node16'])('type-checks strictly with moduleResolution %s, README browser examples included', async (resolution) => {
    if (hasBrowserEntry) expect(examples.filter((e) => e.runtime === 'browser').length).toBeGreaterThan(0)
    const result = await run('node', ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${resolution}.json`], { cwd: app, env }).catch((error) => error)
    expect(result.stdout + result.stderr).toBe('')
  })

  it('runs `npx raster-mock`: startup lines, one log line per request, the OpenAPI document', async () => {
    const cli = await startCli([])
    try {
      expect(cli.output()).toMatch(`raster-mock listening on ${cli.url} (scenario: default)`)
      expect(cli.output()).toMatch(/keys: .*pk_monogram_write/)
      const me = await fetch(`${cli.url}/me`, { headers: { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' } })
      expect(await me.json()).toMatchObject({ data: { organizationId: 'monogram-labs' } })
      const anonymous = await fetch(`${cli.url}/me`, { headers: { 'Api-Version': '2026-05-20' } })
      expect(anonymous.status).toBe(401)
      const openapi = await (await fetch(`${cli.url}/openapi.json`)).json()
      expect(openapi.servers).toEqual([{ url: cli.url }])
      await until(() => /GET \/openapi\.json 200/.test(cli.output()))
      expect(cli.output()).toMatch(/^GET \/me 200 - \d+\.\dms$/m)
      expect(cli.output()).toMatch(/^GET \/me 401 UNAUTHENTICATED \d+\.\dms$/m)
    } finally {
      cli.stop()
    }
  })

  it('runs `npx raster-mock --quiet`: no per-request lines', async () => {
    const cli = await startCli(['--quiet', '--scenario', 'library-locked'])
    try {
      expect(cli.output()).toMatch('(scenario: library-locked)')
      expect((await fetch(`${cli.url}/me`, { headers: { 'Api-Version': '2026-05-20' } })).status).toBe(401)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(cli.output()).not.toMatch('GET /me')
    } finally {
      cli.stop()
    }
  })
})

describe('a raster-mock.config.ts', () => {
  const config = () => join(app, 'raster-mock.config.ts')
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  /** Node 22.6+ strips types (behind a flag before 22.18 and 23.6, with which the CLI restarts itself). */
  const stripsTypes = major > 22 || (major === 22 && minor >= 6)

  beforeAll(() => {
    // Type annotations, so only a TypeScript-aware Node or loader imports it; the scenario proves it was read.
    writeFileSync(config(), `import { defineConfig } from 'raster-mock'\n\nconst scenario: 'library-locked' = 'library-locked'\nexport default defineConfig({ scenario })\n`)
  })
  afterAll(() => rmSync(config(), { force: true }))

  it.runIf(stripsTypes)('loads without a loader where Node strips types', async () => {
    const cli = await startCli([])
    try {
      expect(cli.output()).toMatch('(scenario: library-locked)')
    } finally {
      cli.stop()
    }
  })

  it.runIf(!stripsTypes)('on Node 20, stops with the exact command that loads it, and that command works', async () => {
    const failed = await run('npx', ['raster-mock', '--port', '4010', '--quiet'], { cwd: app, env }).catch((error) => error)
    expect(failed.code).toBe(2)
    const command = /^ {2}(node --import tsx .*)$/m.exec(failed.stderr)?.[1]
    expect(command).toBe('node --import tsx node_modules/raster-mock/dist/src/cli.js --port 4010 --quiet')
    const cli = await startCli([], (port) => command!.replace('--port 4010', `--port ${port}`))
    try {
      expect(cli.output()).toMatch('(scenario: library-locked)')
    } finally {
      cli.stop()
    }
  })
})

/** A static file server for a built site (Storybook's storybook-static/), on a free port of 127.0.0.1. */
async function serveStatic(dir: string): Promise<{ url: string; close: () => void }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json' }
  const server = createHttpServer((request, response) => {
    const path = new URL(request.url!, 'http://localhost').pathname
    const file = join(dir, path === '/' ? 'index.html' : path)
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) return void response.writeHead(404).end()
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() }
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * `npx raster-mock` (or `command`, a shell line, given the port) in its own process group, so stopping it also
 * stops the node process npx starts.
 */
async function startCli(args: string[], command?: (port: number) => string) {
  const port = await freePort()
  const child: ChildProcess = command
    ? spawn('bash', ['-c', command(port)], { cwd: app, env, detached: true })
    : spawn('npx', ['raster-mock', '--port', String(port), ...args], { cwd: app, env, detached: true })
  let stdout = ''
  child.stdout!.on('data', (chunk) => (stdout += chunk))
  child.stderr!.resume()
  const cli = {
    url: `http://127.0.0.1:${port}`,
    output: () => stdout,
    stop: () => process.kill(-child.pid!, 'SIGTERM'),
  }
  // The startup lines can arrive in several chunks: wait for the last one, `try:`.
  await until(() => stdout.includes('  try:')).catch((error) => {
    cli.stop()
    throw error
  })
  return cli
}
