import { Collection } from '@msw/data'
import { tagName } from '../domain/present.js'
import * as factories from './factories.js'
import { stableId } from './ids.js'
import { LayeredMap } from './layered-map.js'
import {
  AssetRecord,
  KeyRecord,
  LibraryRecord,
  OrganizationRecord,
  type Asset,
  type Key,
  type Library,
  type Organization,
  type WorldRecords,
} from './records.js'
import { SortedList } from './sorted-list.js'

type Placement = 'visible' | 'processing' | 'trashed'

/** `organizationId/libraryId`: library ids (slugs) are unique within an organization only. */
export function libraryKey(organizationId: string, libraryId: string): string {
  return `${organizationId}/${libraryId}`
}

/** Newest first; ties broken by id so the order is total and stable. */
function newerFirst(a: Asset, b: Asset): number {
  return b.created - a.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

const byPosition = (a: Library, b: Library) => a.position - b.position

/** A library's list of the visible assets carrying one tag (as clients see it). */
const tagKey = (library: string, tag: string) => `${library}\u0000${tag}`

/** What changes a world by records: put (insert or replace by id) and remove, as a scenario's state does. */
export interface WorldChanges {
  organizations?: readonly Organization[]
  libraries?: readonly Library[]
  keys?: readonly Key[]
  assets?: readonly Asset[]
  removed?: { keys?: readonly string[]; assets?: readonly string[] }
  sequence?: number
}

/** The four @msw/data collections of one world layer: the records it wrote, each validated by its schema. */
class Store {
  readonly organizations = new Collection({ schema: OrganizationRecord })
  readonly libraries = new Collection({ schema: LibraryRecord })
  readonly keys = new Collection({ schema: KeyRecord })
  readonly assets = new Collection({ schema: AssetRecord })
}
type Kind = keyof Store

/** Records never change once written: a write makes a new version, so layers above can share the old one. */
function deepFreeze<T extends object>(record: T): T {
  for (const value of Object.values(record)) if (value && typeof value === 'object') Object.freeze(value)
  return Object.freeze(record)
}

/**
 * One world: the records and the indexes that let every request touch only
 * what it needs (by id, by library, by tag). A world is a layer: `fork()` of a
 * frozen world gives a new one that holds only what it changes and reads
 * everything else through to the world below, indexes included, so a fork
 * costs a few hundred bytes and a write about what it changes. Every write
 * goes through this class so records and indexes never disagree; writes that
 * check a quota run inside `exclusive()` so concurrent requests cannot both
 * pass the same check.
 */
export class World {
  #frozen = false
  #store: Store | undefined
  #sequence: number
  #queue: Promise<unknown> = Promise.resolve()
  readonly #organizations: LayeredMap<Organization>
  readonly #libraries: LayeredMap<Library>
  /** Per organization: its libraries by position. */
  readonly #librariesByOrganization: LayeredMap<readonly Library[]>
  readonly #keys: LayeredMap<Key>
  readonly #assets: LayeredMap<Asset>
  readonly #variants: LayeredMap<readonly string[]>
  readonly #placement: LayeredMap<Placement>
  /** Per library: visible main assets, newest first. */
  readonly #visible: LayeredMap<SortedList<Asset>>
  readonly #processing: LayeredMap<ReadonlySet<string>>
  readonly #trashed: LayeredMap<ReadonlySet<string>>
  /** Per library: stored tag (with its `*`, if any) → number of visible assets carrying it. */
  readonly #tagCounts: LayeredMap<ReadonlyMap<string, number>>
  /** Per library and tag as clients see it (no `*`): visible main assets carrying it, newest first. */
  readonly #tagged: LayeredMap<SortedList<Asset>>
  /** Per library: bytes of its live assets and their variants. */
  readonly #storage: LayeredMap<number>

  private constructor(
    /** The mock's clock: every timestamp the world writes comes from it. */
    readonly now: () => number,
    readonly below?: World,
  ) {
    this.#sequence = below ? below.#sequence : 0
    const over = <V>(map: (world: World) => LayeredMap<V>) => new LayeredMap(below && map(below))
    this.#organizations = over((world) => world.#organizations)
    this.#libraries = over((world) => world.#libraries)
    this.#librariesByOrganization = over((world) => world.#librariesByOrganization)
    this.#keys = over((world) => world.#keys)
    this.#assets = over((world) => world.#assets)
    this.#variants = over((world) => world.#variants)
    this.#placement = over((world) => world.#placement)
    this.#visible = over((world) => world.#visible)
    this.#processing = over((world) => world.#processing)
    this.#trashed = over((world) => world.#trashed)
    this.#tagCounts = over((world) => world.#tagCounts)
    this.#tagged = over((world) => world.#tagged)
    this.#storage = over((world) => world.#storage)
  }

  /**
   * A world of these records, with nothing below it.
   *
   * @example
   * const world = await World.load(seedWorld())
   */
  static async load(records: WorldRecords, now: () => number = Date.now): Promise<World> {
    const world = new World(now)
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
  fork(): World {
    if (!this.#frozen) throw new Error('[raster-mock] Only a frozen world can be forked: its forks read through to it.')
    return new World(this.now, this)
  }

  /**
   * Makes the world read-only, so it can be forked: any write after this throws.
   *
   * @example
   * const base = (await World.load(records)).freeze()
   */
  freeze(): this {
    this.#frozen = true
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

  /** The world as plain data, for snapshots and for comparing worlds. */
  toRecords(): WorldRecords {
    return structuredClone({
      organizations: [...this.#organizations.values()],
      libraries: [...this.#libraries.values()],
      keys: [...this.#keys.values()],
      assets: this.allAssets().sort((a, b) => (a.id < b.id ? -1 : 1)),
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
    while (this.#assets.has(id) || this.#keys.has(id) || this.#organizations.has(id))
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

  asset(id: string): Asset | undefined {
    return this.#assets.get(id)
  }

  /** Every asset of the world (main assets and variants, in any state). */
  allAssets(): Asset[] {
    return [...this.#assets.values()]
  }

  /** The asset if it is a visible main asset of that library (not trashed, not processing, not a variant). */
  visibleAsset(library: Library, assetId: string): Asset | undefined {
    this.#finishProcessing(library)
    const asset = this.#assets.get(assetId)
    if (!asset || asset.organizationId !== library.organizationId || asset.libraryId !== library.id) return undefined
    return this.#placement.get(asset.id) === 'visible' ? asset : undefined
  }

  /** Visible main assets of a library, newest first. */
  visibleAssets(library: Library): readonly Asset[] {
    return this.#visibleList(library)?.toArray() ?? []
  }

  /** How many visible main assets a library has. */
  visibleCount(library: Library): number {
    return this.#visibleList(library)?.length ?? 0
  }

  /** Visible main assets `start` to `end` (exclusive), newest first: one page without the whole list. */
  visibleAssetsPage(library: Library, start: number, end: number): Asset[] {
    return this.#visibleList(library)?.slice(start, end) ?? []
  }

  /**
   * The first `limit` visible main assets of a library carrying any of `tags`
   * (as clients see them), newest first: a merge of the tag lists that stops at
   * `limit`, so a filtered page never scans the whole library.
   */
  visibleAssetsWithAnyTag(library: Library, tags: readonly string[], limit: number): Asset[] {
    this.#finishProcessing(library)
    const key = libraryKey(library.organizationId, library.id)
    // A list gives at most `limit` assets to the merge, so its first `limit` are all it needs.
    const lists = [...new Set(tags)].map((tag) => this.#tagged.get(tagKey(key, tag))?.slice(0, limit) ?? []).filter((list) => list.length)
    // One tag, the usual filter, is one list already in order.
    if (lists.length <= 1) return lists[0] ?? []
    const at = lists.map(() => 0)
    const head = (i: number) => lists[i]![at[i]!]
    const merged: Asset[] = []
    while (merged.length < limit) {
      let best = -1
      for (let i = 0; i < lists.length; i++) {
        const candidate = head(i)
        if (candidate && (best < 0 || newerFirst(candidate, head(best)!) < 0)) best = i
      }
      if (best < 0) break
      const next = head(best)!
      // An asset with several of the tags heads several lists at once: take it once.
      for (let i = 0; i < lists.length; i++) if (head(i) === next) at[i] = at[i]! + 1
      merged.push(next)
    }
    return merged
  }

  variantsOf(assetId: string): Asset[] {
    return (this.#variants.get(assetId) ?? []).map((id) => this.#assets.get(id)!)
  }

  /**
   * Whether `records` are the asset's variants now, in order: variantsOf's answer compared without making it,
   * since a list page checks this for every asset it shows.
   *
   * @example
   * if (!world.hasVariants(asset.id, cached.views)) cached = present(asset, world.variantsOf(asset.id))
   */
  hasVariants(assetId: string, records: readonly Asset[]): boolean {
    const ids = this.#variants.get(assetId) ?? NO_VARIANTS
    if (ids.length !== records.length) return false
    for (let i = 0; i < ids.length; i++) if (this.#assets.get(ids[i]!) !== records[i]) return false
    return true
  }

  trashCount(library: Library): number {
    return this.#trashed.get(libraryKey(library.organizationId, library.id))?.size ?? 0
  }

  /** A library's main assets in trash (the trash purge reads their `trashedAt`). */
  trashedAssets(library: Library): Asset[] {
    return [...(this.#trashed.get(libraryKey(library.organizationId, library.id)) ?? [])].map((id) => this.#assets.get(id)!)
  }

  /** Stored tags of a library's visible assets with their counts. */
  tagCounts(library: Library): ReadonlyMap<string, number> {
    this.#finishProcessing(library)
    return this.#tagCounts.get(libraryKey(library.organizationId, library.id)) ?? new Map()
  }

  libraryStorage(library: Library): number {
    return this.#storage.get(libraryKey(library.organizationId, library.id)) ?? 0
  }

  organizationStorage(organizationId: string): number {
    return this.librariesOf(organizationId).reduce((sum, library) => sum + this.libraryStorage(library), 0)
  }

  // Factories: records from a few fields, with seeded defaults (src/model/factories.ts)

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

  /** Inserts (or replaces, by id) many assets at once: a world's load, a big library in a benchmark. */
  async insertAssets(values: readonly Asset[]): Promise<void> {
    await this.apply({ assets: values })
  }

  async insertAsset(values: Asset): Promise<Asset> {
    await this.apply({ assets: [values] })
    return this.#assets.get(values.id)!
  }

  /** Updates a main asset; its variants follow it to another library. */
  async updateAsset(asset: Asset, patch: Partial<Asset>): Promise<Asset> {
    const current = this.#assets.get(asset.id) ?? asset
    const moved = patch.libraryId !== undefined && patch.libraryId !== current.libraryId
    const variants = moved ? this.variantsOf(current.id).map((variant) => ({ ...variant, libraryId: patch.libraryId! })) : []
    await this.apply({ assets: [{ ...current, ...patch }, ...variants] })
    return this.#assets.get(asset.id)!
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
    for (const id of removed.keys ?? []) {
      const key = this.#keys.get(id)
      if (key) this.#own().keys.delete(key as never)
      this.#keys.delete(id)
    }
    const written: Asset[] = []
    for (const values of changes.assets ?? []) written.push(await this.#write('assets', this.#assets.get(values.id), values))
    for (const id of removed.assets ?? []) {
      const asset = this.#assets.get(id)
      if (asset) this.#own().assets.delete(asset as never)
    }
    if (changes.sequence !== undefined) this.#sequence = changes.sequence
    this.#reindexAssets(written, removed.assets ?? [])
  }

  /**
   * Takes the changed assets out of the indexes (each main asset touched, and the
   * parent of each variant touched, whose storage counts its variants), changes
   * the records, and puts what remains back in. Synchronous: the whole change is one step.
   */
  #reindexAssets(written: readonly Asset[], removedIds: readonly string[]): void {
    const touched = new Map<string, Asset>()
    const touch = (id: string | null | undefined) => {
      const asset = id ? this.#assets.get(id) : undefined
      if (!asset) return
      const main = asset.parentId === null ? asset : this.#assets.get(asset.parentId)
      if (main && !touched.has(main.id)) touched.set(main.id, main)
    }
    for (const asset of written) {
      touch(asset.id)
      touch(asset.parentId)
    }
    for (const id of removedIds) touch(id)
    for (const main of touched.values()) if (this.#placement.has(main.id)) this.#unplace(main)

    for (const id of removedIds) {
      const asset = this.#assets.get(id)
      if (!asset) continue
      if (asset.parentId !== null) this.#setVariants(asset.parentId, (ids) => ids.filter((other) => other !== id))
      this.#assets.delete(id)
    }
    for (const asset of written) {
      const previous = this.#assets.get(asset.id)
      if (previous?.parentId !== asset.parentId) {
        if (previous?.parentId) this.#setVariants(previous.parentId, (ids) => ids.filter((other) => other !== asset.id))
        if (asset.parentId !== null) this.#setVariants(asset.parentId, (ids) => [...ids, asset.id])
      }
      this.#assets.set(asset.id, asset)
    }

    for (const asset of written) if (asset.parentId === null) touched.set(asset.id, asset)
    for (const asset of written) touch(asset.parentId)
    // Many at once (a load, a big scenario) are put in each list together: one sort, not one copy per asset.
    const batch = touched.size > BATCH_FROM ? new Batch() : undefined
    for (const [id] of touched) {
      const main = this.#assets.get(id)
      if (main && main.parentId === null) this.#place(main, batch)
    }
    if (batch) this.#flush(batch)
  }

  #flush(batch: Batch): void {
    for (const [key, ids] of batch.trashed) this.#trashed.set(key, ids)
    for (const [key, ids] of batch.processing) this.#processing.set(key, ids)
    for (const [key, counts] of batch.counts) this.#tagCounts.set(key, counts)
    // `added` is in order: concatenated after a sorted list it is two runs, which the sort merges in one pass.
    const merge = (list: SortedList<Asset> | undefined, added: Asset[]) =>
      SortedList.from(list ? [...list.toArray(), ...added].sort(newerFirst) : added, newerFirst)
    // One sort per library; each tag list takes its assets from it, already in order (most of a load's sorting).
    const tagged = new Map<string, Asset[]>()
    for (const [key, added] of batch.visible) {
      added.sort(newerFirst)
      this.#visible.set(key, merge(this.#visible.get(key), added))
      for (const asset of added) for (const tag of clientTags(asset)) pushTo(tagged, tagKey(key, tag), asset)
    }
    for (const [listKey, added] of tagged) this.#tagged.set(listKey, merge(this.#tagged.get(listKey), added))
  }

  /** Writes one record into this layer's collection (validated by its schema) in place of `current`. */
  async #write<K extends Kind>(kind: K, current: object | undefined, values: object): Promise<any> {
    this.#writable()
    const store = this.#own()
    const collection = store[kind] as Collection<any>
    // `current` is in this layer's collection only if this layer wrote it; a record of a world below stays there.
    if (current) collection.delete(current as never)
    return deepFreeze(await collection.create(values))
  }

  #putOrganization(organization: Organization): Organization {
    this.#organizations.set(organization.id, organization)
    return organization
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

  #setVariants(parentId: string, change: (ids: readonly string[]) => readonly string[]): void {
    const next = change(this.#variants.get(parentId) ?? [])
    if (next.length) this.#variants.set(parentId, next)
    else this.#variants.delete(parentId)
  }

  #own(): Store {
    return (this.#store ??= new Store())
  }

  #writable(): void {
    if (this.#frozen) throw new Error('[raster-mock] This world is frozen: write to a fork of it.')
  }

  #visibleList(library: Library): SortedList<Asset> | undefined {
    this.#finishProcessing(library)
    return this.#visible.get(libraryKey(library.organizationId, library.id))
  }

  /** Runs for every asset placed, so it reads the ids directly rather than building variantsOf's array. */
  #bytesWithVariants(asset: Asset): number {
    let bytes = asset.size
    for (const id of this.#variants.get(asset.id) ?? []) bytes += this.#assets.get(id)!.size
    return bytes
  }

  /**
   * Puts a main asset in the indexes its state calls for. Index values are replaced, never changed in place;
   * with a batch, the new values are collected there and written by #flush.
   */
  #place(asset: Asset, batch?: Batch): void {
    const key = libraryKey(asset.organizationId, asset.libraryId)
    const addTo = (map: LayeredMap<ReadonlySet<string>>, pending: Map<string, Set<string>> | undefined) => {
      if (!pending) return map.set(key, new Set(map.get(key)).add(asset.id))
      let ids = pending.get(key)
      if (!ids) pending.set(key, (ids = new Set(map.get(key))))
      ids.add(asset.id)
    }
    if (asset.trashedAt !== null) {
      this.#placement.set(asset.id, 'trashed')
      return addTo(this.#trashed, batch?.trashed)
    }
    this.#storage.set(key, (this.#storage.get(key) ?? 0) + this.#bytesWithVariants(asset))
    if (asset.processingUntil !== null && asset.processingUntil > this.now()) {
      this.#placement.set(asset.id, 'processing')
      return addTo(this.#processing, batch?.processing)
    }
    this.#placement.set(asset.id, 'visible')
    let counts = batch?.counts.get(key)
    if (!counts) {
      counts = new Map(this.#tagCounts.get(key))
      if (batch) batch.counts.set(key, counts)
      else this.#tagCounts.set(key, counts)
    }
    for (const tag of asset.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1)
    // A batch's lists are made in #flush, its tag lists from its sorted visible lists.
    if (batch) return pushTo(batch.visible, key, asset)
    const insert = (map: LayeredMap<SortedList<Asset>>, listKey: string) => map.set(listKey, (map.get(listKey) ?? EMPTY).insert(asset))
    insert(this.#visible, key)
    for (const tag of clientTags(asset)) insert(this.#tagged, tagKey(key, tag))
  }

  /** The exact inverse of #place. */
  #unplace(asset: Asset): void {
    const key = libraryKey(asset.organizationId, asset.libraryId)
    const placement = this.#placement.get(asset.id)
    this.#placement.delete(asset.id)
    if (placement === 'trashed') {
      this.#trashed.set(key, without(this.#trashed.get(key), asset.id))
      return
    }
    this.#storage.set(key, (this.#storage.get(key) ?? 0) - this.#bytesWithVariants(asset))
    if (placement === 'processing') {
      this.#processing.set(key, without(this.#processing.get(key), asset.id))
      return
    }
    this.#visible.set(key, (this.#visible.get(key) ?? EMPTY).remove(asset))
    for (const tag of clientTags(asset)) {
      const list = this.#tagged.get(tagKey(key, tag))?.remove(asset)
      if (list?.length) this.#tagged.set(tagKey(key, tag), list)
      else this.#tagged.delete(tagKey(key, tag))
    }
    const counts = new Map(this.#tagCounts.get(key))
    for (const tag of asset.tags) {
      const count = (counts.get(tag) ?? 0) - 1
      if (count > 0) counts.set(tag, count)
      else counts.delete(tag)
    }
    this.#tagCounts.set(key, counts)
  }

  /** Uploads whose processing time has passed become visible when someone looks (frozen worlds hold no uploads). */
  #finishProcessing(library: Library): void {
    const pending = this.#processing.get(libraryKey(library.organizationId, library.id))
    if (!pending?.size || this.#frozen) return
    const now = this.now()
    for (const id of pending) {
      const asset = this.#assets.get(id)!
      if (asset.processingUntil !== null && asset.processingUntil <= now) {
        this.#unplace(asset)
        this.#place(asset)
      }
    }
  }
}

const EMPTY = SortedList.from<Asset>([], newerFirst)
const NO_VARIANTS: readonly string[] = []

/** Above this many assets placed in one write, the indexes are built in a batch. */
const BATCH_FROM = 64

/** Index values collected while many assets are placed, written at once by World#flush. */
class Batch {
  readonly trashed = new Map<string, Set<string>>()
  readonly processing = new Map<string, Set<string>>()
  readonly counts = new Map<string, Map<string, number>>()
  readonly visible = new Map<string, Asset[]>()
}

/** Appends `value` to the list of `key` in `lists`, starting the list if there is none. */
function pushTo<V>(lists: Map<string, V[]>, key: string, value: V): void {
  const list = lists.get(key)
  if (list) list.push(value)
  else lists.set(key, [value])
}

/** An asset's tags as clients see and filter them (a generated tag and a user tag of one name are one). */
const clientTags = (asset: Asset): ReadonlySet<string> => new Set(asset.tags.map(tagName))

function without(set: ReadonlySet<string> | undefined, id: string): ReadonlySet<string> {
  const next = new Set(set)
  next.delete(id)
  return next
}
