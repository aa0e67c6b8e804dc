import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as Api from '../src/contract/schemas.js'
import { barcelona, tinyPng, useMockServer, type Call } from './support/client.js'
import { successData as data } from './support/data.js'

/**
 * Issue #15, the domain's part: concurrent writes keep every change (each
 * read-modify-write runs on fresh records in the write section), duplicate
 * search libraries, tag spellings, transfers into a temporary library, file names.
 */
const { call } = useMockServer()
const tokyo = '/organizations/monogram-labs/libraries/tokyo'
const lisbon = '/organizations/monogram-labs/libraries/lisbon'


const all = (count: number, request: (i: number) => Call) => Promise.all(Array.from({ length: count }, (_, i) => call(request(i))))
const png = (name: string) => new File([tinyPng], name, { type: 'image/png' })

function uploadForm(file: File, parentId?: string): FormData {
  const form = new FormData()
  form.append('files', file)
  if (parentId) form.append('parentId', parentId)
  return form
}

async function firstAsset(path: string) {
  return data(await call({ path: `${path}/assets?pageSize=1` }), z.array(Api.Asset))[0]!
}

describe('concurrent writes keep every change (#15.1)', () => {
  it('20 libraries created at once by one key are all in /me and reachable', async () => {
    const replies = await all(20, (i) => ({ method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: `Race ${i}` } }))
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(201))
    const slugs = Array.from({ length: 20 }, (_, i) => `race-${i}`)
    const me = data(await call({ path: '/me' }), Api.Me)
    expect(me.libraries).toEqual(['barcelona', 'tokyo', 'lisbon', ...slugs])
    for (const slug of slugs) {
      expect((await call({ path: `/organizations/monogram-labs/libraries/${slug}/assets` })).status).toBe(200)
    }
  })

  it('anonymous libraries created at once for one email stop at 3', async () => {
    const replies = await all(10, () => ({ method: 'POST', path: '/libraries', key: null, json: { email: 'race@example.com' } }))
    const created = replies.filter((reply) => reply.status === 200)
    expect(created).toHaveLength(3)
    for (const reply of replies.filter((r) => r.status !== 200)) {
      expect(reply.body).toEqual({ error: { code: 'BAD_USER_INPUT', message: 'Too many unclaimed libraries for this email.' } })
    }
    const keys = created.map((reply) => reply.body.data.apiKey as string)
    expect(new Set(keys).size).toBe(3)
    for (const key of keys) expect(data(await call({ path: '/me', key }), Api.Me).libraries).toHaveLength(1)
  })

  it('tags added at once to one asset are all kept, each counted once', async () => {
    const asset = await firstAsset(barcelona)
    const replies = await all(20, (i) => ({ method: 'POST', path: `${barcelona}/assets/tag`, json: { assetIds: [asset.id], tags: [`race-${i}`] } }))
    expect(replies.reduce((sum, reply) => sum + data(reply, Api.TagResult).taggedCount, 0)).toBe(20)
    const tags = data(await call({ path: `${barcelona}/assets/${asset.id}` }), Api.Asset).tags
    expect([...tags].sort()).toEqual([...asset.tags, ...Array.from({ length: 20 }, (_, i) => `race-${i}`)].sort())
  })

  it('tags removed at once from one asset are all gone, each counted once', async () => {
    const asset = await firstAsset(barcelona)
    const replies = await all(asset.tags.length, (i) => ({
      method: 'POST',
      path: `${barcelona}/assets/untag`,
      json: { assetIds: [asset.id], tags: [asset.tags[i]] },
    }))
    expect(replies.reduce((sum, reply) => sum + data(reply, Api.UntagResult).untaggedCount, 0)).toBe(asset.tags.length)
    expect(data(await call({ path: `${barcelona}/assets/${asset.id}` }), Api.Asset).tags).toEqual([])
  })

  it('descriptions written at once with tags keep both', async () => {
    const asset = await firstAsset(barcelona)
    const takes = Array.from({ length: 10 }, (_, i) => `take ${i}`)
    await Promise.all([
      ...takes.map((description) => call({ method: 'PATCH', path: `${barcelona}/assets/${asset.id}/description`, json: { description } })),
      ...takes.map((_, i) => call({ method: 'POST', path: `${barcelona}/assets/tag`, json: { assetIds: [asset.id], tags: [`take-${i}`] } })),
    ])
    const after = data(await call({ path: `${barcelona}/assets/${asset.id}` }), Api.Asset)
    expect(takes).toContain(after.description)
    expect(after.tags).toHaveLength(asset.tags.length + 10)
  })

  it('renames at once leave one of the names, and one library', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `Barcelona ${i}`)
    await all(20, (i) => ({ method: 'PATCH', path: barcelona, json: { name: names[i] } }))
    const libraries = data(await call({ path: '/organizations/monogram-labs/libraries' }), z.array(Api.Library))
    expect(libraries.map((library) => library.id)).toEqual(['barcelona', 'tokyo', 'lisbon'])
    expect(names).toContain(libraries[0]!.name)
  })

  it('variants uploaded at once to one asset are all its views', async () => {
    const asset = await firstAsset(barcelona)
    const replies = await all(10, (i) => ({ method: 'POST', path: `${barcelona}/assets`, body: uploadForm(png(`view-${i}.png`), asset.id) }))
    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(200))
    const views = data(await call({ path: `${barcelona}/assets/${asset.id}` }), Api.Asset).views
    const expected = [...asset.views.map((view) => view.name), ...Array.from({ length: 10 }, (_, i) => `view-${i}.png`)]
    expect(views.map((view) => view.name).sort()).toEqual(expected.sort())
  })

  it('assets deleted and uploaded at once are all where they should be', async () => {
    const assets = data(await call({ path: `${tokyo}/assets?pageSize=10` }), z.array(Api.Asset))
    const replies = await Promise.all([
      ...assets.map((asset) => call({ method: 'DELETE', path: `${tokyo}/assets`, json: { ids: [asset.id] } })),
      ...Array.from({ length: 10 }, (_, i) => call({ method: 'POST', path: `${tokyo}/assets`, body: uploadForm(png(`new-${i}.png`)) })),
    ])
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(200))
    const library = data(await call({ path: '/organizations/monogram-labs/libraries' }), z.array(Api.Library)).find((l) => l.id === 'tokyo')!
    expect([library.assetsCount, library.trashCount]).toEqual([24, 10])
  })

  it('transfers at once of different assets all arrive', async () => {
    const assets = data(await call({ path: `${barcelona}/assets?pageSize=10` }), z.array(Api.Asset))
    const replies = await Promise.all(
      assets.map((asset) => call({ method: 'POST', path: `${barcelona}/assets/transfer`, json: { targetLibraryId: 'lisbon', assetIds: [asset.id] } })),
    )
    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(200))
    const moved = data(await call({ path: `${lisbon}/assets?pageSize=50` }), z.array(Api.Asset)).map((asset) => asset.id)
    expect(moved.sort()).toEqual(assets.map((asset) => asset.id).sort())
  })
})

describe('search over repeated libraries (#15.5)', () => {
  it('counts each library once', async () => {
    const once = data(await call({ path: '/organizations/monogram-labs/search/assets?libraries=tokyo&pageSize=100' }), Api.SearchResult)
    const thrice = data(await call({ path: '/organizations/monogram-labs/search/assets?libraries=tokyo,tokyo,tokyo&pageSize=100' }), Api.SearchResult)
    expect(once.found).toBe(24)
    expect(thrice.found).toBe(24)
    expect(thrice.hits.map((hit) => hit.id)).toEqual(once.hits.map((hit) => hit.id))
  })
})

describe('tag spellings (#15.6)', () => {
  const tag = (assetId: string, tags: unknown[], action = 'tag') =>
    call({ method: 'POST', path: `${barcelona}/assets/${action}`, json: { assetIds: [assetId], tags } })

  it.each([
    ['*', 0],
    ['**', 0],
    [' * ', 0],
    ['*  ', 0],
  ])('refuses %j, which is empty without its *', async (spelling, index) => {
    const asset = await firstAsset(barcelona)
    for (const action of ['tag', 'untag']) {
      const reply = await tag(asset.id, [spelling], action)
      expect(reply.status).toBe(400)
      expect(reply.body.error).toEqual({
        code: 'BAD_USER_INPUT',
        message: `tags[${index}] must not be empty: a tag needs a character other than "*" and spaces.`,
      })
    }
    expect(data(await call({ path: `${barcelona}/assets/${asset.id}` }), Api.Asset).tags).toEqual(asset.tags)
  })

  it('refuses an empty or whitespace-only tag', async () => {
    const asset = await firstAsset(barcelona)
    for (const spelling of ['', '   ']) {
      const reply = await tag(asset.id, ['fine', spelling])
      expect(reply.body.error).toEqual({ code: 'BAD_USER_INPUT', message: 'tags[1] must not be empty.' })
    }
  })

  it('refuses a tag with a comma, which could never be filtered on', async () => {
    const asset = await firstAsset(barcelona)
    const reply = await tag(asset.id, ['ok', 'salt,pepper'])
    expect(reply.status).toBe(400)
    expect(reply.body.error).toEqual({ code: 'BAD_USER_INPUT', message: 'tags[1] must not contain a comma: commas separate the tags of a filter.' })
    expect(data(await call({ path: `${barcelona}/assets/${asset.id}` }), Api.Asset).tags).toEqual(asset.tags)
  })

  it('stores "*  spaced" as "spaced", which a filter then finds', async () => {
    const asset = await firstAsset(barcelona)
    expect(data(await tag(asset.id, ['*  spaced']), Api.TagResult)).toEqual({ taggedCount: 1 })
    expect(data(await call({ path: `${barcelona}/assets/${asset.id}` }), Api.Asset).tags).toEqual([...asset.tags, 'spaced'])
    const filtered = data(await call({ path: `${barcelona}/assets?tags=spaced` }), z.array(Api.Asset))
    expect(filtered.map((a) => a.id)).toEqual([asset.id])
  })
})

describe('tag spellings, generated (#15.6)', () => {
  /** Stars, spaces, commas and letters, in any order: the spellings the adversarial pass found. */
  const spelling = fc
    .array(fc.constantFrom('*', ' ', ',', 'a', 'B', 'é', '\t'), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.join(''))

  it('either stores the tag without its leading stars and spaces, findable by a filter, or refuses it and stores nothing', async () => {
    const asset = await firstAsset(tokyo)
    await fc.assert(
      fc.asyncProperty(spelling, async (sent) => {
        const reply = await call({ method: 'POST', path: `${tokyo}/assets/tag`, json: { assetIds: [asset.id], tags: [sent] } })
        const stored = sent.replace(/^[\s*]+/, '').trimEnd()
        if (stored === '' || stored.includes(',')) {
          expect(reply.status, reply.text).toBe(400)
          expect(reply.body.error.code).toBe('BAD_USER_INPUT')
          expect(reply.body.error.message).toMatch(/^tags\[0\] must not (be empty|contain a comma)/)
          return
        }
        expect(reply.status, reply.text).toBe(200)
        expect(data(await call({ path: `${tokyo}/assets/${asset.id}` }), Api.Asset).tags).toContain(stored)
        const filtered = data(await call({ path: `${tokyo}/assets?pageSize=500&tags=${encodeURIComponent(stored)}` }), z.array(Api.Asset))
        expect(filtered.map((a) => a.id)).toContain(asset.id)
      }),
      { numRuns: 60 },
    )
    // Nothing refused was stored: every tag of the asset is a non-empty tag without a comma or a leading star.
    for (const tag of data(await call({ path: `${tokyo}/assets/${asset.id}` }), Api.Asset).tags) expect(tag).toMatch(/^[^*\s,][^,]*$/)
  })
})

describe('transfers into a temporary library (#15.7)', () => {
  const inScenario = (scenario: string, request: Call) => call({ ...request, headers: { 'X-Mock-Scenario': scenario } })
  const transfer = (assetIds: string[]) => ({ method: 'POST', path: `${tokyo}/assets/transfer`, json: { targetLibraryId: 'barcelona', assetIds } })

  it('are refused beyond its storage cap, moving nothing', async () => {
    // ephemeral-full: barcelona of a temporary organization holds exactly its 100 MB.
    const [asset] = data(await inScenario('ephemeral-full', { path: `${tokyo}/assets?pageSize=1` }), z.array(Api.Asset))
    const reply = await inScenario('ephemeral-full', transfer([asset!.id]))
    expect(reply.status).toBe(403)
    expect(reply.body).toEqual({
      error: {
        code: 'EPHEMERAL_STORAGE_LIMIT_EXCEEDED',
        message: 'This temporary library has reached its storage limit. Claim it to a Raster account to keep uploading.',
      },
    })
    expect((await inScenario('ephemeral-full', { path: `${tokyo}/assets/${asset!.id}` })).status).toBe(200)
  })

  it('are accepted within it', async () => {
    // ephemeral: barcelona holds 50 MB, and a tokyo asset is at most 12 MB.
    const [asset] = data(await inScenario('ephemeral', { path: `${tokyo}/assets?pageSize=1` }), z.array(Api.Asset))
    expect(data(await inScenario('ephemeral', transfer([asset!.id])), Api.TransferResult).transferredCount).toBe(1)
  })
})

describe('upload file names (#15.11)', () => {
  it('are refused beyond 255 bytes of UTF-8, storing nothing', async () => {
    const name = `${'é'.repeat(126)}.png` // 252 + 4 bytes
    const reply = await call({ method: 'POST', path: `${lisbon}/assets`, body: uploadForm(png(name)) })
    expect(reply.status).toBe(400)
    expect(reply.body.error).toEqual({ code: 'BAD_USER_INPUT', message: 'files[0] has a name longer than 255 bytes.' })
    expect(data(await call({ path: `${lisbon}/assets` }), z.array(Api.Asset))).toEqual([])
  })

  it('are accepted up to 255 bytes', async () => {
    const name = `${'a'.repeat(251)}.png`
    const [asset] = data(await call({ method: 'POST', path: `${lisbon}/assets`, body: uploadForm(png(name)) }), Api.UploadResult).assets
    expect(asset!.name).toBe(name)
  })
})
