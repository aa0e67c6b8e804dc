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

  /** Bytes held now. */
  get size(): number {
    return this.#images.weight
  }
}
