import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as Api from '../src/contract/schemas.js'
import { MB, barcelona, files, tinyPng, useMockServer } from './support/client.js'

const { mock, call } = useMockServer()

/** Asserts a success response: status, headers, and the `{data}` envelope matching the contract's schema field by field. */
function expectData<T extends z.ZodType>(reply: Awaited<ReturnType<typeof call>>, schema: T, status = 200): z.infer<T> {
  expect(reply.status, reply.text).toBe(status)
  expect(reply.headers.get('Content-Type')).toMatch(/^application\/json/)
  expect(reply.headers.get('Vary')).toBe('Api-Version')
  return (Api.dataEnvelope(schema).parse(reply.body) as { data: z.infer<T> }).data
}

const upload = (path: string, form: FormData, key?: string) => call({ method: 'POST', path, body: form, key })

function pngForm(name = 'photo.png', bytes: Uint8Array<ArrayBuffer> = tinyPng): FormData {
  const form = new FormData()
  form.append('files', new File([bytes], name, { type: 'image/png' }))
  return form
}

describe('GET /me', () => {
  it('describes the key: organization, plan and the libraries it reaches', async () => {
    expect(expectData(await call({ path: '/me' }), Api.Me)).toEqual({
      organizationId: 'monogram-labs',
      organizationName: 'Monogram Labs',
      plan: 'pro',
      libraries: ['barcelona', 'tokyo', 'lisbon'],
    })
    expect(expectData(await call({ path: '/me', key: 'pk_monogram_tokyo' }), Api.Me).libraries).toEqual(['tokyo'])
    expect(expectData(await call({ path: '/me', key: 'pk_acme_write' }), Api.Me).plan).toBe('free')
  })
})

describe('libraries', () => {
  it('lists the libraries the key can reach, in creation order, with counts and tags', async () => {
    const libraries = expectData(await call({ path: '/organizations/monogram-labs/libraries' }), z.array(Api.Library))
    expect(libraries.map((l) => [l.id, l.assetsCount, l.trashCount])).toEqual([
      ['barcelona', 48, 2],
      ['tokyo', 24, 0],
      ['lisbon', 0, 0],
    ])
    expect(libraries[0]!.photosCount).toBe(48)
    const counts = libraries[0]!.tags.map((tag) => tag.count)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    const only = expectData(await call({ path: '/organizations/monogram-labs/libraries', key: 'pk_monogram_tokyo' }), z.array(Api.Library))
    expect(only.map((l) => l.id)).toEqual(['tokyo'])
  })

  it('pages the list from 1', async () => {
    const page2 = expectData(await call({ path: '/organizations/monogram-labs/libraries?page=2&pageSize=2' }), z.array(Api.Library))
    expect(page2.map((l) => l.id)).toEqual(['lisbon'])
  })

  it('creates a library (201) that the creating key can then write to', async () => {
    const created = expectData(
      await call({ method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'Porto Trip' } }),
      Api.Library,
      201,
    )
    expect(created).toEqual({ id: 'porto-trip', name: 'Porto Trip', assetsCount: 0, photosCount: 0, trashCount: 0, tags: [] })
    expect(expectData(await call({ path: '/me' }), Api.Me).libraries).toContain('porto-trip')
    expect((await upload('/organizations/monogram-labs/libraries/porto-trip/assets', pngForm())).status).toBe(200)
  })

  it('locks a fourth library created on the Free plan', async () => {
    const acme = '/organizations/acme/libraries'
    // acme already has four libraries; a fifth is past the first three too.
    await call({ method: 'POST', path: acme, key: 'pk_acme_write', json: { name: 'Fifth', slug: 'acme-5' } })
    const reply = await call({ path: `${acme}/acme-5/assets`, key: 'pk_acme_write' })
    expect(reply.body.error.code).toBe('LIBRARY_LOCKED')
  })

  it('renames a library', async () => {
    const renamed = expectData(await call({ method: 'PATCH', path: barcelona, json: { name: 'BCN' } }), Api.Library)
    expect(renamed.name).toBe('BCN')
    expect(renamed.id).toBe('barcelona')
  })

  it('lists tags by count, with the leading * of generated tags stripped', async () => {
    const tags = expectData(await call({ path: `${barcelona}/tags` }), z.array(Api.Tag))
    expect(tags.length).toBeGreaterThan(5)
    expect(tags.every((tag) => !tag.id.startsWith('*'))).toBe(true)
    expect(tags.some((tag) => tag.type === 'ai') && tags.some((tag) => tag.type === 'user')).toBe(true)
    expect(tags.map((t) => t.count)).toEqual(tags.map((t) => t.count).sort((a, b) => b - a))
    expect(expectData(await call({ path: `${barcelona}/tags?limit=2` }), z.array(Api.Tag))).toEqual(tags.slice(0, 2))
  })
})

describe('assets', () => {
  it('lists 48 visible barcelona assets, newest first, paged from 1 with pageSize up to 500', async () => {
    const all = expectData(await call({ path: `${barcelona}/assets?pageSize=500` }), z.array(Api.Asset))
    expect(all).toHaveLength(48)
    expect(all.map((a) => a.created)).toEqual(all.map((a) => a.created).sort((a, b) => (b ?? 0) - (a ?? 0))) // older assets (created null) last
    const defaultPage = expectData(await call({ path: `${barcelona}/assets` }), z.array(Api.Asset))
    expect(defaultPage).toHaveLength(48)
    const page2 = expectData(await call({ path: `${barcelona}/assets?page=2&pageSize=10` }), z.array(Api.Asset))
    expect(page2).toEqual(all.slice(10, 20))
    expect(expectData(await call({ path: `${barcelona}/assets?page=99` }), z.array(Api.Asset))).toEqual([])
  })

  it('filters by tags, comma-separated or repeated, any of them matching', async () => {
    const all = expectData(await call({ path: `${barcelona}/assets?pageSize=500` }), z.array(Api.Asset))
    const expected = all.filter((a) => a.tags.includes('beach') || a.tags.includes('night'))
    expect(expected.length).toBeGreaterThan(0)
    const comma = expectData(await call({ path: `${barcelona}/assets?pageSize=500&tags=beach,night` }), z.array(Api.Asset))
    const repeated = expectData(await call({ path: `${barcelona}/assets?pageSize=500&tags=beach&tags=night` }), z.array(Api.Asset))
    expect(comma).toEqual(expected)
    expect(repeated).toEqual(expected)
    const beach = all.filter((a) => a.tags.includes('beach'))
    expect(beach.length).toBeGreaterThan(3)
    expect(expectData(await call({ path: `${barcelona}/assets?page=2&pageSize=2&tags=beach` }), z.array(Api.Asset))).toEqual(beach.slice(2, 4))
    expect(expectData(await call({ path: `${barcelona}/assets?page=2&pageSize=2&tags=beach,night` }), z.array(Api.Asset))).toEqual(expected.slice(2, 4))
  })

  it('gets one asset, with its variants as views', async () => {
    const all = expectData(await call({ path: `${barcelona}/assets?pageSize=500` }), z.array(Api.Asset))
    const withViews = all.find((a) => a.views.length > 0)!
    expect(withViews).toBeDefined()
    expect(withViews.views.every((view) => view.parentId === withViews.id)).toBe(true)
    expect(expectData(await call({ path: `${barcelona}/assets/${withViews.id}` }), Api.Asset)).toEqual(withViews)
  })

  it('does not show an asset of another library, or a trashed one', async () => {
    const tokyo = expectData(await call({ path: '/organizations/monogram-labs/libraries/tokyo/assets?pageSize=1' }), z.array(Api.Asset))
    expect((await call({ path: `${barcelona}/assets/${tokyo[0]!.id}` })).body.error.code).toBe('RESOURCE_NOT_FOUND')
    const trashed = mock.db.allAssets().find((asset) => asset.libraryId === 'barcelona' && asset.trashedAt !== null)!
    expect((await call({ path: `${barcelona}/assets/${trashed.id}` })).body.error.code).toBe('RESOURCE_NOT_FOUND')
  })

  it('searches name, description and tags, highlighting matches', async () => {
    const result = expectData(await call({ path: '/organizations/monogram-labs/search/assets?q=beach' }), Api.SearchResult)
    expect(result.found).toBeGreaterThan(0)
    expect(result.page).toBe(1)
    for (const hit of result.hits) {
      expect(hit.highlights?.tags).toContain('<mark>beach</mark>')
      expect(hit.score).toBeGreaterThan(0)
    }
    const scores = result.hits.map((h) => h.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })

  it('returns recent assets for an empty query, limited to the libraries asked for', async () => {
    const result = expectData(
      await call({ path: '/organizations/monogram-labs/search/assets?libraries=tokyo&pageSize=5' }),
      Api.SearchResult,
    )
    expect(result.found).toBe(24)
    expect(result.hits).toHaveLength(5)
    expect(result.hits.every((hit) => hit.libraryId === 'tokyo')).toBe(true)
    const scoped = await call({ path: '/organizations/monogram-labs/search/assets?libraries=barcelona', key: 'pk_monogram_tokyo' })
    expect(scoped.body.error.code).toBe('API_KEY_NOT_AUTHORIZED_FOR_LIBRARY')
  })
})

describe('writes', () => {
  it('uploads: listed, fetched, bytes kept, dimensions read; then deleted to trash and storage freed', async () => {
    const storageBefore = mock.db.organizationStorage('monogram-labs')
    const uploaded = expectData(await upload(`${barcelona}/assets`, pngForm('new.png')), Api.UploadResult)
    expect(uploaded.responseText).toBe('Uploaded 1 asset')
    const [asset] = uploaded.assets
    expect(asset).toMatchObject({ name: 'new.png', width: 3, height: 2, size: tinyPng.byteLength, contentType: 'image/png', libraryId: 'barcelona' })
    expect(mock.db.organizationStorage('monogram-labs')).toBe(storageBefore + tinyPng.byteLength)

    const list = expectData(await call({ path: `${barcelona}/assets?pageSize=1` }), z.array(Api.Asset))
    expect(list[0]!.id).toBe(asset!.id)
    expect(expectData(await call({ path: `${barcelona}/assets/${asset!.id}` }), Api.Asset)).toEqual(asset)
    expect(new Uint8Array(await (await fetch(asset!.url)).arrayBuffer())).toEqual(tinyPng)

    const deleted = expectData(await call({ method: 'DELETE', path: `${barcelona}/assets`, json: { ids: [asset!.id] } }), Api.DeleteResult)
    expect(deleted).toEqual({ success: true, message: 'Moved 1 asset to trash', ids: [asset!.id] })
    const again = expectData(await call({ method: 'DELETE', path: `${barcelona}/assets`, json: { ids: [asset!.id] } }), Api.DeleteResult)
    expect(again).toEqual({ success: true, message: 'Moved 0 assets to trash', ids: [] })
    expect((await call({ path: `${barcelona}/assets/${asset!.id}` })).status).toBe(404)
    const library = expectData(await call({ path: '/organizations/monogram-labs/libraries?pageSize=1' }), z.array(Api.Library))[0]!
    expect([library.assetsCount, library.trashCount]).toEqual([48, 3])
    expect(mock.db.organizationStorage('monogram-labs')).toBe(storageBefore)
  })

  it('uploads up to 20 files in one call', async () => {
    const uploaded = expectData(await upload(`${barcelona}/assets`, files(20)), Api.UploadResult)
    expect(uploaded.assets).toHaveLength(20)
    expect(uploaded.responseText).toBe('Uploaded 20 assets')
  })

  it('uploads a variant with parentId and returns the parent with the new view', async () => {
    const [parent] = expectData(await call({ path: `${barcelona}/assets?pageSize=1` }), z.array(Api.Asset))
    const form = pngForm('crop.png')
    form.append('parentId', parent!.id)
    const uploaded = expectData(await upload(`${barcelona}/assets`, form), Api.UploadResult)
    expect(uploaded.assets.map((a) => a.id)).toEqual([parent!.id])
    expect(uploaded.assets[0]!.views.at(-1)).toMatchObject({ name: 'crop.png', parentId: parent!.id, width: 3, height: 2, type: 'variant' })
    const listed = expectData(await call({ path: `${barcelona}/assets?pageSize=500` }), z.array(Api.Asset))
    expect(listed).toHaveLength(48)
  })

  it('counts quota to the byte: a Free org can fill its last MB exactly, not one byte more', async () => {
    const acme1 = '/organizations/acme/libraries/acme-1/assets'
    expect((await upload(acme1, files(1, MB), 'pk_acme_write')).status).toBe(200)
    expect(mock.db.organizationStorage('acme')).toBe(1024 * MB)
    const over = await upload(acme1, files(1, 1), 'pk_acme_write')
    expect(over.body.error.code).toBe('STORAGE_LIMIT_EXCEEDED')
  })

  it('fills a temporary library to its cap exactly', async () => {
    const drafts = '/organizations/unclaimed-demo/libraries/drafts/assets'
    expect((await upload(drafts, files(2, MB / 2), 'pk_unclaimed_demo')).status).toBe(200)
    expect((await upload(drafts, files(1, 1), 'pk_unclaimed_demo')).body.error.code).toBe('EPHEMERAL_STORAGE_LIMIT_EXCEEDED')
  })

  it('tags and untags, ignoring tags already there', async () => {
    const [a, b] = expectData(await call({ path: `${barcelona}/assets?pageSize=2` }), z.array(Api.Asset))
    const tagged = await call({ method: 'POST', path: `${barcelona}/assets/tag`, json: { assetIds: [a!.id, b!.id], tags: ['launch', 'q3'] } })
    // (asset, tag) pairs added: 2 assets × 2 new tags.
    expect(expectData(tagged, Api.TagResult)).toEqual({ taggedCount: 4 })
    const after = expectData(await call({ path: `${barcelona}/assets/${a!.id}` }), Api.Asset)
    expect(after.tags).toEqual([...a!.tags, 'launch', 'q3'])
    const tags = expectData(await call({ path: `${barcelona}/tags` }), z.array(Api.Tag))
    expect(tags.find((t) => t.id === 'launch')).toEqual({ id: 'launch', count: 2, type: 'user' })

    const untagged = await call({ method: 'POST', path: `${barcelona}/assets/untag`, json: { assetIds: [a!.id, b!.id], tags: ['q3'] } })
    expect(expectData(untagged, Api.UntagResult)).toEqual({ untaggedCount: 2 })
    expect(expectData(await call({ path: `${barcelona}/assets/${a!.id}` }), Api.Asset).tags).toEqual([...a!.tags, 'launch'])
  })

  it('sets and clears a description', async () => {
    const [asset] = expectData(await call({ path: `${barcelona}/assets?pageSize=1` }), z.array(Api.Asset))
    const path = `${barcelona}/assets/${asset!.id}/description`
    expect(expectData(await call({ method: 'PATCH', path, json: { description: 'Golden hour' } }), Api.DescriptionResult)).toEqual({
      assetId: asset!.id,
      description: 'Golden hour',
    })
    expect(expectData(await call({ path: `${barcelona}/assets/${asset!.id}` }), Api.Asset).description).toBe('Golden hour')
    expect(expectData(await call({ method: 'PATCH', path, json: { description: '' } }), Api.DescriptionResult).description).toBe('')
  })

  it('transfers assets, with their variants, to another library of the organization', async () => {
    const all = expectData(await call({ path: `${barcelona}/assets?pageSize=500` }), z.array(Api.Asset))
    const moving = all.filter((a) => a.views.length > 0).slice(0, 2)
    const reply = await call({ method: 'POST', path: `${barcelona}/assets/transfer`, json: { targetLibraryId: 'lisbon', assetIds: moving.map((a) => a.id) } })
    expect(expectData(reply, Api.TransferResult)).toEqual({ transferredCount: 2, sourceLibraryId: 'barcelona', targetLibraryId: 'lisbon' })
    const lisbon = expectData(await call({ path: '/organizations/monogram-labs/libraries/lisbon/assets' }), z.array(Api.Asset))
    expect(lisbon.map((a) => a.id).sort()).toEqual(moving.map((a) => a.id).sort())
    expect(lisbon.every((a) => a.libraryId === 'lisbon' && a.views.length > 0)).toBe(true)
    expect(expectData(await call({ path: `${barcelona}/assets?pageSize=500` }), z.array(Api.Asset))).toHaveLength(46)
  })

  it('creates an anonymous temporary library whose key works, at most 3 per email', async () => {
    const created = expectData(
      await call({ method: 'POST', path: '/libraries', key: null, json: { email: 'new@example.com', name: 'Moodboard' } }),
      Api.AnonymousLibrary,
    )
    expect(created.libraryId).toBe('moodboard')
    expect(created.claimUrl).toMatch(/^https:\/\/raster\.app\/claim\/\w+$/)
    expect(Date.parse(created.expiresAt) - mock.clock.now()).toBeGreaterThan(29.9 * 24 * 3600 * 1000)
    expect(created.emailSent).toBe(true)
    const me = expectData(await call({ path: '/me', key: created.apiKey }), Api.Me)
    expect(me).toMatchObject({ organizationId: created.organizationId, plan: 'free', libraries: ['moodboard'] })

    const another = () => call({ method: 'POST', path: '/libraries', key: null, json: { email: 'NEW@example.com' } })
    expect((await another()).status).toBe(200)
    expect((await another()).status).toBe(200)
    const fourth = await another()
    expect(fourth.status).toBe(400)
    expect(fourth.body.error).toEqual({ code: 'BAD_USER_INPUT', message: 'Too many unclaimed libraries for this email.' })
    // The fixture's unclaimed-demo already holds one for its email.
    expect((await call({ method: 'POST', path: '/libraries', key: null, json: { email: 'demo@example.com' } })).status).toBe(200)
  })
})
