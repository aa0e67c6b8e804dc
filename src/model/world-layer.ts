import { Collection } from '@msw/data'
import type { z } from 'zod'
import { AssetIndex } from './asset-index.js'
import { deepFreeze } from './freeze.js'
import { libraryKey, stableId } from './ids.js'
import { LayeredMap } from './layered-map.js'
import { isParsed } from './parsed.js'
import {
  AssetRecord,
  KeyRecord,
  LibraryRecord,
  OrganizationRecord,
  TokenRecord,
  UserRecord,
  type Asset,
  type Key,
  type Library,
  type Organization,
  type Token,
  type User,
  type WorldRecords,
} from './records.js'

/** What a write hands @msw/data's `create`: a record's fields in an object that is not a plain one (see #write). */
class Input {}

/** What a write hands `create` for a record marked as already parsed (src/model/parsed.ts): taken as it is. */
class Parsed {
  constructor(readonly record: object) {}
}

/**
 * The record schema as a collection's: it parses every input, but one already parsed (a `Parsed`), which it
 * copies (structuredClone keeps the fields, their order and values: what the parse gave when it was made).
 */
function collectionSchema<S extends z.ZodType>(schema: S): Pick<S, '~standard'> {
  const standard = schema['~standard']
  const validate: typeof standard.validate = (value) =>
    value instanceof Parsed ? { value: structuredClone(value.record) as z.output<S> } : standard.validate(value)
  return { '~standard': { ...standard, validate } }
}

/**
 * What `create` is handed for `values` (see WorldLayer's #write). A record with an own `__proto__` key (parsed
 * JSON can have one) goes as it is: Object.assign would set the copy's prototype from it.
 */
function createInput(values: object): object {
  if (isParsed(values)) return new Parsed(values)
  return Object.hasOwn(values, '__proto__') ? values : Object.assign(new Input(), values)
}

const schemas = {
  organizations: collectionSchema(OrganizationRecord),
  libraries: collectionSchema(LibraryRecord),
  keys: collectionSchema(KeyRecord),
  assets: collectionSchema(AssetRecord),
  users: collectionSchema(UserRecord),
  tokens: collectionSchema(TokenRecord),
}

const byPosition = (a: Library, b: Library) => a.position - b.position

/** What changes a world by records: put (insert or replace by id) and remove, as a scenario's state does. */
export interface WorldChanges {
  organizations?: readonly Organization[]
  libraries?: readonly Library[]
  keys?: readonly Key[]
  assets?: readonly Asset[]
  users?: readonly User[]
  tokens?: readonly Token[]
  removed?: { keys?: readonly string[]; assets?: readonly string[] }
  sequence?: number
}

/** The four @msw/data collections of one world layer: the records it wrote, each validated by its schema. */
class Store {
  readonly organizations = new Collection({ schema: schemas.organizations })
  readonly libraries = new Collection({ schema: schemas.libraries })
  readonly keys = new Collection({ schema: schemas.keys })
  readonly assets = new Collection({ schema: schemas.assets })
  readonly users = new Collection({ schema: schemas.users })
  readonly tokens = new Collection({ schema: schemas.tokens })
}
type Kind = keyof Store

/**
 * One world: its records, and the indexes that let every request touch only
 * what it needs (organizations, libraries and keys here; the assets' in
 * AssetIndex). A world is a layer: `fork()` of a frozen world gives a new one
 * that holds only what it changes and reads everything else through to the
 * world below, indexes included, so a fork costs a few hundred bytes and a
 * write about what it changes. Every write goes through this class so records
 * and indexes never disagree; writes that check a quota run inside
 * `exclusive()` so concurrent requests cannot both pass the same check.
 * `World` (world.ts) adds the factories on top.
 */
export class WorldLayer {
  #frozen = false
  #store: Store | undefined
  #sequence: number
  #queue: Promise<unknown> = Promise.resolve()
  readonly #organizations: LayeredMap<Organization>
  readonly #libraries: LayeredMap<Library>
  /** Per organization: its libraries by position. */
  readonly #librariesByOrganization: LayeredMap<readonly Library[]>
  readonly #keys: LayeredMap<Key>
  readonly #users: LayeredMap<User>
  readonly #tokens: LayeredMap<Token>
  readonly #index: AssetIndex

  /** Made by `load` and `fork` only, so a layer always sits on a frozen world. */
  protected constructor(
    /** The mock's clock: every timestamp the world writes comes from it. */
    readonly now: () => number,
    readonly below?: WorldLayer,
  ) {
    this.#sequence = below ? below.#sequence : 0
    const over = <V>(map: (world: WorldLayer) => LayeredMap<V>) => new LayeredMap(below && map(below))
    this.#organizations = over((world) => world.#organizations)
    this.#libraries = over((world) => world.#libraries)
    this.#librariesByOrganization = over((world) => world.#librariesByOrganization)
    this.#keys = over((world) => world.#keys)
    this.#users = over((world) => world.#users)
    this.#tokens = over((world) => world.#tokens)
    this.#index = new AssetIndex(now, below && below.#index)
  }

  /**
   * A world of these records, with nothing below it.
   *
   * @example
   * const world = await World.load(seedWorld())
   */
  static async load<W extends WorldLayer>(this: { prototype: W }, records: WorldRecords, now: () => number = Date.now): Promise<W> {
    // `this` is the class load was called on (World), whose constructor is protected: hence the cast.
    const world = new (this as unknown as new (now: () => number) => W)(now)
    await world.apply(records)
    return world
  }

  /**
   * A new world over this frozen one: it sees everything this one has and keeps its own writes.
   *
   * @example
   * const session = scenarioWorld.fork()
   * await session.updateAsset(asset, { description: 'mine' }) // scenarioWorld is unchanged
   */
  fork(): this {
    if (!this.#frozen) throw new Error('[raster-mock] Only a frozen world can be forked: its forks read through to it.')
    return new (this.constructor as new (now: () => number, below: WorldLayer) => this)(this.now, this)
  }

  /**
   * Makes the world read-only, so it can be forked: any write after this throws.
   *
   * @example
   * const base = (await World.load(records)).freeze()
   */
  freeze(): this {
    this.#frozen = true
    this.#index.freeze()
    return this
  }

  get frozen(): boolean {
    return this.#frozen
  }

  /**
   * The @msw/data collections of this layer: the records it wrote, each validated by its schema when written
   * (for a world with nothing below, every record). Whole-world reads go through the methods of World.
   */
  get organizations() {
    return this.#own().organizations
  }
  get libraries() {
    return this.#own().libraries
  }
  get keys() {
    return this.#own().keys
  }
  get assets() {
    return this.#own().assets
  }
  get users() {
    return this.#own().users
  }
  get tokens() {
    return this.#own().tokens
  }

  /** The world as plain data, for snapshots and for comparing worlds. */
  toRecords(): WorldRecords {
    return structuredClone({
      organizations: [...this.#organizations.values()],
      libraries: [...this.#libraries.values()],
      keys: [...this.#keys.values()],
      assets: this.allAssets().sort((a, b) => (a.id < b.id ? -1 : 1)),
      users: [...this.#users.values()],
      tokens: [...this.#tokens.values()],
      sequence: this.#sequence,
    })
  }

  /** Runs `write` after every write queued before it, so a check and the write it guards are atomic. */
  exclusive<T>(write: () => Promise<T> | T): Promise<T> {
    const result = this.#queue.then(write)
    this.#queue = result.catch(() => undefined)
    return result
  }

  /** A new id, deterministic for a given history of the world. */
  nextId(prefix = ''): string {
    this.#writable()
    let id: string
    do id = prefix + stableId(`raster-mock:${this.#sequence++}`)
    while (this.#index.asset(id) || this.#keys.has(id) || this.#organizations.has(id) || this.#users.has(id) || this.#tokens.has(id))
    return id
  }

  // Reads

  organization(id: string): Organization | undefined {
    return this.#organizations.get(id)
  }

  allOrganizations(): Organization[] {
    return [...this.#organizations.values()]
  }

  library(organizationId: string, libraryId: string): Library | undefined {
    return this.#libraries.get(libraryKey(organizationId, libraryId))
  }

  /** An organization's libraries in creation order. */
  librariesOf(organizationId: string): readonly Library[] {
    return this.#librariesByOrganization.get(organizationId) ?? []
  }

  key(id: string): Key | undefined {
    return this.#keys.get(id)
  }

  /** Every key, in creation order (the standalone server's banner lists them). */
  allKeys(): Key[] {
    return [...this.#keys.values()]
  }

  asset(id: string): Asset | undefined {
    return this.#index.asset(id)
  }

  user(id: string): User | undefined {
    return this.#users.get(id)
  }

  allUsers(): User[] {
    return [...this.#users.values()]
  }

  /** An OAuth token (access, refresh or code) by its id, in any state: the auth step judges it. */
  token(id: string): Token | undefined {
    return this.#tokens.get(id)
  }

  /** Every asset of the world (main assets and variants, in any state). */
  allAssets(): Asset[] {
    return this.#index.allAssets()
  }

  /** The asset if it is a visible main asset of that library (not trashed, not processing, not a variant). */
  visibleAsset(library: Library, assetId: string): Asset | undefined {
    return this.#index.visibleAsset(library, assetId)
  }

  /**
   * Makes visible the uploads whose processing has ended by `now`, as the clock reaching `now` would: how a
   * request at its own time (`X-Mock-Now`) sees what the clock would show then. Returns this world.
   */
  finishProcessingBy(now: number): this {
    this.#index.finishProcessingBy(now)
    return this
  }

  /** Visible main assets of a library, newest first. */
  visibleAssets(library: Library): readonly Asset[] {
    return this.#index.visibleAssets(library)
  }

  /** How many visible main assets a library has. */
  visibleCount(library: Library): number {
    return this.#index.visibleCount(library)
  }

  /** Visible main assets `start` to `end` (exclusive), newest first: one page without the whole list. */
  visibleAssetsPage(library: Library, start: number, end: number): Asset[] {
    return this.#index.visibleAssetsPage(library, start, end)
  }

  /**
   * The first `limit` visible main assets of a library carrying any of `tags`
   * (as clients see them), newest first, without scanning the whole library.
   */
  visibleAssetsWithAnyTag(library: Library, tags: readonly string[], limit: number): Asset[] {
    return this.#index.visibleAssetsWithAnyTag(library, tags, limit)
  }

  variantsOf(assetId: string): Asset[] {
    return this.#index.variantsOf(assetId)
  }

  /**
   * Whether `records` are the asset's variants now, in order: variantsOf's answer compared without making it,
   * since a list page checks this for every asset it shows.
   *
   * @example
   * if (!world.hasVariants(asset.id, cached.views)) cached = present(asset, world.variantsOf(asset.id))
   */
  hasVariants(assetId: string, records: readonly Asset[]): boolean {
    return this.#index.hasVariants(assetId, records)
  }

  trashCount(library: Library): number {
    return this.#index.trashCount(library)
  }

  /** A library's main assets in trash (the trash purge reads their `trashedAt`). */
  trashedAssets(library: Library): Asset[] {
    return this.#index.trashedAssets(library)
  }

  /** Stored tags of a library's visible assets with their counts. */
  tagCounts(library: Library): ReadonlyMap<string, number> {
    return this.#index.tagCounts(library)
  }

  libraryStorage(library: Library): number {
    return this.#index.libraryStorage(library)
  }

  organizationStorage(organizationId: string): number {
    return this.librariesOf(organizationId).reduce((sum, library) => sum + this.libraryStorage(library), 0)
  }

  // Writes

  async insertOrganization(values: Organization): Promise<Organization> {
    return this.#putOrganization(await this.#write('organizations', undefined, values))
  }

  async updateOrganization(organization: Organization, patch: Partial<Organization>): Promise<Organization> {
    const current = this.#organizations.get(organization.id) ?? organization
    return this.#putOrganization(await this.#write('organizations', current, { ...current, ...patch }))
  }

  async insertLibrary(values: Library): Promise<Library> {
    return this.#putLibrary(undefined, await this.#write('libraries', undefined, values))
  }

  async updateLibrary(library: Library, patch: Pick<Partial<Library>, 'name'>): Promise<Library> {
    const current = this.library(library.organizationId, library.id) ?? library
    return this.#putLibrary(current, await this.#write('libraries', current, { ...current, ...patch }))
  }

  async insertKey(values: Key): Promise<Key> {
    return this.#putKey(await this.#write('keys', undefined, values))
  }

  async updateKey(key: Key, patch: Partial<Key>): Promise<Key> {
    const current = this.#keys.get(key.id) ?? key
    return this.#putKey(await this.#write('keys', current, { ...current, ...patch }))
  }

  async insertUser(values: User): Promise<User> {
    return this.#put(this.#users, await this.#write('users', undefined, values))
  }

  async insertToken(values: Token): Promise<Token> {
    return this.#put(this.#tokens, await this.#write('tokens', undefined, values))
  }

  async updateToken(token: Token, patch: Partial<Token>): Promise<Token> {
    const current = this.#tokens.get(token.id) ?? token
    return this.#put(this.#tokens, await this.#write('tokens', current, { ...current, ...patch }))
  }

  /** Inserts (or replaces, by id) many assets at once: a world's load, a big library in a benchmark. */
  async insertAssets(values: readonly Asset[]): Promise<void> {
    await this.apply({ assets: values })
  }

  async insertAsset(values: Asset): Promise<Asset> {
    await this.apply({ assets: [values] })
    return this.#index.asset(values.id)!
  }

  /** Updates a main asset; its variants follow it to another library. */
  async updateAsset(asset: Asset, patch: Partial<Asset>): Promise<Asset> {
    const current = this.#index.asset(asset.id) ?? asset
    const moved = patch.libraryId !== undefined && patch.libraryId !== current.libraryId
    const variants = moved ? this.variantsOf(current.id).map((variant) => ({ ...variant, libraryId: patch.libraryId! })) : []
    await this.apply({ assets: [{ ...current, ...patch }, ...variants] })
    return this.#index.asset(asset.id)!
  }

  /**
   * Puts and removes records by id, then brings every index up to date in one
   * synchronous step, so no reader sees an asset half-moved. A scenario's state
   * is applied to its layer this way, and a world's load.
   *
   * @example
   * await layer.apply({ keys: [{ ...key, grants: {} }], removed: { assets: ['a1'] } })
   */
  async apply(changes: WorldChanges): Promise<void> {
    const { removed = {} } = changes
    for (const values of changes.organizations ?? []) {
      this.#putOrganization(await this.#write('organizations', this.#organizations.get(values.id), values))
    }
    for (const values of changes.libraries ?? []) {
      const current = this.library(values.organizationId, values.id)
      this.#putLibrary(current, await this.#write('libraries', current, values))
    }
    for (const values of changes.keys ?? []) this.#putKey(await this.#write('keys', this.#keys.get(values.id), values))
    for (const values of changes.users ?? []) this.#put(this.#users, await this.#write('users', this.#users.get(values.id), values))
    for (const values of changes.tokens ?? []) this.#put(this.#tokens, await this.#write('tokens', this.#tokens.get(values.id), values))
    for (const id of removed.keys ?? []) {
      const key = this.#keys.get(id)
      if (key) this.#own().keys.delete(key as never)
      this.#keys.delete(id)
    }
    const written: Asset[] = []
    for (const values of changes.assets ?? []) written.push(deepFreeze(await this.#create('assets', this.#index.asset(values.id), values)))
    for (const id of removed.assets ?? []) {
      const asset = this.#index.asset(id)
      if (asset) this.#own().assets.delete(asset as never)
    }
    if (changes.sequence !== undefined) this.#sequence = changes.sequence
    this.#index.update(written, removed.assets ?? [])
  }

  /**
   * Writes one record into this layer's collection (validated by its schema) in place of `current`. @msw/data
   * deep-copies a plain object before validating it (to leave its relations out); these collections have none, and
   * the schema's parse makes the stored copy anyway. So `create` is handed the values as an `Input` (the same fields,
   * not a plain object), which skips that first copy: ~40 % of a 100k world's load. A record marked as already
   * parsed (the precomputed default world) is handed over as a `Parsed`, which the collection's schema copies.
   */
  async #write<K extends Kind>(kind: K, current: object | undefined, values: object): Promise<any> {
    return deepFreeze(await this.#create(kind, current, values))
  }

  /** #write without the freeze, and without an async frame of its own: a load calls it for every asset. */
  #create<K extends Kind>(kind: K, current: object | undefined, values: object): Promise<any> {
    this.#writable()
    const store = this.#own()
    const collection = store[kind] as Collection<any>
    // `current` is in this layer's collection only if this layer wrote it; a record of a world below stays there.
    if (current) collection.delete(current as never)
    return collection.create(createInput(values))
  }

  #putOrganization(organization: Organization): Organization {
    this.#organizations.set(organization.id, organization)
    return organization
  }

  #put<R extends { id: string }>(map: LayeredMap<R>, record: R): R {
    map.set(record.id, record)
    return record
  }

  #putKey(key: Key): Key {
    this.#keys.set(key.id, key)
    return key
  }

  #putLibrary(previous: Library | undefined, library: Library): Library {
    this.#libraries.set(libraryKey(library.organizationId, library.id), library)
    const siblings = this.librariesOf(library.organizationId).filter((other) => other.id !== library.id)
    this.#librariesByOrganization.set(library.organizationId, [...siblings, library].sort(byPosition))
    return library
  }

  #own(): Store {
    return (this.#store ??= new Store())
  }

  #writable(): void {
    if (this.#frozen) throw new Error('[raster-mock] This world is frozen: write to a fork of it.')
  }
}
