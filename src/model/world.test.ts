import { describe, expect, it } from 'vitest'
import { World } from './world.js'

const empty = { organizations: [], libraries: [], keys: [], assets: [], sequence: 0 }

describe('World', () => {
  it('offers the factories as its methods, on a loaded world and on its forks', async () => {
    const world = await World.load(empty, () => 1_000)
    await world.createOrganization({ id: 'our-org', plan: 'free' })
    await world.createLibrary({ organizationId: 'our-org', id: 'logos' })
    const key = await world.createKey({ id: 'pk_our_write', organizationId: 'our-org', grants: { logos: 'write' } })
    const logo = await world.createAsset({ organizationId: 'our-org', libraryId: 'logos', name: 'logo.png', contentType: 'image/png', tags: ['logo'] })
    expect(world.organization('our-org')).toMatchObject({ name: 'Our Org', plan: 'free', planStatus: 'active' })
    expect(key.grants).toEqual({ logos: 'write' })
    expect(world.visibleAssets(world.library('our-org', 'logos')!)).toEqual([logo])
    expect(logo).toMatchObject({ name: 'logo.png', contentType: 'image/png', created: 1_000, parentId: null })

    const fork = world.freeze().fork()
    expect(fork).toBeInstanceOf(World)
    const second = await fork.createAsset({ organizationId: 'our-org', libraryId: 'logos', created: 2_000 })
    expect(fork.visibleAssets(fork.library('our-org', 'logos')!).map((asset) => asset.id)).toEqual([second.id, logo.id])
    expect(world.visibleAssets(world.library('our-org', 'logos')!)).toEqual([logo])
    await fork.clearLibrary('our-org', 'logos')
    expect(fork.allAssets()).toEqual([])
  })

  it('refuses what its factories cannot make, naming the factory and the argument', async () => {
    const world = await World.load(empty)
    await expect(world.createLibrary({ organizationId: 'nobody', id: 'logos' })).rejects.toThrow(
      '[raster-mock] createLibrary: organizationId "nobody" is not an organization of this world.',
    )
    await expect(world.removeAsset('missing')).rejects.toThrow('[raster-mock] removeAsset: id "missing" is not an asset of this world.')
  })
})
