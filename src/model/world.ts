import { Collection } from '@msw/data'
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
  /** Per library: bytes of its live assets and their variants. */
  #storage = new Map<string, number>()
  #queue: Promise<unknown> = Promise.resolve()

  private constructor(private readonly now: () => number) {}

  static async load(records: WorldRecords, now: () => number = Date.now): Promise<World> {
    const world = new World(now)
    world.#sequence = records.sequence
    for (const organization of records.organizations) await world.insertOrganization(organization)
    for (const library of records.libraries) await world.insertLibrary(library)
    for (const key of records.keys) await world.insertKey(key)
    // Variants first, so a main asset's storage includes them when it is placed.
    for (const asset of records.assets) if (asset.parentId !== null) await world.insertAsset(asset)
    for (const asset of records.assets) if (asset.parentId === null) await world.insertAsset(asset)
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

  #bytesWithVariants(asset: Asset): number {
    return this.variantsOf(asset.id).reduce((sum, variant) => sum + variant.size, asset.size)
  }

  /** Puts a main asset in the indexes its state calls for. */
  #place(asset: Asset): void {
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
    const list = this.#visible.get(key) ?? []
    list.splice(insertionIndex(list, asset), 0, asset)
    this.#visible.set(key, list)
    const counts = this.#tagCounts.get(key) ?? new Map<string, number>()
    for (const tag of asset.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1)
    this.#tagCounts.set(key, counts)
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
    const list = this.#visible.get(key) ?? []
    const index = insertionIndex(list, asset)
    if (list[index]?.id === asset.id) list.splice(index, 1)
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
