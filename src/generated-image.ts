import { BoundedCache } from './util/bounded-cache.js'

/**
 * Encoded images (before padding) by key, least recently used dropped first
 * once they hold more than `maxBytes`: a gallery asks for the same thumbnails
 * again and again, and a bound keeps crafted URLs from filling the heap.
 * The encoders are in `images/`.
 */
export class ImageCache {
  readonly #images: BoundedCache<string, Uint8Array>

  constructor(readonly maxBytes: number) {
    this.#images = new BoundedCache({ maxWeight: maxBytes, weigh: (_, bytes) => bytes.length })
  }

  /** The image of `key`, made with `make` (and kept, unless it alone is over the bound) when not held. */
  get(key: string, make: () => Uint8Array): Uint8Array {
    return this.#images.get(key) ?? this.#images.set(key, make())
  }

  readonly #making = new Map<string, Promise<Uint8Array>>()

  /**
   * The image of `key`, made with the asynchronous `make` when not held; requests for one key while it is being
   * made share that making (a gallery asks for the same rendition many times at once).
   */
  async getAsync(key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const held = this.#images.get(key)
    if (held) return held
    let making = this.#making.get(key)
    if (!making) {
      making = make().then((bytes) => this.#images.set(key, bytes))
      this.#making.set(key, making)
      const done = () => this.#making.delete(key)
      making.then(done, done)
    }
    return making
  }

  /** Bytes held now. */
  get size(): number {
    return this.#images.weight
  }
}
