/** Marks a key this layer removed although a layer below still has it. */
const GONE: unique symbol = Symbol('gone')

/**
 * A map that holds only what its layer changed and reads through to the layer
 * below for everything else: the building block of copy-on-write worlds. A new
 * layer costs one small object (its own map is made on the first write), and
 * the layer below must not change while layers sit on it (frozen worlds).
 *
 * @example
 * const base = new LayeredMap<number>()
 * base.set('a', 1)
 * const layer = new LayeredMap(base)
 * layer.set('a', 2)
 * layer.get('a') // 2, while base.get('a') is still 1
 */
export class LayeredMap<V> {
  #own: Map<string, V | typeof GONE> | undefined

  constructor(private readonly below?: LayeredMap<V>) {}

  /**
   * The value in this layer, else the one below.
   *
   * @example
   * layer.get('a')
   */
  get(key: string): V | undefined {
    const own = this.#own?.get(key)
    if (own !== undefined) return own === GONE ? undefined : own
    return this.below?.get(key)
  }

  has(key: string): boolean {
    return this.get(key) !== undefined
  }

  /**
   * Sets `key` in this layer only.
   *
   * @example
   * layer.set('a', 3)
   */
  set(key: string, value: V): void {
    ;(this.#own ??= new Map()).set(key, value)
  }

  #shadow(key: string): void {
    ;(this.#own ??= new Map()).set(key, GONE)
  }

  /**
   * Removes `key` as this layer sees it; the layers below keep it.
   *
   * @example
   * layer.delete('a') // layer.get('a') is undefined, base.get('a') is not
   */
  delete(key: string): void {
    if (this.below?.has(key)) this.#shadow(key)
    else this.#own?.delete(key)
  }

  /**
   * Every entry as this layer sees it: the layers below in their order (with this
   * layer's values in place of theirs), then the keys this layer added.
   *
   * @example
   * [...layer.entries()]
   */
  *entries(): Generator<[string, V]> {
    if (this.below) {
      for (const [key, value] of this.below.entries()) {
        const own = this.#own?.get(key)
        if (own === undefined) yield [key, value]
        else if (own !== GONE) yield [key, own]
      }
    }
    for (const [key, value] of this.#own ?? []) {
      if (value !== GONE && !this.below?.has(key)) yield [key, value]
    }
  }

  *values(): Generator<V> {
    for (const [, value] of this.entries()) yield value
  }

  /** The entries this layer wrote (removals excluded): what it holds beyond the layers below. */
  *ownValues(): Generator<V> {
    for (const value of this.#own?.values() ?? []) if (value !== GONE) yield value
  }
}
