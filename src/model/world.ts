import * as factories from './factories.js'
import type { Asset, Key, Library, Organization } from './records.js'
import { WorldLayer } from './world-layer.js'

export type { WorldChanges } from './world-layer.js'

/**
 * The world a mock serves (`mock.db`): a WorldLayer (layering, reads and writes) with the factories on top,
 * records made from a few fields with seeded defaults (src/model/factories.ts). The factories write through the
 * layer's public write methods only, so they sit above it: this module imports both, neither imports it.
 *
 * @example
 * const world = await World.load(seedWorld())
 * await world.createLibrary({ organizationId: 'monogram-labs', id: 'logos' })
 */
export class World extends WorldLayer {
  /**
   * @example
   * await world.createOrganization({ id: 'our-org', plan: 'free' })
   */
  createOrganization(input: factories.OrganizationInput): Promise<Organization> {
    return factories.createOrganization(this, input)
  }

  /**
   * @example
   * await world.createLibrary({ organizationId: 'our-org', id: 'logos' })
   */
  createLibrary(input: factories.LibraryInput): Promise<Library> {
    return factories.createLibrary(this, input)
  }

  /**
   * @example
   * await world.createKey({ id: 'pk_our_write', organizationId: 'our-org', grants: { logos: 'write' } })
   */
  createKey(input: factories.KeyInput): Promise<Key> {
    return factories.createKey(this, input)
  }

  /**
   * @example
   * await world.createAsset({ organizationId: 'our-org', libraryId: 'logos', tags: ['logo'] })
   */
  createAsset(input: factories.AssetInput): Promise<Asset> {
    return factories.createAsset(this, input)
  }

  /**
   * @example
   * await world.removeAsset(asset.id)
   */
  removeAsset(id: string): Promise<void> {
    return factories.removeAsset(this, id)
  }

  /**
   * @example
   * await world.clearLibrary('our-org', 'logos')
   */
  clearLibrary(organizationId: string, libraryId: string): Promise<void> {
    return factories.clearLibrary(this, organizationId, libraryId)
  }
}
