/** Items per chunk, about: a change copies one chunk and the list of chunks, never the items of the others. */
const CHUNK = 64

/**
 * An immutable list kept in the order of `compare` (a total order: 0 only for
 * the same item), stored in chunks. `insert` and `remove` return a new list
 * that shares every chunk but one with the old, so a world layer that changes
 * one asset of a 100,000-asset library pays for one chunk and the chunk
 * directory (~13 KB), not for a copy of the whole list.
 *
 * @example
 * const list = SortedList.from([1, 3], (a, b) => a - b)
 * list.insert(2).slice(0, 3) // [1, 2, 3]; `list` is still [1, 3]
 */
export class SortedList<T> implements Iterable<T> {
  #array: readonly T[] | undefined

  private constructor(
    private readonly chunks: ReadonlyArray<readonly T[]>,
    readonly length: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  /**
   * A list of `items`, which must already be in the order of `compare`.
   *
   * @example
   * SortedList.from(assets.sort(newerFirst), newerFirst)
   */
  static from<T>(items: readonly T[], compare: (a: T, b: T) => number): SortedList<T> {
    const chunks: T[][] = []
    for (let i = 0; i < items.length; i += CHUNK) chunks.push(items.slice(i, i + CHUNK))
    return new SortedList(chunks, items.length, compare)
  }

  /**
   * The list with `item` in its place.
   *
   * @example
   * const next = list.insert(asset) // list.length + 1 === next.length
   */
  insert(item: T): SortedList<T> {
    if (this.chunks.length === 0) return new SortedList([[item]], 1, this.compare)
    const c = Math.min(this.#chunkFor(item), this.chunks.length - 1)
    const chunk = this.chunks[c]!
    const grown = chunk.slice()
    grown.splice(this.#indexIn(chunk, item), 0, item)
    // A chunk twice the size is split, so one change never copies more than 2 × CHUNK items.
    const replacement = grown.length > 2 * CHUNK ? [grown.slice(0, CHUNK), grown.slice(CHUNK)] : [grown]
    return new SortedList(this.#replaced(c, replacement), this.length + 1, this.compare)
  }

  /**
   * The list without `item` (found by `compare`); the same list if it is not there.
   *
   * @example
   * list.remove(asset).length // list.length - 1 when asset was in it
   */
  remove(item: T): SortedList<T> {
    const c = this.#chunkFor(item)
    const chunk = this.chunks[c]
    if (!chunk) return this
    const index = this.#indexIn(chunk, item)
    if (index >= chunk.length || this.compare(chunk[index]!, item) !== 0) return this
    const shrunk = chunk.slice()
    shrunk.splice(index, 1)
    return new SortedList(this.#replaced(c, shrunk.length ? [shrunk] : []), this.length - 1, this.compare)
  }

  /**
   * Items `start` (inclusive) to `end` (exclusive), like `Array.prototype.slice` with non-negative bounds.
   *
   * @example
   * list.slice(50, 100) // the second page of 50
   */
  slice(start = 0, end = this.length): T[] {
    const out: T[] = []
    let offset = 0
    for (const chunk of this.chunks) {
      if (offset >= end) break
      const next = offset + chunk.length
      if (next > start) out.push(...chunk.slice(Math.max(0, start - offset), end - offset))
      offset = next
    }
    return out
  }

  /**
   * Every item as one array, made once per list (the list never changes).
   *
   * @example
   * list.toArray().filter(matches)
   */
  toArray(): readonly T[] {
    return (this.#array ??= this.chunks.flat() as T[])
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const chunk of this.chunks) yield* chunk
  }

  /** The first chunk whose last item is not before `item`; `chunks.length` when every chunk is. */
  #chunkFor(item: T): number {
    let low = 0
    let high = this.chunks.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.compare(this.chunks[middle]!.at(-1)!, item) < 0) low = middle + 1
      else high = middle
    }
    return low
  }

  /** Where `item` stands, or would stand, in `chunk`. */
  #indexIn(chunk: readonly T[], item: T): number {
    let low = 0
    let high = chunk.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.compare(chunk[middle]!, item) < 0) low = middle + 1
      else high = middle
    }
    return low
  }

  #replaced(index: number, replacement: ReadonlyArray<readonly T[]>): ReadonlyArray<readonly T[]> {
    return [...this.chunks.slice(0, index), ...replacement, ...this.chunks.slice(index + 1)]
  }
}
