import { describe, expect, it } from 'vitest'
import { MB, barcelona, files, useMockServer } from './support/client.js'
import { expectWorldConsistent } from './support/invariants.js'

const { mock, call } = useMockServer()

async function concurrentUploads(path: string, key: string, count: number, bytes: number) {
  return Promise.all(Array.from({ length: count }, () => call({ method: 'POST', path, key, body: files(1, bytes) })))
}

describe('quotas under concurrent requests', () => {
  it('never overshoots a Free organization 1 MB below its quota', async () => {
    const world = await mock.ready
    const before = world.organizationStorage('acme')
    const bytes = 10_000
    const replies = await concurrentUploads('/organizations/acme/libraries/acme-1/assets', 'pk_acme_write', 1000, bytes)
    const accepted = replies.filter((r) => r.status === 200)
    const refused = replies.filter((r) => r.status !== 200)
    expect(refused.every((r) => r.body.error.code === 'STORAGE_LIMIT_EXCEEDED')).toBe(true)
    expect(accepted).toHaveLength(Math.floor(MB / bytes))
    expect(world.organizationStorage('acme')).toBe(before + accepted.length * bytes)
    expect(world.organizationStorage('acme')).toBeLessThanOrEqual(1024 * MB)
    expectWorldConsistent(world)
  })

  it('never overshoots a temporary library at its cap', async () => {
    const world = await mock.ready
    const drafts = world.library('unclaimed-demo', 'drafts')!
    const before = world.libraryStorage(drafts)
    const replies = await concurrentUploads('/organizations/unclaimed-demo/libraries/drafts/assets', 'pk_unclaimed_demo', 1000, 4096)
    const accepted = replies.filter((r) => r.status === 200).length
    expect(replies.filter((r) => r.status !== 200).every((r) => r.body.error.code === 'EPHEMERAL_STORAGE_LIMIT_EXCEEDED')).toBe(true)
    expect(accepted).toBe(Math.floor(MB / 4096))
    expect(world.libraryStorage(drafts)).toBe(before + accepted * 4096)
    expectWorldConsistent(world)
  })

  it('counts each asset once when the same ids are deleted concurrently', async () => {
    const world = await mock.ready
    const library = world.library('monogram-labs', 'barcelona')!
    const ids = world.visibleAssets(library).slice(0, 10).map((a) => a.id)
    const storageBefore = world.libraryStorage(library)
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => call({ method: 'DELETE', path: `${barcelona}/assets`, json: { ids } })),
    )
    const moved = replies.flatMap((r) => r.body.data.ids as string[])
    expect(moved.sort()).toEqual([...ids].sort())
    expect(world.trashCount(library)).toBe(2 + 10)
    expect(world.visibleAssets(library)).toHaveLength(38)
    expect(world.libraryStorage(library)).toBeLessThan(storageBefore)
    expectWorldConsistent(world)
  })

  it('moves each asset exactly once when transfers race each other', async () => {
    const world = await mock.ready
    const barcelonaLibrary = world.library('monogram-labs', 'barcelona')!
    const ids = world.visibleAssets(barcelonaLibrary).slice(0, 5).map((a) => a.id)
    const storageBefore = world.organizationStorage('monogram-labs')
    const replies = await Promise.all(
      ['tokyo', 'lisbon', 'tokyo', 'lisbon'].map((targetLibraryId) =>
        call({ method: 'POST', path: `${barcelona}/assets/transfer`, json: { targetLibraryId, assetIds: ids } }),
      ),
    )
    // The first transfer takes them all; the others find them gone from barcelona and fail whole.
    expect(replies.map((r) => r.status)).toEqual([200, 404, 404, 404])
    expect(world.visibleAssets(world.library('monogram-labs', 'tokyo')!)).toHaveLength(24 + 5)
    expect(world.organizationStorage('monogram-labs')).toBe(storageBefore)
    expectWorldConsistent(world)
  })
})
