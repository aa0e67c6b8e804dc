/**
 * The one bounded cache of the mock: the runtime's caps on sessions and scenario worlds, the generated images,
 * parsed GraphQL documents, list bodies, scenario combinations and the server log's GraphQL labels. It imports
 * nothing of the project, so every layer may use it.
 *
 * A `Map` keeps its keys in insertion order, so moving a key to the end (delete, then set) makes it the most
 * recent and the first key is always the least recent: every operation is O(1), with no list of its own.
 */

/** What a cache holds at most, by count, by total weight, or both, and whom it tells of what it drops. */
export type CacheLimits<K, V> = {
  /** The most entries kept. */
  maxEntries?: number
  /** Told of every entry dropped to stay within the limits (not of those deleted or replaced). */
  onEvict?: (key: K, value: V) => void
} & (
  | { maxWeight?: undefined; weigh?: undefined }
  | {
      /** The most total weight kept; an entry heavier than this alone is never kept. */
      maxWeight: number
      /** An entry's weight (bytes, characters): called when it comes in and when it goes, so it must not change. */
      weigh: (key: K, value: V) => number
    }
)

/** A cap from a user's options goes through here: it must be a whole number of at least 1. */
function checkedCap(cap: number | undefined): number {
  if (cap === undefined) return Infinity
  if (!Number.isInteger(cap) || cap < 1) throw new Error(`[raster-mock] A cap must be a whole number of at least 1, not ${cap}.`)
  return cap
}

/**
 * A map that keeps what its limits allow, dropping the least recently used (read with `get` or written with
 * `set`) beyond them, and telling `onEvict`.
 *
 * @example
 * const documents = new BoundedCache<string, DocumentNode>({ maxWeight: 1_000_000, weigh: (text) => text.length })
 * documents.set(query, parse(query))
 * documents.get(query) // the parsed document, now the most recently used
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>()
  readonly #maxEntries: number
  readonly #maxWeight: number
  readonly #weigh: ((key: K, value: V) => number) | undefined
  readonly #onEvict: ((key: K, value: V) => void) | undefined
  #weight = 0

  constructor(limits: CacheLimits<K, V>) {
    this.#maxEntries = checkedCap(limits.maxEntries)
    this.#maxWeight = checkedCap(limits.maxWeight)
    this.#weigh = limits.weigh
    this.#onEvict = limits.onEvict
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key)
    if (value !== undefined) {
      this.#entries.delete(key)
      this.#entries.set(key, value)
    }
    return value
  }

  /** The value, without making it more recent: for caches whose hits should not reorder them. */
  peek(key: K): V | undefined {
    return this.#entries.get(key)
  }

  /**
   * Sets `key` as the most recently used and drops the least recently used beyond the limits. An entry heavier
   * than `maxWeight` alone is not kept (keeping it would push out everything else).
   *
   * @returns `value`, so a miss can be filled and answered in one expression.
   */
  set(key: K, value: V): V {
    const entries = this.#entries
    const weigh = this.#weigh
    if (weigh) {
      this.delete(key)
      const weight = weigh(key, value)
      if (weight > this.#maxWeight) return value
      this.#weight += weight
    } else entries.delete(key)
    entries.set(key, value)
    if (entries.size <= this.#maxEntries && this.#weight <= this.#maxWeight) return value
    for (const [oldest, evicted] of entries) {
      if (entries.size <= this.#maxEntries && this.#weight <= this.#maxWeight) break
      entries.delete(oldest)
      if (weigh) this.#weight -= weigh(oldest, evicted)
      this.#onEvict?.(oldest, evicted)
    }
    return value
  }

  /** Removes `key`, without telling `onEvict`: the caller chose to. */
  delete(key: K): V | undefined {
    const value = this.#entries.get(key)
    if (value !== undefined && this.#weigh) this.#weight -= this.#weigh(key, value)
    this.#entries.delete(key)
    return value
  }

  /** The entries, least recently used first. */
  entries(): IterableIterator<[K, V]> {
    return this.#entries.entries()
  }

  /** How many entries it holds. */
  get size(): number {
    return this.#entries.size
  }

  /** The total weight it holds (0 without `weigh`). */
  get weight(): number {
    return this.#weight
  }

  clear(): void {
    this.#entries.clear()
    this.#weight = 0
  }
}

/**
 * A cache of at most `capacity` entries by string key: the runtime's caps on sessions, scenario worlds and
 * their notices.
 *
 * @example
 * const sessions = new Lru<World>(1000, (key, world) => files.release(world))
 * sessions.set('session-a', world)
 */
export class Lru<V> extends BoundedCache<string, V> {
  constructor(capacity: number, onEvict?: (key: string, value: V) => void) {
    super({ maxEntries: capacity, onEvict })
  }
}
