import { libraryKey } from './ids.js'
import { LayeredMap } from './layered-map.js'
import { tagName, type Asset, type Library } from './records.js'
import { SortedList } from './sorted-list.js'

/**
 * The one processing rule: an upload is processing, with no thumbnails yet and absent from lists, until its
 * `processingUntil` has passed by the mock's clock.
 *
 * @example
 * isProcessing(asset, world.now()) // true for an upload made less than `processingMs` ago
 */
export function isProcessing(asset: Pick<Asset, 'processingUntil'>, now: number): boolean {
  return asset.processingUntil !== null && asset.processingUntil > now
}

/** Where a main asset is listed: with the visible ones, the uploads still processing, or the trash. */
type Placement = 'visible' | 'processing' | 'trashed'

/** Newest first; ties broken by id so the order is total and stable. */
function newerFirst(a: Asset, b: Asset): number {
  return b.created - a.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** A library's list of the visible assets carrying one tag (as clients see it). */
const tagKey = (library: string, tag: string) => `${library}\u0000${tag}`

/**
 * The assets of one world layer and the indexes that let a request touch only what it needs: by id, the
 * variants of each main asset, and per library the visible main assets newest first, the uploads processing,
 * the trash, the tag lists and counts and the bytes stored. Each index is a LayeredMap over the same index of
 * the layer below, so a layer holds only what it changed. `update` keeps them in step with the records in one
 * synchronous call; the reads bring uploads whose processing time has passed into the visible lists first.
 */
export class AssetIndex {
  #frozen = false
  /** Whether this index holds nothing, here or below: true until its first update. */
  #empty: boolean
  readonly #assets: LayeredMap<Asset>
  /** Per main asset: its variants' ids, in the order they were made. */
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

  /**
   * @param now The mock's clock, which decides when an upload is done processing.
   * @param below The index of the (frozen) layer below, read through for everything this one did not change.
   */
  constructor(
    readonly now: () => number,
    below?: AssetIndex,
  ) {
    this.#empty = below === undefined
    const over = <V>(map: (index: AssetIndex) => LayeredMap<V>) => new LayeredMap(below && map(below))
    this.#assets = over((index) => index.#assets)
    this.#variants = over((index) => index.#variants)
    this.#placement = over((index) => index.#placement)
    this.#visible = over((index) => index.#visible)
    this.#processing = over((index) => index.#processing)
    this.#trashed = over((index) => index.#trashed)
    this.#tagCounts = over((index) => index.#tagCounts)
    this.#tagged = over((index) => index.#tagged)
    this.#storage = over((index) => index.#storage)
  }

  /** Stops the reads from moving finished uploads: a frozen world holds no uploads, and layers read through it. */
  freeze(): void {
    this.#frozen = true
  }

  asset(id: string): Asset | undefined {
    return this.#assets.get(id)
  }

  /** Every asset (main assets and variants, in any state). */
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

  /** Whether `records` are the asset's variants now, in order, compared without making variantsOf's array. */
  hasVariants(assetId: string, records: readonly Asset[]): boolean {
    const ids = this.#variants.get(assetId) ?? NO_VARIANTS
    if (ids.length !== records.length) return false
    for (let i = 0; i < ids.length; i++) if (this.#assets.get(ids[i]!) !== records[i]) return false
    return true
  }

  trashCount(library: Library): number {
    return this.#trashed.get(libraryKey(library.organizationId, library.id))?.size ?? 0
  }

  /** A library's main assets in trash. */
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

  /**
   * Brings the index up to date with `written` records (new, or new versions by id) and the removed ids, in one
   * synchronous step so no reader sees an asset half-moved. Takes the changed assets out of the indexes (each
   * main asset touched, and the parent of each variant touched, whose storage counts its variants), changes
   * the records, and puts what remains back in.
   *
   * @example
   * index.update([{ ...asset, trashedAt: now }], []) // the asset leaves the visible list for the trash
   */
  update(written: readonly Asset[], removedIds: readonly string[]): void {
    // A world's load writes into an index that holds nothing and has nothing below: nothing to take out first.
    if (this.#empty && !removedIds.length) return this.#fill(written)
    this.#empty = false
    const touched = new Map<string, Asset>()
    for (const asset of written) {
      this.#touch(touched, asset.id)
      this.#touch(touched, asset.parentId)
    }
    for (const id of removedIds) this.#touch(touched, id)
    for (const main of touched.values()) if (this.#placement.has(main.id)) this.#unplace(main)

    for (const id of removedIds) {
      const asset = this.#assets.get(id)
      if (!asset) continue
      if (asset.parentId !== null) this.#setVariants(asset.parentId, (ids) => ids.filter((other) => other !== id))
      this.#assets.delete(id)
    }
    this.#write(written)
    this.#placeTouched(written, touched)
  }

  /**
   * `update` of an empty index: the main assets written are placed in their order, as `update` would place them.
   * Only when an id comes twice (a later version replacing an earlier one) does it take update's general way.
   */
  #fill(written: readonly Asset[]): void {
    this.#empty = false
    if (this.#write(written)) return this.#placeTouched(written, new Map())
    let mains = 0
    for (let i = 0; i < written.length; i++) if (written[i]!.parentId === null) mains++
    const batch = mains > BATCH_FROM ? new Batch() : undefined
    for (let i = 0; i < written.length; i++) {
      const asset = written[i]!
      if (asset.parentId === null) this.#place(asset, batch)
    }
    if (batch) this.#flush(batch)
  }

  /** Adds to `touched` the main asset of `id` (itself, or its parent for a variant), if the index holds it. */
  #touch(touched: Map<string, Asset>, id: string | null): void {
    const asset = id ? this.#assets.get(id) : undefined
    const main = asset && (asset.parentId === null ? asset : this.#assets.get(asset.parentId))
    if (main && !touched.has(main.id)) touched.set(main.id, main)
  }

  /** Stores the written records and their variants' ids; returns whether one replaced a record already held. */
  #write(written: readonly Asset[]): boolean {
    let replaced = false
    for (const asset of written) {
      const previous = this.#assets.get(asset.id)
      if (previous) replaced = true
      if (previous?.parentId !== asset.parentId) {
        if (previous?.parentId) this.#setVariants(previous.parentId, (ids) => ids.filter((other) => other !== asset.id))
        if (asset.parentId !== null) this.#setVariants(asset.parentId, (ids) => [...ids, asset.id])
      }
      this.#assets.set(asset.id, asset)
    }
    return replaced
  }

  /** Puts back every main asset taken out (`touched`), every main asset written, and the parents of the variants written. */
  #placeTouched(written: readonly Asset[], touched: Map<string, Asset>): void {
    for (const asset of written) if (asset.parentId === null) touched.set(asset.id, asset)
    for (const asset of written) this.#touch(touched, asset.parentId)
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
    for (const [key, bytes] of batch.storage) this.#storage.set(key, (this.#storage.get(key) ?? 0) + bytes)
    // `added` is in order: concatenated after a sorted list it is two runs, which the sort merges in one pass.
    const merge = (list: SortedList<Asset> | undefined, added: Asset[]) =>
      SortedList.from(list ? [...list.toArray(), ...added].sort(newerFirst) : added, newerFirst)
    // A load's tags are a few strings shared by many assets: each is named once, not sliced again per asset.
    const names = new Map<string, string>()
    // One sort per library; each tag list takes its assets from it, already in order (most of a load's sorting).
    for (const [key, added] of batch.visible) {
      added.sort(newerFirst)
      this.#visible.set(key, merge(this.#visible.get(key), added))
      const tagged = new Map<string, Asset[]>()
      for (const asset of added) {
        const { tags } = asset
        for (let i = 0; i < tags.length; i++) {
          const stored = tags[i]!
          let tag = names.get(stored)
          if (tag === undefined) names.set(stored, (tag = tagName(stored)))
          if (!namedBefore(tags, i, tag)) pushTo(tagged, tag, asset)
        }
      }
      for (const [tag, list] of tagged) this.#tagged.set(tagKey(key, tag), merge(this.#tagged.get(tagKey(key, tag)), list))
    }
  }

  #setVariants(parentId: string, change: (ids: readonly string[]) => readonly string[]): void {
    const next = change(this.#variants.get(parentId) ?? [])
    if (next.length) this.#variants.set(parentId, next)
    else this.#variants.delete(parentId)
  }

  #visibleList(library: Library): SortedList<Asset> | undefined {
    this.#finishProcessing(library)
    return this.#visible.get(libraryKey(library.organizationId, library.id))
  }

  /** Runs for every asset placed, so it reads the ids directly rather than building variantsOf's array. */
  #bytesWithVariants(asset: Asset): number {
    let bytes = asset.size
    for (const id of this.#variants.get(asset.id) ?? NO_VARIANTS) bytes += this.#assets.get(id)!.size
    return bytes
  }

  /**
   * Puts a main asset in the indexes its state calls for. Index values are replaced, never changed in place;
   * with a batch, the new values are collected there and written by #flush. `now` says whether an upload is still
   * processing: the world's clock, or the time a request reads at (finishProcessingBy).
   */
  #place(asset: Asset, batch?: Batch, now = this.now()): void {
    const key = batch ? batch.libraryKey(asset) : libraryKey(asset.organizationId, asset.libraryId)
    if (asset.trashedAt !== null) {
      this.#placement.set(asset.id, 'trashed')
      return addTo(this.#trashed, batch?.trashed, key, asset.id)
    }
    if (batch) batch.storage.set(key, (batch.storage.get(key) ?? 0) + this.#bytesWithVariants(asset))
    else this.#storage.set(key, (this.#storage.get(key) ?? 0) + this.#bytesWithVariants(asset))
    if (isProcessing(asset, now)) {
      this.#placement.set(asset.id, 'processing')
      return addTo(this.#processing, batch?.processing, key, asset.id)
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

  /** Uploads whose processing time has passed by `now`, in every library, become visible: see WorldLayer.finishProcessingBy. */
  finishProcessingBy(now: number): void {
    if (this.#frozen) return
    for (const key of [...this.#processing.entries()].map(([key]) => key)) this.#finishPending(key, now)
  }

  /** Uploads whose processing time has passed become visible when someone looks (frozen worlds hold no uploads). */
  #finishProcessing(library: Library): void {
    if (!this.#frozen) this.#finishPending(libraryKey(library.organizationId, library.id), this.now())
  }

  #finishPending(key: string, now: number): void {
    const pending = this.#processing.get(key)
    if (!pending?.size) return
    for (const id of pending) {
      const asset = this.#assets.get(id)!
      if (!isProcessing(asset, now)) {
        this.#unplace(asset)
        this.#place(asset, undefined, now)
      }
    }
  }
}

const EMPTY = SortedList.from<Asset>([], newerFirst)
const NO_VARIANTS: readonly string[] = []

/** Above this many assets placed in one write, the indexes are built in a batch. */
const BATCH_FROM = 64

/** Index values collected while many assets are placed, written at once by AssetIndex#flush. */
class Batch {
  #organizationId = ''
  #libraryId = ''
  #key = ''
  readonly trashed = new Map<string, Set<string>>()
  readonly processing = new Map<string, Set<string>>()
  readonly counts = new Map<string, Map<string, number>>()
  readonly visible = new Map<string, Asset[]>()
  /** Per library: the bytes the batch's assets add. */
  readonly storage = new Map<string, number>()

  /** The asset's library key, made once per run of assets of one library (a load's come library by library). */
  libraryKey(asset: Asset): string {
    if (asset.libraryId !== this.#libraryId || asset.organizationId !== this.#organizationId) {
      this.#organizationId = asset.organizationId
      this.#libraryId = asset.libraryId
      this.#key = libraryKey(asset.organizationId, asset.libraryId)
    }
    return this.#key
  }
}

/** Adds `id` to the set of `key`: in `map` at once, or in the batch's `pending` sets (made from `map`'s). */
function addTo(map: LayeredMap<ReadonlySet<string>>, pending: Map<string, Set<string>> | undefined, key: string, id: string): void {
  if (!pending) return map.set(key, new Set(map.get(key)).add(id))
  let ids = pending.get(key)
  if (!ids) pending.set(key, (ids = new Set(map.get(key))))
  ids.add(id)
}

/** Appends `value` to the list of `key` in `lists`, starting the list if there is none. */
function pushTo<V>(lists: Map<string, V[]>, key: string, value: V): void {
  const list = lists.get(key)
  if (list) list.push(value)
  else lists.set(key, [value])
}

/** An asset's tags as clients see and filter them (a generated tag and a user tag of one name are one). */
const clientTags = (asset: Asset): ReadonlySet<string> => new Set(asset.tags.map(tagName))

/** Whether one of the first `count` stored tags is `tag` as clients see it (compared without slicing off a `*`): how a load lists each client tag once without making clientTags' set. */
function namedBefore(tags: readonly string[], count: number, tag: string): boolean {
  for (let j = 0; j < count; j++) {
    const other = tags[j]!
    if (other === tag || (other.length === tag.length + 1 && other.startsWith('*') && other.endsWith(tag))) return true
  }
  return false
}

function without(set: ReadonlySet<string> | undefined, id: string): ReadonlySet<string> {
  const next = new Set(set)
  next.delete(id)
  return next
}
