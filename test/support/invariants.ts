import { expect } from 'vitest'
import type { World } from '../../src/model/world.js'

/**
 * What must hold in any world after any request: the indexes agree with the
 * records (storage, counts, tag counts, the tag filter's lists) and every asset has a library.
 */
export function expectWorldConsistent(world: World): void {
  const records = world.toRecords()
  const byId = new Map(records.assets.map((asset) => [asset.id, asset]))
  for (const library of records.libraries) {
    const mains = records.assets.filter((a) => a.parentId === null && a.organizationId === library.organizationId && a.libraryId === library.id)
    const live = mains.filter((a) => a.trashedAt === null)
    const liveBytes = live.reduce(
      (sum, asset) => sum + asset.size + records.assets.filter((v) => v.parentId === asset.id).reduce((s, v) => s + v.size, 0),
      0,
    )
    const where = `${library.organizationId}/${library.id}`
    expect(world.libraryStorage(library), `storage of ${where}`).toBe(liveBytes)
    expect(world.trashCount(library), `trash of ${where}`).toBe(mains.length - live.length)
    const visible = live.filter((a) => a.processingUntil === null || a.processingUntil <= Date.now())
    expect(world.visibleAssets(library).map((a) => a.id).sort(), `visible of ${where}`).toEqual(visible.map((a) => a.id).sort())
    const tagCounts = new Map<string, number>()
    for (const asset of visible) for (const tag of asset.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1)
    expect(new Map(world.tagCounts(library)), `tags of ${where}`).toEqual(tagCounts)
    // The tag filter's lists: a generated tag (`*sky`) is filtered as `sky`; newest first, ties by id.
    const newestFirst = [...visible].sort((a, b) => b.created - a.created || (a.id < b.id ? -1 : 1))
    const clientTag = (stored: string) => stored.replace(/^\*/, '')
    for (const tag of new Set([...tagCounts.keys()].map(clientTag))) {
      const tagged = newestFirst.filter((a) => a.tags.map(clientTag).includes(tag))
      expect(world.visibleAssetsWithAnyTag(library, [tag], Infinity).map((a) => a.id), `tag ${tag} of ${where}`).toEqual(tagged.map((a) => a.id))
    }
  }
  const libraries = new Set(records.libraries.map((l) => `${l.organizationId}/${l.id}`))
  for (const asset of records.assets) {
    expect(libraries.has(`${asset.organizationId}/${asset.libraryId}`), `library of ${asset.id}`).toBe(true)
    if (asset.parentId !== null) expect(byId.get(asset.parentId)?.libraryId, `variant ${asset.id} follows its parent`).toBe(asset.libraryId)
  }
}
