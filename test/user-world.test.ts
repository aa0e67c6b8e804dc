import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setupServer } from 'msw/node'
import { imageSize } from 'image-size'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRasterMock, defineScenario } from '../src/index.js'
import type { World } from '../src/model/world.js'
import { unhandledRequests } from '../src/msw-compat.js'
import { files, restClient, type RestCall } from './support/client.js'



/** "Our org on the Free plan with four libraries; a key that writes to all; three logos in the first." */
async function ourOrg(world: World): Promise<void> {
  await world.createOrganization({ id: 'our-org', name: 'Our Org', plan: 'free' })
  for (const id of ['logos', 'photos', 'press', 'archive']) await world.createLibrary({ organizationId: 'our-org', id })
  await world.createKey({ id: 'pk_our_write', organizationId: 'our-org', grants: { logos: 'write', photos: 'write', press: 'read', archive: 'write' } })
  for (const name of ['mark.png', 'wordmark.png', 'favicon.png']) {
    await world.createAsset({ organizationId: 'our-org', libraryId: 'logos', name, tags: ['logo'], contentType: 'image/png', width: 512, height: 256, created: Date.UTC(2026, 0, 1) })
  }
}

const ourScenario = defineScenario({ name: 'our-org', description: 'Our org on the Free plan, four libraries, three logos.', setup: ourOrg })
const emptyScenario = defineScenario({
  name: 'only-us',
  description: 'No fixture at all: just our temporary organization.',
  base: 'empty',
  async setup(world) {
    await world.createOrganization({ id: 'solo', temporary: true })
    await world.createLibrary({ organizationId: 'solo', id: 'drafts' })
    await world.createKey({ id: 'pk_solo', organizationId: 'solo', grants: { drafts: 'write' } })
    // 13 originals of 6000 × 4000 as JPEG, 8,400,000 bytes each: 104 MB, past the 100 MB (binary) of a temporary library.
    for (let i = 0; i < 13; i++) await world.createAsset({ organizationId: 'solo', libraryId: 'drafts', width: 6000, height: 4000 })
  },
})

function mockServer(options: Parameters<typeof createRasterMock>[0] = {}) {
  const sleeps: number[] = []
  const mock = createRasterMock({ scenarios: [ourScenario, emptyScenario], sleep: async (ms) => void sleeps.push(ms), ...options })
  const server = setupServer(...mock.handlers)
  beforeAll(() => server.listen(unhandledRequests('error')))
  afterAll(() => server.close())
  return { mock, call: restClient(mock.runtime.baseUrl), sleeps }
}

const our = (call: RestCall, path: string, headers: Record<string, string> = { 'X-Mock-Scenario': 'our-org' }) =>
  call({ path, key: 'pk_our_write', headers })

describe('a custom scenario made with the factories', () => {
  const { mock, call, sleeps } = mockServer()

  it('answers REST with the documented shapes, and its images load at their size and type', async () => {
    const me = await our(call, '/me')
    expect(me.status).toBe(200)
    expect(me.body.data).toMatchObject({ organizationId: 'our-org', organizationName: 'Our Org', plan: 'free' })
    const list = await our(call, '/organizations/our-org/libraries/logos/assets')
    expect(list.status).toBe(200)
    expect(list.body.data.map((asset: { name: string }) => asset.name).sort()).toEqual(['favicon.png', 'mark.png', 'wordmark.png'])
    const [asset] = list.body.data
    expect(asset).toMatchObject({ contentType: 'image/png', width: 512, height: 256, tags: ['logo'], libraryId: 'logos' })
    const image = await fetch(asset.url)
    expect(image.status).toBe(200)
    expect(image.headers.get('Content-Type')).toBe('image/png')
    const bytes = new Uint8Array(await image.arrayBuffer())
    expect(bytes.byteLength).toBe(asset.size)
    expect(imageSize(bytes)).toMatchObject({ width: 512, height: 256, type: 'png' })
  })

  it('answers GraphQL with the same assets', async () => {
    const response = await fetch(`${mock.runtime.baseUrl}/`, {
      method: 'POST',
      headers: { Authorization: 'Bearer pk_our_write', 'Content-Type': 'application/json', 'X-Mock-Scenario': 'our-org' },
      body: JSON.stringify({ query: '{ assets(organizationId: "our-org", libraryId: "logos", page: 1) { name contentType } }' }),
    })
    expect(response.status).toBe(200)
    const { data } = await response.json()
    expect(data.assets.map((asset: { name: string }) => asset.name).sort()).toEqual(['favicon.png', 'mark.png', 'wordmark.png'])
  })

  it('locks the fourth library of the Free plan, and a read grant cannot write', async () => {
    const locked = await our(call, '/organizations/our-org/libraries/archive/assets')
    expect(locked.status).toBe(403)
    expect(locked.body.error.code).toBe('LIBRARY_LOCKED')
    const readOnly = await call({ method: 'POST', path: '/organizations/our-org/libraries/press/assets', key: 'pk_our_write', body: files(1), headers: { 'X-Mock-Scenario': 'our-org' } })
    expect([readOnly.status, readOnly.body.error.code]).toEqual([404, 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY'])
  })

  it('keeps the fixture world beside it, and composes with library-locked, flaky and slow', async () => {
    const both = { 'X-Mock-Scenario': 'our-org,library-locked' }
    expect((await our(call, '/organizations/our-org/libraries/logos/assets', both)).status).toBe(200)
    const barcelona = await call({ path: '/organizations/monogram-labs/libraries/barcelona/assets', headers: both })
    expect([barcelona.status, barcelona.body.error.code]).toEqual([403, 'LIBRARY_LOCKED'])
    const flaky = { 'X-Mock-Scenario': 'flaky,our-org', 'X-Mock-Session': 'flaky' }
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await our(call, '/me', flaky)).status)
    expect(statuses).toEqual([200, 200, 500])
    sleeps.length = 0
    expect((await our(call, '/me', { 'X-Mock-Scenario': 'our-org,slow' })).status).toBe(200)
    expect(sleeps).toHaveLength(1)
    expect(sleeps[0]).toBeGreaterThanOrEqual(1000)
  })

  it('on an empty base: no fixture, its temporary library fills up, and it refuses scenarios that need the fixture', async () => {
    const only = { 'X-Mock-Scenario': 'only-us' }
    expect((await call({ path: '/me', headers: only })).body.error.code).toBe('INVALID_API_KEY')
    const upload = await call({ method: 'POST', path: '/organizations/solo/libraries/drafts/assets', key: 'pk_solo', body: files(1), headers: only })
    expect([upload.status, upload.body.error.code]).toEqual([403, 'EPHEMERAL_STORAGE_LIMIT_EXCEEDED'])
    const conflict = await call({ path: '/me', headers: { 'X-Mock-Scenario': 'only-us,library-locked' } })
    expect([conflict.status, conflict.body.error.code]).toEqual([400, 'BAD_USER_INPUT'])
    expect(conflict.body.error.message).toMatch(/only-us/)
  })

  it('is selected by useScenario, typed, and an unknown name rejects rather than throws', async () => {
    const world = await mock.useScenario('our-org')
    expect(world.librariesOf('our-org').map((library) => library.id)).toEqual(['logos', 'photos', 'press', 'archive'])
    const typed = createRasterMock({ scenarios: [ourScenario] })
    await typed.useScenario('our-org', 'slow')
    // @ts-expect-error: not a scenario this mock knows.
    const unknown = typed.useScenario('their-org')
    await expect(unknown).rejects.toThrow(/Unknown scenario/)
    await mock.useScenario('default')
  })

  it('builds the same world for the same seed and setup, byte for byte', async () => {
    const again = createRasterMock({ scenarios: [ourScenario, emptyScenario], now: () => Date.UTC(2026, 5, 1) })
    const first = createRasterMock({ scenarios: [ourScenario, emptyScenario], now: () => Date.UTC(2026, 5, 1) })
    for (const name of ['our-org', 'only-us'] as const) {
      expect(JSON.stringify((await again.runtime.world(name)).toRecords())).toBe(JSON.stringify((await first.runtime.world(name)).toRecords()))
    }
  })
})

describe('a base world of your own', () => {
  const { mock, call } = mockServer({
    async world(world) {
      await world.createLibrary({ organizationId: 'monogram-labs', id: 'press-kit', name: 'Press kit' })
      const key = world.key('pk_monogram_write')!
      await world.updateKey(key, { grants: { ...key.grants, 'press-kit': 'write' } })
    },
  })

  it('is seen by every scenario built on the fixture', async () => {
    for (const scenario of ['default', 'library-locked', 'our-org']) {
      const libraries = await call({ path: '/organizations/monogram-labs/libraries?pageSize=100', headers: { 'X-Mock-Scenario': scenario } })
      expect(libraries.body.data.map((library: { id: string }) => library.id), scenario).toContain('press-kit')
    }
    expect((await mock.runtime.world('only-us')).library('monogram-labs', 'press-kit')).toBeUndefined()
  })
})

describe('factories', () => {
  const { mock } = mockServer()

  it('refuse bad arguments with a message naming the argument', async () => {
    const world = await mock.runtime.world('default', 'factories')
    await expect(world.createLibrary({ organizationId: 'nope', id: 'x' })).rejects.toThrow(/createLibrary: organizationId "nope"/)
    await expect(world.createOrganization({ id: 'monogram-labs' })).rejects.toThrow(/createOrganization: id "monogram-labs" is taken/)
    await expect(world.createLibrary({ organizationId: 'acme', id: 'Not A Slug' })).rejects.toThrow(/createLibrary: id "Not A Slug" must be a slug/)
    await expect(world.createKey({ id: 'pk_x', organizationId: 'acme', grants: { barcelona: 'write' } })).rejects.toThrow(/createKey: grants\.barcelona names no library of acme/)
    await expect(world.createKey({ id: 'pk_monogram_write', organizationId: 'acme', grants: {} })).rejects.toThrow(/createKey: id "pk_monogram_write" is taken/)
    await expect(world.createAsset({ organizationId: 'acme', libraryId: 'nope' })).rejects.toThrow(/createAsset: libraryId "nope"/)
    await expect(world.createAsset({ organizationId: 'acme', libraryId: 'acme-1', width: 0 })).rejects.toThrow(/createAsset: width 0/)
    await expect(world.removeAsset('nope')).rejects.toThrow(/removeAsset: id "nope"/)
  })

  it('remove an asset with its views, and clear a library', async () => {
    const world = await mock.runtime.world('default', 'removals')
    const barcelona = world.library('monogram-labs', 'barcelona')!
    const main = await world.createAsset({ organizationId: 'monogram-labs', libraryId: 'barcelona', name: 'mine.jpg' })
    const view = await world.createAsset({ organizationId: 'monogram-labs', libraryId: 'barcelona', parentId: main.id })
    expect(world.variantsOf(main.id).map((asset) => asset.id)).toEqual([view.id])
    const storage = world.libraryStorage(barcelona)
    await world.removeAsset(main.id)
    expect([world.asset(main.id), world.asset(view.id)]).toEqual([undefined, undefined])
    expect(world.libraryStorage(barcelona)).toBe(storage - main.size - view.size)
    await world.clearLibrary('monogram-labs', 'barcelona')
    expect([world.visibleCount(barcelona), world.trashCount(barcelona), world.libraryStorage(barcelona)]).toEqual([0, 0, 0])
  })

  it('refuse a custom scenario named like a built-in, and a setup that throws names its scenario', async () => {
    expect(() => createRasterMock({ scenarios: [defineScenario({ name: 'slow', description: 'x', setup: () => undefined })] })).toThrow(
      /Scenario "slow": a built-in scenario has that name/,
    )
    expect(() => defineScenario({ name: 'Our Org', description: 'x', setup: () => undefined })).toThrow(/name "Our Org" must be lowercase/)
    const broken = createRasterMock({ scenarios: [defineScenario({ name: 'broken', description: 'x', setup: () => { throw new Error('no such logo') } })] })
    await expect(broken.useScenario('broken')).rejects.toThrow('The setup of scenario "broken" failed: no such logo')
  })
})

/** The standalone server with a config file, as `raster-mock --config` starts it. */
function startCli(args: string[], cwd = process.cwd()) {
  const cli = resolve('src/cli.ts')
  // tsx named by its file, so the server can start in a folder that has no node_modules.
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), cli, '--port', '0', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stderr.on('data', (chunk) => (err += chunk))
  return new Promise<{ url: string; stop: () => void; exit?: number }>((done, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk
      const url = /listening on (\S+)/.exec(out)?.[1]
      if (url && out.includes('stop: Ctrl+C')) done({ url, stop: () => child.kill('SIGINT') })
    })
    child.once('exit', (code) => reject(Object.assign(new Error(err || out), { code })))
  })
}

describe('raster-mock --config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'raster-config-'))
  const index = resolve('src/index.ts')
  // The config of docs/your-data.md, as written, with `raster-mock` pointing at this checkout.
  const guide = readFileSync('docs/your-data.md', 'utf8')
  const config = /<!-- example: config -->\s*```js\n([\s\S]*?)```/.exec(guide)![1]!
  writeFileSync(join(dir, 'raster-mock.config.mjs'), config.replace("from 'raster-mock'", `from ${JSON.stringify(index)}`))

  it('serves its scenarios, found in the working directory, listed by GET /__mock/scenarios', async () => {
    const server = await startCli([], dir)
    try {
      const me = await fetch(`${server.url}/me`, { headers: { Authorization: 'Bearer pk_our', 'Api-Version': '2026-05-20' } })
      expect(me.status).toBe(200)
      expect((await me.json()).data.organizationId).toBe('our-org')
      const listed = (await (await fetch(`${server.url}/__mock/scenarios`)).json()).data
      expect(listed.at(-1)).toEqual({ name: 'our-org', description: 'Our organization on the Free plan, one library.' })
      expect(listed.some((scenario: { name: string }) => scenario.name === 'library-locked')).toBe(true)
    } finally {
      server.stop()
    }
  })

  it('stops with exit code 2 and a message naming the file when the config is wrong', async () => {
    const bad = join(dir, 'bad.mjs')
    writeFileSync(bad, `export default { scenarios: [], colour: 'blue' }\n`)
    const failed = await startCli(['--config', bad]).then(() => undefined, (error) => error)
    expect(failed.code).toBe(2)
    expect(failed.message).toContain(`raster-mock: config ${bad}: unknown setting "colour"`)
    const throwing = join(dir, 'throwing.mjs')
    writeFileSync(
      throwing,
      `import { defineConfig, defineScenario } from ${JSON.stringify(index)}
export default defineConfig({ scenarios: [defineScenario({ name: 'oops', description: 'x', setup() { throw new Error('boom') } })] })
`,
    )
    const threw = await startCli(['--config', throwing]).then(() => undefined, (error) => error)
    expect(threw.code).toBe(2)
    expect(threw.message).toContain(`raster-mock: config ${throwing}: [raster-mock] The setup of scenario "oops" failed: boom`)
  })
})


