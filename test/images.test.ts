import { encode } from 'blurhash'
import { describe, expect, it } from 'vitest'
import { BLURHASH_SIZE, encodeBlurhash16 } from '../src/gradient-blurhash.js'
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
