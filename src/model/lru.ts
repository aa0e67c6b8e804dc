/**
 * A map that keeps at most `capacity` entries, dropping the least recently used
 * (read with `get` or written with `set`) beyond it, and telling `onEvict`.
 *
 * @example
 * const sessions = new Lru<World>(1000, (key, world) => files.release(world))
 * sessions.set('session-a', world)
 */
export class Lru<V> {
  #entries = new Map<string, V>()

  constructor(
    readonly capacity: number,
    private readonly onEvict?: (key: string, value: V) => void,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`[raster-mock] A cap must be a whole number of at least 1, not ${capacity}.`)
  }

  /**
   * The value, now the most recently used.
   *
   * @example
   * sessions.get('session-a')
   */
  get(key: string): V | undefined {
    const value = this.#entries.get(key)
    if (value !== undefined) {
      this.#entries.delete(key)
      this.#entries.set(key, value)
    }
    return value
  }

  /** The value, without making it more recent. */
  peek(key: string): V | undefined {
    return this.#entries.get(key)
  }

  /**
   * Sets `key` as the most recently used, evicting the least recently used beyond the capacity.
   *
   * @example
   * sessions.set('session-b', world)
   */
  set(key: string, value: V): void {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    for (const [oldest, evicted] of this.#entries) {
      if (this.#entries.size <= this.capacity) break
      this.#entries.delete(oldest)
      this.onEvict?.(oldest, evicted)
    }
  }

  delete(key: string): V | undefined {
    const value = this.#entries.get(key)
    this.#entries.delete(key)
    return value
  }

  entries(): IterableIterator<[string, V]> {
    return this.#entries.entries()
  }

  get size(): number {
    return this.#entries.size
  }

  clear(): void {
    this.#entries.clear()
  }
}
