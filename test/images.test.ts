import { encode } from 'blurhash'
import { describe, expect, it } from 'vitest'
import { BLURHASH_SIZE, encodeBlurhash16 } from '../src/gradient-blurhash.js'
import { ImageCache } from '../src/generated-image.js'
import { blurhashForHue, gradientPixels } from '../src/images.js'

describe('the table-driven blurhash encoder', () => {
  const encodeWithPackage = (pixels: Uint8ClampedArray) => encode(pixels, BLURHASH_SIZE, BLURHASH_SIZE, 4, 3)

  it('gives the blurhash package’s string for the gradient of every hue', () => {
    for (let hue = 0; hue < 360; hue++) {
      expect(blurhashForHue(hue)).toBe(encodeWithPackage(gradientPixels(hue)))
    }
  })

  it('gives the package’s string for arbitrary pixels', () => {
    let state = 7
    const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % 256
    for (let round = 0; round < 50; round++) {
      const pixels = Uint8ClampedArray.from({ length: BLURHASH_SIZE * BLURHASH_SIZE * 4 }, random)
      expect(encodeBlurhash16(pixels)).toBe(encodeWithPackage(pixels))
    }
  })
})

describe('the cache of generated images', () => {
  const bytes = (length: number) => () => new Uint8Array(length)

  it('holds at most its byte bound, dropping the least recently used first', () => {
    const cache = new ImageCache(1000)
    cache.get('a', bytes(400))
    cache.get('b', bytes(400))
    cache.get('a', bytes(400)) // a is now the most recently used
    cache.get('c', bytes(400))
    expect(cache.size).toBe(800)
    let made = 0
    const counted = (length: number) => () => (made++, new Uint8Array(length))
    cache.get('a', counted(400))
    cache.get('c', counted(400))
    expect(made).toBe(0)
    cache.get('b', counted(400))
    expect(made).toBe(1)
    expect(cache.size).toBeLessThanOrEqual(1000)
  })

  it('never keeps what alone exceeds the bound', () => {
    const cache = new ImageCache(1000)
    expect(cache.get('big', bytes(5000))).toHaveLength(5000)
    expect(cache.size).toBe(0)
  })
})
