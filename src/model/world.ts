import { Collection } from '@msw/data'
import { tagName } from '../domain/present.js'
import { appendRecords } from './bulk.js'
import { stableId } from './ids.js'
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

type Placement = 'visible' | 'processing' | 'trashed'

/** `organizationId/libraryId`: library ids (slugs) are unique within an organization only. */
export function libraryKey(organizationId: string, libraryId: string): string {
  return `${organizationId}/${libraryId}`
}

/** Newest first; ties broken by id so the order is total and stable. */
function newerFirst(a: Asset, b: Asset): number {
  return b.created - a.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/**
 * One world: the @msw/data collections that hold the records, and the indexes
 * that let every request touch only what it needs (by id, by library, by tag)
 * instead of scanning the collections. Every write goes through this class so
 * records and indexes never disagree; writes that check a quota run inside
 * `exclusive()` so concurrent requests cannot both pass the same check.
 */
export class World {
  readonly organizations = new Collection({ schema: OrganizationRecord })
  readonly libraries = new Collection({ schema: LibraryRecord })
  readonly keys = new Collection({ schema: KeyRecord })
  readonly assets = new Collection({ schema: AssetRecord })

  #sequence = 0
  #organizations = new Map<string, Organization>()
  #libraries = new Map<string, Library>()
  #librariesByOrganization = new Map<string, Library[]>()
  #keys = new Map<string, Key>()
  #assets = new Map<string, Asset>()
  #variants = new Map<string, string[]>()
  #placement = new Map<string, Placement>()
  /** Per library: visible main assets, newest first. */
  #visible = new Map<string, Asset[]>()
  #processing = new Map<string, Set<string>>()
  #trashed = new Map<string, Set<string>>()
  /** Per library: stored tag (with its `*`, if any) → number of visible assets carrying it. */
  #tagCounts = new Map<string, Map<string, number>>()
  /** Per library: tag as clients see it (no `*`) → visible main assets carrying it, newest first. */
  #tagged = new Map<string, Map<string, Asset[]>>()
  /** Per library: bytes of its live assets and their variants. */
  #storage = new Map<string, number>()
  #queue: Promise<unknown> = Promise.resolve()

  private constructor(private readonly now: () => number) {}

  static async load(records: WorldRecords, now: () => number = Date.now): Promise<World> {
    const world = new World(now)
    world.#sequence = records.sequence
    for (const organization of await appendRecords(world.organizations, OrganizationRecord, records.organizations)) {
      world.#organizations.set(organization.id, organization)
    }
    for (const library of await appendRecords(world.libraries, LibraryRecord, records.libraries)) world.#setLibrary(library)
    for (const key of await appendRecords(world.keys, KeyRecord, records.keys)) world.#keys.set(key.id, key)
    await world.insertAssets(records.assets)
    return world
  }

  /** The world as plain data, for snapshots and for comparing worlds. */
  toRecords(): WorldRecords {
    return structuredClone({
      organizations: [...this.#organizations.values()],
      libraries: [...this.#libraries.values()],
      keys: [...this.#keys.values()],
      assets: [...this.#assets.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
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

  /** The asset if it is a visible main asset of that library (not trashed, not processing, not a variant). */
  visibleAsset(library: Library, assetId: string): Asset | undefined {
    this.#finishProcessing(library)
    const asset = this.#assets.get(assetId)
    if (!asset || asset.organizationId !== library.organizationId || asset.libraryId !== library.id) return undefined
    return this.#placement.get(asset.id) === 'visible' ? asset : undefined
  }

  /** Visible main assets of a library, newest first. */
  visibleAssets(library: Library): readonly Asset[] {
    this.#finishProcessing(library)
    return this.#visible.get(libraryKey(library.organizationId, library.id)) ?? []
  }

  /**
   * The first `limit` visible main assets of a library carrying any of `tags`
   * (as clients see them), newest first: a merge of the tag lists that stops at
   * `limit`, so a filtered page never scans the whole library.
   */
  visibleAssetsWithAnyTag(library: Library, tags: readonly string[], limit: number): Asset[] {
    this.#finishProcessing(library)
    const byTag = this.#tagged.get(libraryKey(library.organizationId, library.id))
    const lists = tags.map((tag) => byTag?.get(tag) ?? []).filter((list) => list.length > 0)
    if (lists.length === 1) return lists[0]!.slice(0, limit)
    const heads = lists.map(() => 0)
    const merged: Asset[] = []
    while (merged.length < limit) {
      let best = -1
      for (let i = 0; i < lists.length; i++) {
        const candidate = lists[i]![heads[i]!]
        if (candidate && (best < 0 || newerFirst(candidate, lists[best]![heads[best]!]!) < 0)) best = i
      }
      if (best < 0) break
      const next = lists[best]![heads[best]!]!
      // An asset with several of the tags heads several lists at once: take it once.
      for (let i = 0; i < lists.length; i++) if (lists[i]![heads[i]!] === next) heads[i]!++
      merged.push(next)
    }
    return merged
  }

  variantsOf(assetId: string): Asset[] {
    return (this.#variants.get(assetId) ?? []).map((id) => this.#assets.get(id)!)
  }

  trashCount(library: Library): number {
    return this.#trashed.get(libraryKey(library.organizationId, library.id))?.size ?? 0
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

  // Writes

  async insertOrganization(values: Organization): Promise<Organization> {
    const record = await this.organizations.create(values)
    this.#organizations.set(record.id, record)
    return record
  }

  async updateOrganization(organization: Organization, patch: Partial<Organization>): Promise<Organization> {
    const next = await this.#update(this.organizations, organization, patch)
    this.#organizations.set(next.id, next)
    return next
  }

  async insertLibrary(values: Library): Promise<Library> {
    const record = await this.libraries.create(values)
    this.#setLibrary(record)
    return record
  }

  async updateLibrary(library: Library, patch: Pick<Partial<Library>, 'name'>): Promise<Library> {
    const next = await this.#update(this.libraries, library, patch)
    this.#setLibrary(next)
    return next
  }

  async insertKey(values: Key): Promise<Key> {
    const record = await this.keys.create(values)
    this.#keys.set(record.id, record)
    return record
  }

  async updateKey(key: Key, patch: Partial<Key>): Promise<Key> {
    const next = await this.#update(this.keys, key, patch)
    this.#keys.set(next.id, next)
    return next
  }

  /**
   * Inserts many assets at once (a world's load, a big library in a benchmark):
   * each touched library's list is appended to and sorted once, and its tag
   * lists rebuilt from it in order, instead of one sorted insertion per asset.
   */
  async insertAssets(values: readonly Asset[]): Promise<void> {
    const records = await appendRecords(this.assets, AssetRecord, values)
    const parents = new Set<Asset>()
    for (const record of records) {
      if (record.parentId === null) continue
      const parent = this.#assets.get(record.parentId)
      if (parent && this.#placement.has(parent.id)) parents.add(parent)
    }
    // Placed parents leave the indexes while their variants join, so their storage counts the variants.
    for (const parent of parents) this.#unplace(parent)
    for (const record of records) {
      this.#assets.set(record.id, record)
      if (record.parentId !== null) listOf(this.#variants, record.parentId).push(record.id)
    }
    const touched = new Set<string>()
    for (const asset of [...records.filter((record) => record.parentId === null), ...parents]) {
      this.#place(asset, touched)
    }
    for (const key of touched) {
      const visible = this.#visible.get(key)!.sort(newerFirst)
      const byTag = new Map<string, Asset[]>()
      for (const asset of visible) for (const tag of new Set(asset.tags.map(tagName))) listOf(byTag, tag).push(asset)
      this.#tagged.set(key, byTag)
    }
  }

  async insertAsset(values: Asset): Promise<Asset> {
    const record = await this.assets.create(values)
    const parent = record.parentId === null ? undefined : this.#assets.get(record.parentId)
    if (parent) this.#unplace(parent)
    this.#assets.set(record.id, record)
    if (record.parentId === null) this.#place(record)
    else {
      this.#variants.set(record.parentId, [...(this.#variants.get(record.parentId) ?? []), record.id])
      if (parent) this.#place(parent)
    }
    return record
  }

  /** Updates a main asset; its variants follow it to another library. */
  async updateAsset(asset: Asset, patch: Partial<Asset>): Promise<Asset> {
    const next = await this.#update(this.assets, asset, patch)
    const variants = patch.libraryId === undefined ? [] : this.variantsOf(asset.id)
    const movedVariants = await Promise.all(
      variants.map((variant) => this.#update(this.assets, variant, { libraryId: next.libraryId })),
    )
    // Indexes change in one synchronous step, so no reader sees the asset half-moved.
    this.#unplace(asset)
    for (const variant of movedVariants) this.#assets.set(variant.id, variant)
    this.#assets.set(next.id, next)
    this.#place(next)
    return next
  }

  async #update<T extends { id: string }>(
    collection: Collection<any>,
    record: T,
    patch: Partial<T>,
  ): Promise<T> {
    const next = await collection.update(record as never, {
      data(draft: T) {
        Object.assign(draft, patch)
      },
    })
    if (!next) throw new Error(`Record ${record.id} is not in its collection`)
    return next as unknown as T
  }

  #setLibrary(library: Library): void {
    this.#libraries.set(libraryKey(library.organizationId, library.id), library)
    const siblings = (this.#librariesByOrganization.get(library.organizationId) ?? []).filter((l) => l.id !== library.id)
    siblings.push(library)
    siblings.sort((a, b) => a.position - b.position)
    this.#librariesByOrganization.set(library.organizationId, siblings)
  }

  /** Runs for every asset placed, so it reads the ids directly rather than building variantsOf's array. */
  #bytesWithVariants(asset: Asset): number {
    let bytes = asset.size
    for (const id of this.#variants.get(asset.id) ?? []) bytes += this.#assets.get(id)!.size
    return bytes
  }

  /**
   * Puts a main asset in the indexes its state calls for. With `touched`, a
   * visible asset is only appended to its library's list, and the library noted
   * there: the caller sorts that list and rebuilds the tag lists from it.
   */
  #place(asset: Asset, touched?: Set<string>): void {
    const key = libraryKey(asset.organizationId, asset.libraryId)
    if (asset.trashedAt !== null) {
      this.#placement.set(asset.id, 'trashed')
      setOf(this.#trashed, key).add(asset.id)
      return
    }
    this.#storage.set(key, (this.#storage.get(key) ?? 0) + this.#bytesWithVariants(asset))
    if (asset.processingUntil !== null && asset.processingUntil > this.now()) {
      this.#placement.set(asset.id, 'processing')
      setOf(this.#processing, key).add(asset.id)
      return
    }
    this.#placement.set(asset.id, 'visible')
    const counts = this.#tagCounts.get(key) ?? new Map<string, number>()
    for (const tag of asset.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1)
    this.#tagCounts.set(key, counts)
    if (touched) {
      touched.add(key)
      listOf(this.#visible, key).push(asset)
      return
    }
    insertSorted(listOf(this.#visible, key), asset)
    const byTag = this.#tagged.get(key) ?? new Map<string, Asset[]>()
    for (const tag of new Set(asset.tags.map(tagName))) insertSorted(listOf(byTag, tag), asset)
    this.#tagged.set(key, byTag)
  }

  /** The exact inverse of #place. */
  #unplace(asset: Asset): void {
    const key = libraryKey(asset.organizationId, asset.libraryId)
    const placement = this.#placement.get(asset.id)
    this.#placement.delete(asset.id)
    if (placement === 'trashed') {
      this.#trashed.get(key)?.delete(asset.id)
      return
    }
    this.#storage.set(key, (this.#storage.get(key) ?? 0) - this.#bytesWithVariants(asset))
    if (placement === 'processing') {
      this.#processing.get(key)?.delete(asset.id)
      return
    }
    removeFrom(this.#visible.get(key), asset)
    const byTag = this.#tagged.get(key)
    for (const tag of new Set(asset.tags.map(tagName))) removeFrom(byTag?.get(tag), asset)
    const counts = this.#tagCounts.get(key)!
    for (const tag of asset.tags) {
      const count = (counts.get(tag) ?? 0) - 1
      if (count > 0) counts.set(tag, count)
      else counts.delete(tag)
    }
  }

  /** Uploads whose processing time has passed become visible when someone looks. */
  #finishProcessing(library: Library): void {
    const pending = this.#processing.get(libraryKey(library.organizationId, library.id))
    if (!pending?.size) return
    const now = this.now()
    for (const id of [...pending]) {
      const asset = this.#assets.get(id)!
      if (asset.processingUntil !== null && asset.processingUntil <= now) {
        this.#unplace(asset)
        this.#place(asset)
      }
    }
  }
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key)
  if (!set) map.set(key, (set = new Set()))
  return set
}

function listOf<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key)
  if (!list) map.set(key, (list = []))
  return list
}

function insertSorted(list: Asset[], asset: Asset): void {
  list.splice(insertionIndex(list, asset), 0, asset)
}

function removeFrom(list: Asset[] | undefined, asset: Asset): void {
  if (!list) return
  const index = insertionIndex(list, asset)
  if (list[index]?.id === asset.id) list.splice(index, 1)
}

/** Binary search for where `asset` stands (or would stand) in a newest-first list. */
function insertionIndex(list: readonly Asset[], asset: Asset): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (newerFirst(list[middle]!, asset) < 0) low = middle + 1
    else high = middle
  }
  return low
}
