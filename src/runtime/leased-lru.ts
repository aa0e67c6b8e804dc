import { Lru } from '../util/bounded-cache.js'

/**
 * The world registry's caps (sessions, scenario worlds): an `Lru` whose entries a request in flight is using
 * (leased) are never evicted, so a write in flight always lands in a world that is kept, and its files with it.
 * A request leases its key before it uses it; while every slot is leased to other keys it waits for one to be
 * released, so the entries held (being built included) never exceed the cap, however many requests run at once.
 * Only a `set` made outside any lease (a test's `runtime.world()`, a restore) with every entry leased falls back
 * to the plain Lru's eviction.
 *
 * @example
 * const sessions = new LeasedLru<World>(2, (key, world) => files.release(world))
 * const release = await sessions.lease('a') // waits while two other keys are leased
 * sessions.set('a', world) // evicts the least recently used entry that no request is using
 * release()
 */
export class LeasedLru<V> extends Lru<V> {
  /** Keys in use, with how many leases each: a key may be leased before it has an entry. */
  readonly #leases = new Map<string, number>()
  #waiting: Array<() => void> = []

  constructor(
    readonly capacity: number,
    private readonly evicted: (key: string, value: V) => void,
  ) {
    super(capacity, evicted)
  }

  /** Sets `key` as the most recently used, first evicting the least recently used entry that is not leased. */
  override set(key: string, value: V): V {
    if (this.peek(key) === undefined && this.size >= this.capacity) {
      for (const [oldest, held] of this.entries()) {
        if (this.#leases.has(oldest)) continue
        this.delete(oldest)
        this.evicted(oldest, held)
        break
      }
    }
    return super.set(key, value)
  }

  /** Takes a lease on `key`, waiting while every slot is leased to other keys; call what it returns to release it. */
  async lease(key: string): Promise<() => void> {
    while (!this.#leases.has(key) && this.#leases.size >= this.capacity) {
      await new Promise<void>((wake) => this.#waiting.push(wake))
    }
    this.#leases.set(key, (this.#leases.get(key) ?? 0) + 1)
    let held = true
    return () => {
      if (!held) return
      held = false
      const count = this.#leases.get(key)! - 1
      if (count > 0) return void this.#leases.set(key, count)
      this.#leases.delete(key)
      // Every waiter looks again: the first to run takes the slot, the others wait on.
      const waiting = this.#waiting
      this.#waiting = []
      for (const wake of waiting) wake()
    }
  }
}
