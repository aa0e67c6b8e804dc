import { describe, expect, it } from 'vitest'
import type { RasterMock } from '../../src/index.js'
import type { RestCall, Reply } from './client.js'
import { barcelona, files, tinyPng } from './client.js'
import { contractErrors, contractErrors20260708, contractMessages20260708 } from './error-cases.js'

/**
 * The contract of Api-Version 2026-07-08 (docs/rest.md, "Versions"), row by row, each row in both versions, over
 * one world: the version selection table, then the REST changes table. Run against one transport (msw in Node,
 * or the standalone server). Every expected value is written from the contract.
 */
export interface VersionTarget {
  call: RestCall
  mock: RasterMock
}

const OLD = '2026-05-20'
const NEW = '2026-07-08'
const organization = '/organizations/monogram-labs'
const acme = '/organizations/acme/libraries'
const northwind = '/organizations/northwind/libraries'

/** What the contract says every failure of `code` looks like, in 2026-05-20 (and 2026-07-08 where they agree). */
function expectError(reply: Reply, code: keyof typeof contractErrors | keyof typeof contractErrors20260708, message?: string) {
  const entry: { status: number; message?: string } = { ...contractErrors, ...contractErrors20260708 }[code]
  expect(reply.status, reply.text).toBe(entry.status)
  expect(reply.body.error.code).toBe(code)
  expect(reply.body.error.message).toBe(message ?? entry.message)
  expect(reply.headers.get('Vary')).toBe('Api-Version')
}

function form(...parts: File[]): FormData {
  const body = new FormData()
  for (const part of parts) body.append('files', part)
  return body
}

const png = (name = 'photo.png') => new File([tinyPng], name, { type: 'image/png' })
const text = (name = 'notes.txt') => new File(['hello'], name, { type: 'image/png' })

const VARIANT_KEYS = ['appUrl', 'height', 'id', 'name', 'parentId', 'sizes', 'url', 'width']

export function versionSuite(target: () => VersionTarget) {
  const call: RestCall = (request) => target().call(request)
  const list = async (version: string, query = 'pageSize=500') => (await call({ path: `${barcelona}/assets?${query}`, version })).body.data as any[]
  const withVariants = async (version: string) => (await list(version)).find((asset) => (asset.views ?? asset.variants).length > 0)
  /** Sets an asset's review state in the world both versions read (the approval endpoint is another action's). */
  async function setApproval(id: string, approval: 'in_review' | 'approved' | 'needs_changes') {
    const world = await target().mock.runtime.world()
    await world.updateAsset(world.asset(id)!, { approval })
  }

  describe('selecting the version', () => {
    it('answers a missing or empty Api-Version 400 API_VERSION_REQUIRED, naming the current version', async () => {
      for (const version of [null, '', '   ']) {
        expectError(await call({ path: '/me', version }), 'API_VERSION_REQUIRED', contractMessages20260708.apiVersionRequired(OLD))
      }
    })

    it('answers a value it does not know 400 API_VERSION_REQUIRED, naming the value and the supported versions', async () => {
      for (const version of ['2027-01-01', '2026-07-09', 'latest']) {
        const reply = await call({ path: `${barcelona}/assets`, version })
        expect(reply.status).toBe(400)
        expect(reply.body.error.code).toBe('API_VERSION_REQUIRED')
        expect(reply.body.error.message).toContain(version)
        expect(reply.body.error.message).toContain(OLD)
        expect(reply.body.error.message).toContain(NEW)
        expect(reply.headers.get('Vary')).toBe('Api-Version')
      }
    })

    it('answers each request in the version it names, with Vary: Api-Version, success or failure', async () => {
      const old = await call({ path: `${barcelona}/assets`, version: OLD })
      const next = await call({ path: `${barcelona}/assets`, version: NEW })
      for (const reply of [old, next, await call({ path: '/nowhere', version: NEW })]) expect(reply.headers.get('Vary')).toBe('Api-Version')
      expect(old.body.data[0]).toHaveProperty('views')
      expect(old.body.data[0]).not.toHaveProperty('variants')
      expect(next.body.data[0]).toHaveProperty('variants')
      expect(next.body.data[0]).not.toHaveProperty('views')
      expect(next.body.data.map((asset: { id: string }) => asset.id)).toEqual(old.body.data.map((asset: { id: string }) => asset.id))
    })

    it('writes nothing for a request in a version it does not know', async () => {
      const [first] = await list(OLD)
      const refused = await call({ method: 'DELETE', path: `${barcelona}/assets`, version: '2099-01-01', json: { ids: [first.id] } })
      expect(refused.status).toBe(400)
      expect((await list(OLD)).map((asset) => asset.id)).toContain(first.id)
    })
  })

  describe('child images: views in 2026-05-20, variants in 2026-07-08', () => {
    it('lists the same child images, as AssetView then as AssetVariant (no type)', async () => {
      const old = await withVariants(OLD)
      const next = (await call({ path: `${barcelona}/assets/${old.id}`, version: NEW })).body.data
      expect(old.views[0]).toMatchObject({ type: 'variant', parentId: old.id })
      expect(next.variants.map((variant: { id: string }) => variant.id)).toEqual(old.views.map((view: { id: string }) => view.id))
      for (const variant of next.variants) {
        expect(Object.keys(variant).sort()).toEqual(VARIANT_KEYS)
        expect(variant).toMatchObject({ parentId: old.id })
        expect(typeof variant.appUrl).toBe('string')
        expect(Object.keys(variant.sizes).length).toBeGreaterThan(0)
      }
      const view = old.views[0]
      expect(next.variants[0]).toMatchObject({ id: view.id, name: view.name, url: view.url, width: view.width, height: view.height })
    })
  })

  describe('asset fields: approval and sizes in 2026-07-08 only', () => {
    it('carries approval (null unless asked for) and sizes (width → URL)', async () => {
      const [old] = await list(OLD)
      const [next] = await list(NEW)
      expect(old).not.toHaveProperty('approval')
      expect(old).not.toHaveProperty('sizes')
      expect(next.approval).toBeNull()
      for (const [width, url] of Object.entries(next.sizes as Record<string, string>)) {
        expect(width).toMatch(/^\d+$/)
        expect(url).toMatch(/^https?:\/\//)
      }
      await setApproval(next.id, 'needs_changes')
      expect((await call({ path: `${barcelona}/assets/${next.id}`, version: NEW })).body.data.approval).toBe('needs_changes')
      expect((await call({ path: `${barcelona}/assets/${next.id}`, version: OLD })).body.data).not.toHaveProperty('approval')
    })

    it('serves every size as an image', async () => {
      const [next] = await list(NEW)
      for (const url of Object.values(next.sizes as Record<string, string>)) {
        const image = await fetch(url)
        expect(image.status).toBe(200)
        expect(image.headers.get('Content-Type')).toMatch(/^image\//)
      }
    })
  })

  describe('search: the approval filter of 2026-07-08', () => {
    const search = (version: string, query: string) => call({ path: `${organization}/search/assets?pageSize=500&${query}`, version })

    it('keeps the assets in that state, or with none; 2026-05-20 ignores the parameter', async () => {
      const all = (await search(NEW, '')).body.data
      const [a, b, c] = all.hits.map((hit: { id: string }) => hit.id)
      await setApproval(a, 'approved')
      await setApproval(b, 'approved')
      await setApproval(c, 'in_review')
      const approved = (await search(NEW, 'approval=approved')).body.data
      expect(approved.hits.map((hit: { id: string }) => hit.id).sort()).toEqual([a, b].sort())
      expect(approved.found).toBe(2)
      expect((await search(NEW, 'approval=in_review')).body.data.hits.map((hit: { id: string }) => hit.id)).toEqual([c])
      expect((await search(NEW, 'approval=needs_changes')).body.data.found).toBe(0)
      expect((await search(NEW, 'approval=none')).body.data.found).toBe(all.found - 3)
      expect((await search(OLD, 'approval=approved')).body.data.found).toBe(all.found)
    })

    it('refuses a state it does not know in 2026-07-08 (BAD_USER_INPUT naming the field)', async () => {
      const reply = await search(NEW, 'approval=maybe')
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('BAD_USER_INPUT')
      expect(reply.body.error.message).toContain('approval')
      expect((await search(OLD, 'approval=maybe')).status).toBe(200)
    })
  })

  describe('list assets tags: at most 5, then at most 50, any-match', () => {
    const tags = (count: number) => Array.from({ length: count }, (_, i) => `tag-${i}`)

    it('takes 50 tags in 2026-07-08 and 5 in 2026-05-20', async () => {
      const [asset] = await list(OLD)
      const sixTags = [...tags(5), asset.tags[0]]
      const old = await call({ path: `${barcelona}/assets?tags=${sixTags.join(',')}`, version: OLD })
      expectError(old, 'BAD_USER_INPUT', 'At most 5 tags can be used to filter.')
      const fifty = [...tags(49), asset.tags[0]]
      const next = await call({ path: `${barcelona}/assets?pageSize=500&tags=${fifty.join(',')}`, version: NEW })
      expect(next.status).toBe(200)
      // Any-match: every asset carrying that one tag, only those.
      const carrying = (await list(OLD)).filter((candidate) => candidate.tags.includes(asset.tags[0])).map((candidate) => candidate.id)
      expect(next.body.data.map((found: { id: string }) => found.id)).toEqual(carrying)
      const tooMany = await call({ path: `${barcelona}/assets?tags=${tags(51).join(',')}`, version: NEW })
      expect(tooMany.status).toBe(400)
      expect(tooMany.body.error.code).toBe('BAD_USER_INPUT')
    })
  })

  describe('upload batch: all or nothing, then partial', () => {
    it('2026-07-08 leaves a file that is not an image out, names it with why, and uploads the rest', async () => {
      const before = (await list(OLD)).length
      const reply = await call({ method: 'POST', path: `${barcelona}/assets`, version: NEW, body: form(png('kept.png'), text('notes.txt'), png('also.png')) })
      expect(reply.status).toBe(200)
      expect(reply.body.data.assets.map((asset: { name: string }) => asset.name)).toEqual(['kept.png', 'also.png'])
      expect(reply.body.data.responseText).toContain('notes.txt')
      expect(reply.body.data.responseText).toMatch(/not an image/)
      expect(reply.body.data.responseText).not.toContain('kept.png')
      expect((await list(OLD)).length).toBe(before + 2)
    })

    it('2026-05-20 refuses the whole batch and stores nothing', async () => {
      const before = (await list(OLD)).length
      const reply = await call({ method: 'POST', path: `${barcelona}/assets`, version: OLD, body: form(png('kept.png'), text('notes.txt')) })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('BAD_USER_INPUT')
      expect((await list(OLD)).length).toBe(before)
    })

    it('2026-07-08 with no accepted file: 400 BAD_USER_INPUT, nothing stored', async () => {
      const before = (await list(OLD)).length
      const reply = await call({ method: 'POST', path: `${barcelona}/assets`, version: NEW, body: form(text('a.txt'), text('b.txt')) })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('BAD_USER_INPUT')
      expect(reply.body.error.message).toContain('a.txt')
      expect((await list(OLD)).length).toBe(before)
    })
  })

  describe('the codes that moved to BAD_USER_INPUT', () => {
    const rows = [
      { why: 'over 20 files', request: { method: 'POST', path: `${barcelona}/assets`, body: files(21) }, old: 'MAX_ASSETS_EXCEEDED', message: 'An upload can contain at most 20 files.' },
      { why: 'no file part', request: { method: 'POST', path: `${barcelona}/assets`, body: files(0) }, old: 'UPLOAD_ERROR_NO_FILES', message: undefined },
      { why: 'no ids', request: { method: 'DELETE', path: `${barcelona}/assets`, json: { ids: [] } }, old: 'DELETE_ERROR', message: undefined },
      {
        why: 'over 100 ids',
        request: { method: 'DELETE', path: `${barcelona}/assets`, json: { ids: Array.from({ length: 101 }, (_, i) => `id-${i}`) } },
        old: 'MAX_ASSETS_EXCEEDED',
        message: 'A delete can contain at most 100 ids.',
      },
    ] as const

    it.each(rows)('$why: $old in 2026-05-20, BAD_USER_INPUT in 2026-07-08', async ({ request, old, message }) => {
      expectError(await call({ ...request, version: OLD }), old, message)
      const next = await call({ ...request, version: NEW })
      expect(next.status).toBe(400)
      expect(next.body.error.code).toBe('BAD_USER_INPUT')
    })
  })

  describe('creating a library', () => {
    it('a slug taken: 409 CONFLICT, then 409 LIBRARY_URL_TAKEN', async () => {
      const request = { method: 'POST', path: `${organization}/libraries`, json: { name: 'Tokyo again', slug: 'tokyo' } }
      expectError(await call({ ...request, version: OLD }), 'CONFLICT')
      expectError(await call({ ...request, version: NEW }), 'LIBRARY_URL_TAKEN')
    })

    it('a Free plan at its library limit: allowed (and locked) in 2026-05-20, 400 LIBRARY_LIMIT_EXCEEDED in 2026-07-08', async () => {
      const libraries = async () => (await call({ path: acme, key: 'pk_acme_write', version: OLD })).body.data.map((library: { id: string }) => library.id)
      const before = await libraries()
      expectError(await call({ method: 'POST', path: acme, key: 'pk_acme_write', version: NEW, json: { name: 'Fifth', slug: 'acme-5' } }), 'LIBRARY_LIMIT_EXCEEDED')
      expect(await libraries()).toEqual(before)
      const created = await call({ method: 'POST', path: acme, key: 'pk_acme_write', version: OLD, json: { name: 'Fifth', slug: 'acme-5' } })
      expect(created.status).toBe(201)
      expectError(await call({ path: `${acme}/acme-5/assets`, key: 'pk_acme_write', version: OLD }), 'LIBRARY_LOCKED')
    })

    it('PRO_PLAN_CANCELED: uploads only in 2026-05-20; uploads and library creation, with the wider meaning, in 2026-07-08', async () => {
      const upload = { method: 'POST', path: `${northwind}/northwind-main/assets`, key: 'pk_northwind_write', body: form(png()) }
      const create = { method: 'POST', path: northwind, key: 'pk_northwind_write', json: { name: 'More' } }
      expectError(await call({ ...upload, version: OLD }), 'PRO_PLAN_CANCELED')
      expectError(await call({ ...upload, body: form(png()), version: NEW }), 'PRO_PLAN_CANCELED', contractMessages20260708.PRO_PLAN_CANCELED)
      expectError(await call({ ...create, version: NEW }), 'PRO_PLAN_CANCELED', contractMessages20260708.PRO_PLAN_CANCELED)
      expect((await call({ ...create, version: OLD })).status).toBe(201)
    })
  })

  describe('upload url and trash', () => {
    it('2026-07-08: the url serves as soon as the upload returns', async () => {
      const reply = await call({ method: 'POST', path: `${barcelona}/assets`, version: NEW, body: form(png()) })
      const [asset] = reply.body.data.assets
      const image = await fetch(asset.url)
      expect(image.status).toBe(200)
      expect(new Uint8Array(await image.arrayBuffer())).toEqual(tinyPng)
    })

    it('a delete moves to the trash; 2026-07-08 says it is recoverable for 30 days', async () => {
      const [first, second] = await list(OLD)
      const old = await call({ method: 'DELETE', path: `${barcelona}/assets`, version: OLD, json: { ids: [first.id] } })
      expect(old.body.data).toEqual({ success: true, message: 'Moved 1 asset to trash', ids: [first.id] })
      const next = await call({ method: 'DELETE', path: `${barcelona}/assets`, version: NEW, json: { ids: [second.id] } })
      expect(next.body.data).toMatchObject({ success: true, ids: [second.id] })
      expect(next.body.data.message).toMatch(/^Moved 1 asset to trash/)
      expect(next.body.data.message).toContain('recoverable for 30 days, then permanently removed')
    })
  })

  describe('one world for both versions', () => {
    it('lists an upload made through 2026-07-08 through 2026-05-20, with views', async () => {
      const uploaded = (await call({ method: 'POST', path: `${barcelona}/assets`, version: NEW, body: form(png('cross.png')) })).body.data.assets[0]
      expect(uploaded.variants).toEqual([])
      const old = (await list(OLD)).find((asset) => asset.id === uploaded.id)
      expect(old).toMatchObject({ name: 'cross.png', views: [] })
    })

    it('shows a variant made in one version in the other', async () => {
      const [parent] = await list(OLD)
      const variantForm = form(png('made-new.png'))
      variantForm.append('parentId', parent.id)
      const madeNew = await call({ method: 'POST', path: `${barcelona}/assets`, version: NEW, body: variantForm })
      expect(madeNew.status).toBe(200)
      const newVariant = madeNew.body.data.assets[0].variants.find((variant: { name: string }) => variant.name === 'made-new.png')
      const oldParent = (await call({ path: `${barcelona}/assets/${parent.id}`, version: OLD })).body.data
      expect(oldParent.views.map((view: { id: string }) => view.id)).toContain(newVariant.id)

      const oldForm = form(png('made-old.png'))
      oldForm.append('parentId', parent.id)
      const madeOld = await call({ method: 'POST', path: `${barcelona}/assets`, version: OLD, body: oldForm })
      const oldView = madeOld.body.data.assets[0].views.find((view: { name: string }) => view.name === 'made-old.png')
      const newParent = (await call({ path: `${barcelona}/assets/${parent.id}`, version: NEW })).body.data
      expect(newParent.variants.map((variant: { id: string }) => variant.id)).toContain(oldView.id)
    })
  })
}
