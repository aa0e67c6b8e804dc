import { describe, expect, it } from 'vitest'
import { gradientImage, onWhite, pad, resample, type Pixels } from './pixels.js'

const solid = (width: number, height: number, rgba: number[]): Pixels => {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let i = 0; i < data.length; i += 4) data.set(rgba, i)
  return { width, height, data }
}
const at = (image: Pixels, x: number, y: number) => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)]
const whole = (image: Pixels) => ({ x: 0, y: 0, width: image.width, height: image.height })

describe('resample', () => {
  it('averages the area each output pixel covers when shrinking', () => {
    // Columns alternate black and white: halved, every pixel is their mean.
    const stripes = solid(8, 2, [0, 0, 0, 255])
    for (let x = 1; x < 8; x += 2) for (let y = 0; y < 2; y++) stripes.data.set([255, 255, 255, 255], (y * 8 + x) * 4)
    const half = resample(stripes, whole(stripes), 4, 1)
    expect([half.width, half.height]).toEqual([4, 1])
    for (let x = 0; x < 4; x++) expect(at(half, x, 0)).toEqual([128, 128, 128, 255])
  })

  it('interpolates between neighbours when enlarging, and keeps a crop’s colours', () => {
    const image = gradientImage(2, 1, [0, 0, 0], [200, 200, 200])
    const wide = resample(image, whole(image), 8, 1)
    const reds = Array.from({ length: 8 }, (_, x) => at(wide, x, 0)[0]!)
    expect(reds).toEqual([...reds].sort((a, b) => a - b))
    const left = solid(4, 4, [10, 20, 30, 255])
    left.data.set([250, 0, 0, 255], (0 * 4 + 3) * 4)
    expect(at(resample(left, { x: 0, y: 1, width: 2, height: 2 }, 1, 1), 0, 0)).toEqual([10, 20, 30, 255])
  })

  it('does not let a transparent pixel’s colour bleed into its neighbours', () => {
    const image = solid(2, 1, [0, 0, 255, 255])
    image.data.set([255, 0, 0, 0], 0)
    expect(at(resample(image, whole(image), 1, 1), 0, 0)).toEqual([0, 0, 255, 128])
  })
})

describe('pad and onWhite', () => {
  it('draws the image at its offset on the background', () => {
    const padded = pad(solid(2, 2, [1, 2, 3, 255]), 4, 4, 1, 1, [9, 9, 9, 0])
    expect(at(padded, 0, 0)).toEqual([9, 9, 9, 0])
    expect(at(padded, 1, 1)).toEqual([1, 2, 3, 255])
    expect(at(padded, 3, 3)).toEqual([9, 9, 9, 0])
  })

  it('flattens transparency onto white', () => {
    expect(at(onWhite(solid(1, 1, [0, 0, 0, 0])), 0, 0)).toEqual([255, 255, 255, 255])
    expect(at(onWhite(solid(1, 1, [0, 0, 0, 255])), 0, 0)).toEqual([0, 0, 0, 255])
  })
})
