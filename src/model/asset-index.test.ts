import { describe, expect, it } from 'vitest'
import { AssetIndex, isProcessing } from './asset-index.js'
import type { Asset, Library } from './records.js'

const library: Library = { id: 'photos', organizationId: 'org', name: 'Photos', createdAt: 0, position: 0 }
const other: Library = { ...library, id: 'other', position: 1 }

/** A visible main asset of `library`, `created` ms after the epoch, 100 bytes. */
function asset(id: string, created: number, changes: Partial<Asset> = {}): Asset {
  return {
    id,
    organizationId: 'org',
    libraryId: 'photos',
    parentId: null,
    name: `${id}.jpg`,
    description: '',
    tags: [],
    width: 10,
    height: 10,
    contentType: 'image/jpeg',
    size: 100,
    metadata: {},
    blurhash: '',
    source: 'generated:0',
    uploadedBy: 'test',
    created,
    updated: created,
    trashedAt: null,
    processingUntil: null,
    approval: null,
    approvalNote: null,
    ...changes,
  }
}

/** An index on a clock the test moves. */
function indexAt(start: number) {
  const clock = { now: start }
  return { clock, index: new AssetIndex(() => clock.now) }
}

const ids = (assets: readonly Asset[]) => assets.map((item) => item.id)

describe('isProcessing', () => {
  it('is true only while processingUntil is still ahead of the clock', () => {
    expect(isProcessing({ processingUntil: null }, 5)).toBe(false)
    expect(isProcessing({ processingUntil: 6 }, 5)).toBe(true)
    expect(isProcessing({ processingUntil: 5 }, 5)).toBe(false)
    expect(isProcessing({ processingUntil: 4 }, 5)).toBe(false)
  })
})

describe('AssetIndex', () => {
  it('lists a library’s visible main assets newest first, with their tags counted and bytes summed', () => {
    const { index } = indexAt(0)
    index.update([asset('a', 1, { tags: ['beach'] }), asset('b', 3, { tags: ['*beach', 'sun'] }), asset('c', 2), asset('z', 9, { libraryId: 'other' })], [])
    expect(ids(index.visibleAssets(library))).toEqual(['b', 'c', 'a'])
    expect(index.visibleCount(library)).toBe(3)
    expect(ids(index.visibleAssetsPage(library, 1, 3))).toEqual(['c', 'a'])
    expect(index.tagCounts(library)).toEqual(new Map([['beach', 1], ['*beach', 1], ['sun', 1]]))
    expect(index.libraryStorage(library)).toBe(300)
    expect(ids(index.visibleAssets(other))).toEqual(['z'])
    expect(index.visibleAsset(library, 'z')).toBeUndefined()
    expect(index.visibleAsset(library, 'a')?.id).toBe('a')
  })

  it('moves an asset to the trash and back: out of the lists, counts and storage, then in again', () => {
    const { index } = indexAt(0)
    const a = asset('a', 1, { tags: ['beach'] })
    index.update([a, asset('b', 2)], [])
    index.update([{ ...a, trashedAt: 10 }], [])
    expect(ids(index.visibleAssets(library))).toEqual(['b'])
    expect(index.visibleAsset(library, 'a')).toBeUndefined()
    expect(index.trashCount(library)).toBe(1)
    expect(ids(index.trashedAssets(library))).toEqual(['a'])
    expect(index.tagCounts(library)).toEqual(new Map([]))
    expect(index.visibleAssetsWithAnyTag(library, ['beach'], 10)).toEqual([])
    expect(index.libraryStorage(library)).toBe(100)

    index.update([{ ...a, trashedAt: null }], [])
    expect(ids(index.visibleAssets(library))).toEqual(['b', 'a'])
    expect(index.trashCount(library)).toBe(0)
    expect(index.tagCounts(library)).toEqual(new Map([['beach', 1]]))
    expect(index.libraryStorage(library)).toBe(200)
  })

  it('keeps an upload out of the lists until its processing time has passed, counting its bytes all along', () => {
    const { clock, index } = indexAt(1_000)
    index.update([asset('old', 1), asset('upload', 5, { processingUntil: 2_000, tags: ['new'] })], [])
    expect(ids(index.visibleAssets(library))).toEqual(['old'])
    expect(index.visibleAsset(library, 'upload')).toBeUndefined()
    expect(index.asset('upload')?.id).toBe('upload')
    expect(index.libraryStorage(library)).toBe(200)

    clock.now = 1_999
    expect(index.visibleCount(library)).toBe(1)
    clock.now = 2_000
    expect(ids(index.visibleAssets(library))).toEqual(['upload', 'old'])
    expect(ids(index.visibleAssetsWithAnyTag(library, ['new'], 10))).toEqual(['upload'])
    expect(index.libraryStorage(library)).toBe(200)
  })

  it('finishes processing in the layer above a frozen index, leaving the frozen one as it was', () => {
    const clock = { now: 0 }
    const below = new AssetIndex(() => clock.now)
    below.update([asset('upload', 1, { processingUntil: 10 })], [])
    below.freeze()
    const above = new AssetIndex(() => clock.now, below)
    clock.now = 10
    expect(ids(above.visibleAssets(library))).toEqual(['upload'])
    expect(below.visibleAssets(library)).toEqual([])
  })

  it('merges tag lists newest first, taking an asset with several of the tags once, and a generated tag as its bare name', () => {
    const { index } = indexAt(0)
    index.update([asset('a', 1, { tags: ['beach'] }), asset('b', 2, { tags: ['sun', 'beach'] }), asset('c', 3, { tags: ['*sun'] }), asset('d', 4)], [])
    expect(ids(index.visibleAssetsWithAnyTag(library, ['beach', 'sun'], 10))).toEqual(['c', 'b', 'a'])
    expect(ids(index.visibleAssetsWithAnyTag(library, ['beach', 'sun'], 2))).toEqual(['c', 'b'])
    expect(ids(index.visibleAssetsWithAnyTag(library, ['sun'], 10))).toEqual(['c', 'b'])
  })

  it('counts a main asset’s variants in its library’s storage and forgets them with it', () => {
    const { index } = indexAt(0)
    const main = asset('main', 1)
    const view = asset('view', 2, { parentId: 'main', size: 40 })
    index.update([main, view], [])
    expect(ids(index.variantsOf('main'))).toEqual(['view'])
    expect(index.hasVariants('main', [view])).toBe(true)
    expect(index.hasVariants('main', [])).toBe(false)
    expect(ids(index.visibleAssets(library))).toEqual(['main'])
    expect(index.libraryStorage(library)).toBe(140)

    index.update([], ['view', 'main'])
    expect(index.asset('main')).toBeUndefined()
    expect(index.variantsOf('main')).toEqual([])
    expect(index.visibleAssets(library)).toEqual([])
    expect(index.libraryStorage(library)).toBe(0)
  })

  it('builds the same lists from one big write as from writes one at a time', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      asset(`a${String(i).padStart(3, '0')}`, i % 50, { tags: i % 3 ? ['even'] : ['odd'], trashedAt: i % 7 === 0 ? 1 : null }),
    )
    const { index: batch } = indexAt(0)
    batch.update(many, [])
    const { index: single } = indexAt(0)
    for (const item of many) single.update([item], [])
    expect(ids(batch.visibleAssets(library))).toEqual(ids(single.visibleAssets(library)))
    expect(ids(batch.visibleAssetsWithAnyTag(library, ['odd'], 500))).toEqual(ids(single.visibleAssetsWithAnyTag(library, ['odd'], 500)))
    expect(batch.tagCounts(library)).toEqual(single.tagCounts(library))
    expect(batch.trashCount(library)).toBe(29)
    expect(batch.visibleCount(library)).toBe(171)
  })
})
