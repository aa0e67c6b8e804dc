import { decode, isBlurhashValid } from 'blurhash'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { GB, MB, defaultLimits } from '../src/config.js'
import * as Api from '../src/contract/schemas.js'
import { fixture, seedWorld } from '../src/model/seed.js'
import { World } from '../src/model/world.js'
import { isLocked } from '../src/pipeline/steps.js'
import { barcelona, useMockServer } from './support/client.js'

describe('variants', () => {
  it('hasVariants says whether records are the variants as they are now, on a layer as on its base', async () => {
    const base = (await World.load(seedWorld())).freeze()
    const layer = base.fork()
    const parent = layer.allAssets().find((asset) => layer.variantsOf(asset.id).length > 1)!
    const variants = layer.variantsOf(parent.id)
    expect(layer.hasVariants(parent.id, variants)).toBe(true)
    expect(layer.hasVariants(parent.id, variants.slice(1))).toBe(false)
    expect(layer.hasVariants(parent.id, [...variants].reverse())).toBe(false)
    const plain = layer.allAssets().find((asset) => asset.parentId === null && layer.variantsOf(asset.id).length === 0)!
    expect(layer.hasVariants(plain.id, [])).toBe(true)
    expect(layer.hasVariants(plain.id, variants)).toBe(false)

    await layer.updateAsset(variants[0]!, { name: 'renamed.png' })
    expect(layer.hasVariants(parent.id, variants)).toBe(false)
    expect(layer.hasVariants(parent.id, layer.variantsOf(parent.id))).toBe(true)
    expect(base.hasVariants(parent.id, variants)).toBe(true)
  })
})

describe('seeding', () => {
  it('gives the same world for the same seed, byte for byte, and another for another seed', async () => {
    expect(JSON.stringify(seedWorld(7))).toBe(JSON.stringify(seedWorld(7)))
    const [a, b] = await Promise.all([World.load(seedWorld(7)), World.load(seedWorld(7))])
    expect(JSON.stringify(a.toRecords())).toBe(JSON.stringify(b.toRecords()))
    const other = seedWorld(8)
    expect(other.assets.map((x) => x.id)).not.toEqual(seedWorld(7).assets.map((x) => x.id))
    expect(other.keys).toEqual(seedWorld(7).keys)
  })

  it('builds exactly the fixture world of the contract', async () => {
    const world = await World.load(seedWorld())
    const library = (org: string, id: string) => world.library(org, id)!
    const visible = (org: string, id: string) => world.visibleAssets(library(org, id)).length
    expect(world.allOrganizations().map((o) => [o.id, o.plan, o.planStatus, o.temporary])).toEqual([
      ['monogram-labs', 'pro', 'active', false],
      ['acme', 'free', 'active', false],
      ['northwind', 'pro', 'canceled', false],
      ['unclaimed-demo', 'free', 'active', true],
    ])
    expect(world.librariesOf('monogram-labs').map((l) => l.id)).toEqual(['barcelona', 'tokyo', 'lisbon'])
    expect([visible('monogram-labs', 'barcelona'), world.trashCount(library('monogram-labs', 'barcelona'))]).toEqual([48, 2])
    expect(world.visibleAssets(library('monogram-labs', 'barcelona')).some((a) => world.variantsOf(a.id).length > 0)).toBe(true)
    expect(visible('monogram-labs', 'tokyo')).toBe(24)
    expect(visible('monogram-labs', 'lisbon')).toBe(0)
    expect(visible('northwind', 'northwind-main')).toBe(12)
    expect(world.organizationStorage('acme')).toBe(GB - MB)
    expect(world.libraryStorage(library('unclaimed-demo', 'drafts'))).toBe(100 * MB - MB)
    const acme = world.organization('acme')!
    expect(world.librariesOf('acme').map((l) => isLocked(acme, l, defaultLimits.freePlanLibraries))).toEqual([false, false, false, true])
    expect(world.key(fixture.keys.monogramRead)!.grants).toEqual({ barcelona: 'read', tokyo: 'read', lisbon: 'read' })
    expect(world.key(fixture.keys.monogramTokyo)!.grants).toEqual({ tokyo: 'write' })
  })

  it('keeps its records in @msw/data collections', async () => {
    const world = await World.load(seedWorld())
    expect(world.assets.count()).toBe(seedWorld().assets.length)
    expect(world.libraries.findFirst((q) => q.where({ id: 'tokyo' }))?.organizationId).toBe('monogram-labs')
  })
})

describe('bulk loading and the tag index', () => {
  const tagSets = [['beach'], ['beach', 'outdoor'], ['food', 'night', 'sky'], ['no-such-tag']]
  const filtered = (world: World, tags: string[]) => {
    const library = world.library('monogram-labs', 'barcelona')!
    return world.visibleAssets(library).filter((asset) => asset.tags.some((tag) => tags.includes(tag.replace(/^\*/, ''))))
  }
  const expectIndexMatchesFilter = (world: World) => {
    const library = world.library('monogram-labs', 'barcelona')!
    for (const tags of tagSets) {
      expect(world.visibleAssetsWithAnyTag(library, tags, 1000).map((a) => a.id)).toEqual(filtered(world, tags).map((a) => a.id))
      expect(world.visibleAssetsWithAnyTag(library, tags, 3)).toEqual(filtered(world, tags).slice(0, 3))
    }
  }

  it('keeps records loaded in bulk updatable through their collection', async () => {
    const world = await World.load(seedWorld())
    const asset = world.visibleAssets(world.library('monogram-labs', 'barcelona')!)[5]!
    await world.updateAsset(asset, { description: 'changed' })
    expect(world.assets.findFirst((q) => q.where({ id: asset.id }))?.description).toBe('changed')
    expect(world.assets.count()).toBe(seedWorld().assets.length)
  })

  it('indexes tags exactly as filtering the library would, through writes', async () => {
    const world = await World.load(seedWorld())
    expectIndexMatchesFilter(world)
    const [first, second, third] = world.visibleAssets(world.library('monogram-labs', 'barcelona')!)
    await world.updateAsset(first!, { tags: ['beach', '*sky'] })
    await world.updateAsset(second!, { tags: [] })
    await world.updateAsset(third!, { trashedAt: 1 })
    expectIndexMatchesFilter(world)
  })

  it('gives the same indexes whether assets are loaded with the world or inserted in bulk later', async () => {
    const seeded = seedWorld()
    const barcelona = (asset: { libraryId: string }) => asset.libraryId === 'barcelona'
    const later = await World.load({ ...seeded, assets: seeded.assets.filter((asset) => !barcelona(asset)) })
    await later.insertAssets(seeded.assets.filter(barcelona))
    const whole = await World.load(seedWorld())
    const library = whole.library('monogram-labs', 'barcelona')!
    expect(later.visibleAssets(library)).toEqual(whole.visibleAssets(library))
    expect([...later.tagCounts(library)]).toEqual([...whole.tagCounts(library)])
    expect(later.libraryStorage(library)).toBe(whole.libraryStorage(library))
    expectIndexMatchesFilter(later)
  })
})

describe('reset', () => {
  const { mock, call } = useMockServer()

  it('restores the seeded world after writes', async () => {
    const seeded = (await mock.ready).toRecords()
    await call({ method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'Temp' } })
    await call({ method: 'DELETE', path: `${barcelona}/assets`, json: { ids: [seeded.assets.find((a) => a.libraryId === 'barcelona' && a.trashedAt === null && a.parentId === null)!.id] } })
    expect(mock.db.toRecords()).not.toEqual(seeded)
    await mock.reset()
    expect(JSON.stringify(mock.db.toRecords())).toBe(JSON.stringify(seeded))
  })
})

describe('images', () => {
  const { call } = useMockServer()

  // The bytes, type and dimensions of every image URL are checked in cdn.test.ts.

  it('gives blurhashes that decode', async () => {
    const assets = Api.dataEnvelope(z.array(Api.Asset)).parse((await call({ path: `${barcelona}/assets?pageSize=10` })).body).data
    for (const asset of assets) {
      expect(isBlurhashValid(asset.blurhash!).result).toBe(true)
      const pixels = decode(asset.blurhash!, 8, 6)
      expect(pixels).toHaveLength(8 * 6 * 4)
      expect(pixels.some((value, i) => i % 4 !== 3 && value > 0)).toBe(true)
    }
  })

  it('answers 404 for an image that cannot exist', async () => {
    expect((await fetch('https://cdn.raster.app/g/999/10x10/x.svg')).status).toBe(404)
    expect((await fetch('https://cdn.raster.app/f/unknown/x.png')).status).toBe(404)
  })
})
