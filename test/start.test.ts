/**
 * `npm start` as a newcomer runs it: `scripts/start.mjs` bundles `src/cli.ts` into `.start/` and serves from it.
 * The bundle must answer like the sources (the list page, the demo page and its worker script), and a
 * `raster-mock.config.ts` in the working directory must still load, as it did under tsx.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')
const running: ChildProcess[] = []
afterEach(() => running.splice(0).forEach((child) => child.kill()))

/** Starts `npm start -- --port 0` in `cwd`: its base URL from the banner, and what it has printed so far. */
function start(cwd: string, args: string[] = []): Promise<{ base: string; printed: () => string }> {
  const child = spawn('node', [join(root, 'scripts/start.mjs'), '--port', '0', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  running.push(child)
  let out = ''
  return new Promise((done, fail) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk
      const base = /listening on (http:\/\/[\d.]+:\d+)/.exec(out)?.[1]
      if (base) done({ base, printed: () => out })
    })
    child.stderr!.on('data', (chunk) => (out += chunk))
    child.on('exit', (code) => fail(new Error(`exited ${code}: ${out}`)))
  })
}

const headers = { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' }

describe('npm start', () => {
  it('serves the API, the demo page and its worker from the bundle', async () => {
    const { base } = await start(root)
    const list = await fetch(`${base}/organizations/monogram-labs/libraries/barcelona/assets?page=1&pageSize=48`, { headers })
    expect(list.status).toBe(200)
    const body = (await list.json()) as { data: unknown[] }
    expect(body.data).toHaveLength(48)
    const page = await fetch(`${base}/`, { headers: { Accept: 'text/html' } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('/__demo/app.js')
    expect((await fetch(`${base}/__demo/mockServiceWorker.js`)).status).toBe(200)
  }, 60_000)

  it('answers GraphQL from the bundle and logs what each request asked', async () => {
    const { base, printed } = await start(root)
    const query = '{ assets(organizationId: "monogram-labs", libraryId: "barcelona", pageSize: 2) { __typename id } }'
    const answer = await fetch(`${base}/`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) })
    expect(answer.status).toBe(200)
    const body = (await answer.json()) as { data: { assets: Array<{ __typename: string }> } }
    expect(body.data.assets.map((asset) => asset.__typename)).toEqual(['Asset', 'Asset'])
    await expect.poll(printed).toMatch(/^POST \/ 200 GraphQL Query assets \d+\.\dms$/m)
  }, 60_000)

  it('loads a raster-mock.config.ts from the working directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'raster-start-'))
    // A type annotation, so only a TypeScript loader can import it; the scenario proves it was read.
    writeFileSync(join(dir, 'raster-mock.config.ts'), "const scenario: string = 'library-locked'\nexport default { scenario }\n")
    const { base } = await start(dir)
    const active = await fetch(`${base}/__mock/scenario`)
    expect(await active.json()).toEqual({ data: { scenario: 'library-locked' } })
  }, 60_000)
})
