import * as factories from './factories.js'
import type { Asset, Key, Library, Organization, Token, User } from './records.js'
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
   * Adds an organization to the world. Only `id` (a slug) is needed: the name defaults to the id in words
   * (`our-org` → `Our Org`), the plan to `pro` (`'free'`, `'pro'` or `'pro-canceled'`). `temporary: true` makes an
   * unclaimed organization, as the anonymous `POST /libraries` does: it expires 30 days after the world's `now()`
   * and can be claimed. It builds state and never refuses it; the API's rules then apply (a Free plan locks its
   * 4th library). Throws an `Error` naming the argument when `id` is not a slug or is taken, or the plan is unknown.
   *
   * @example
   * const organization = await world.createOrganization({ id: 'our-org', plan: 'free' })
   * organization.name // 'Our Org'
   */
  createOrganization(input: factories.OrganizationInput): Promise<Organization> {
    return factories.createOrganization(this, input)
  }

  /**
   * Adds a library to an organization, after its other libraries in creation order (on the Free plan the 4th
   * and later are locked). The name defaults to the id in words. No key reaches it until one is granted it
   * (`createKey`). Throws an `Error` naming the argument when the organization does not exist, or `id` is not a
   * slug or is taken in that organization.
   *
   * @example
   * await world.createOrganization({ id: 'our-org' })
   * await world.createLibrary({ organizationId: 'our-org', id: 'logos', name: 'Our logos' })
   */
  createLibrary(input: factories.LibraryInput): Promise<Library> {
    return factories.createLibrary(this, input)
  }

  /**
   * Adds an API key (the bearer token `id`) to an organization, with one grant per library: `'read'` (GET) or
   * `'write'` (every method). The key reaches only the libraries it has a grant on; one without any `'write'`
   * grant is read-only. Throws an `Error` naming the argument when the organization does not exist, the id has
   * spaces or is taken, or a grant names another organization's library or an access other than read or write.
   *
   * @example
   * await world.createKey({ id: 'pk_our_write', organizationId: 'our-org', grants: { logos: 'write' } })
   * // then: fetch(…, { headers: { Authorization: 'Bearer pk_our_write', 'Api-Version': '2026-05-20' } })
   */
  createKey(input: factories.KeyInput): Promise<Key> {
    return factories.createKey(this, input)
  }

  /**
   * Adds an OAuth user (Api-Version 2026-07-08) with a role in each of their organizations: an `'owner'` reaches
   * every library with Write, creates libraries and approves; a `'member'` reaches the libraries of its `grants`
   * (`'read'` or `'write'`), may put an asset `in_review` but not approve it, and may not create libraries. The id
   * defaults to `user-` and the world's next id. Throws an `Error` naming the argument when the id is taken, an
   * organization does not exist, a role is unknown or a grant names another organization's library.
   *
   * @example
   * const user = await world.createUser({ id: 'user-sam', organizations: { 'our-org': { role: 'member', grants: { logos: 'write' } } } })
   * const token = await world.createToken({ userId: user.id })
   * // then: fetch(…, { headers: { Authorization: `Bearer ${token.id}`, 'Api-Version': '2026-07-08' } })
   */
  createUser(input: factories.UserInput): Promise<User> {
    return factories.createUser(this, input)
  }

  /**
   * Adds an OAuth access token (`oat_` and 32 letters and digits unless `id` says otherwise) for a user, usable
   * wherever an API key is under Api-Version 2026-07-08, reaching what the user reaches. It is granted the
   * user's only organization, or every organization of a user of several (`organizationId` picks one). It never
   * expires unless `expiresAt` says when; `revoked: true` makes one that is refused, as an expired one is (401
   * UNAUTHENTICATED). Throws an `Error` naming the argument when the user does not exist, the id is taken or does
   * not start with `oat_`, or the organization is not the user's.
   *
   * @example
   * const user = await world.createUser({ organizations: { 'our-org': { role: 'owner' } } })
   * const { id } = await world.createToken({ userId: user.id, expiresAt: world.now() + 3_600_000 })
   */
  createToken(input: factories.TokenInput): Promise<Token> {
    return factories.createToken(this, input)
  }

  /**
   * Adds an asset to a library, with a real image behind its URLs: a JPEG (or `contentType: 'image/png'`) of a
   * common photo size derived from its id unless `width` and `height` say otherwise (1 to 20,000 px), weighing
   * about a third of a byte per pixel (a PNG two), created at the world's `now()` unless `created` says otherwise,
   * uploaded by `raster-mock`. The name defaults to `<libraryId>-<first 6 characters of its id>.jpg`. `parentId`
   * makes it a view (variant) of that main asset of the same library and bumps the parent's `updated`. Quotas do
   * not apply (that is how a full library is made); the next upload through the API meets them. Throws an `Error`
   * naming the argument when the organization or library does not exist, or a field is out of range.
   *
   * @example
   * const mark = await world.createAsset({ organizationId: 'our-org', libraryId: 'logos', name: 'mark.png', contentType: 'image/png', tags: ['logo'] })
   * await world.createAsset({ organizationId: 'our-org', libraryId: 'logos', name: 'mark-dark.png', contentType: 'image/png', parentId: mark.id })
   */
  createAsset(input: factories.AssetInput): Promise<Asset> {
    return factories.createAsset(this, input)
  }

  /**
   * Removes an asset for good (not to the trash), with its views. Throws an `Error` when `id` is not an asset of
   * this world.
   *
   * @example
   * const asset = await world.createAsset({ organizationId: 'our-org', libraryId: 'logos' })
   * await world.removeAsset(asset.id)
   */
  removeAsset(id: string): Promise<void> {
    return factories.removeAsset(this, id)
  }

  /**
   * Removes every asset of a library for good: visible, processing and trashed ones, and their views. Throws an
   * `Error` naming the argument when the organization or library does not exist.
   *
   * @example
   * await world.clearLibrary('monogram-labs', 'barcelona') // an empty barcelona, as the empty-library scenario makes it
   */
  clearLibrary(organizationId: string, libraryId: string): Promise<void> {
    return factories.clearLibrary(this, organizationId, libraryId)
  }
}
