import { imageSize } from 'image-size'
import { describe, expect, it } from 'vitest'
import type { Rgb } from './format.js'
import { encodeJpeg, padJpeg } from './jpeg.js'

const from: Rgb = [230, 120, 60]
const to: Rgb = [20, 60, 140]
const sizes = [[1, 1], [7, 3], [16, 16], [17, 9], [400, 300], [6000, 4000]] as const

/** The marker segments before the scan, as [marker, body]. */
function segments(jpeg: Uint8Array): Array<[number, Uint8Array]> {
  const found: Array<[number, Uint8Array]> = []
  for (let at = 2; jpeg[at] === 0xff && jpeg[at + 1] !== 0xda; ) {
    const length = (jpeg[at + 2]! << 8) | jpeg[at + 3]!
    found.push([jpeg[at + 1]!, jpeg.subarray(at + 4, at + 2 + length)])
    at += 2 + length
  }
  return found
}

describe('the JPEG encoder', () => {
  it.each(sizes)('writes a %i×%i baseline JPEG from start to end of image', (width, height) => {
    const jpeg = encodeJpeg(width, height, from, to)
    expect([...jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8])
    expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9])
    expect(imageSize(jpeg)).toMatchObject({ type: 'jpg', width, height })
    const frame = segments(jpeg).find(([marker]) => marker === 0xc0)![1]
    // Precision, height, width, then three components.
    expect([frame[0], (frame[1]! << 8) | frame[2]!, (frame[3]! << 8) | frame[4]!, frame[5]]).toEqual([8, height, width, 3])
  })

  it('writes the headers a decoder needs, in order, and stuffs every 0xFF of the scan', () => {
    const jpeg = encodeJpeg(400, 300, from, to)
    expect(segments(jpeg).map(([marker]) => marker)).toEqual([0xe0, 0xdb, 0xc0, 0xc4])
    const scan = jpeg.indexOf(0xda, 2) - 1
    const data = jpeg.subarray(scan + 2 + ((jpeg[scan + 2]! << 8) | jpeg[scan + 3]!), -2)
    expect(data.every((byte, i) => byte !== 0xff || data[i + 1] === 0)).toBe(true)
  })

  it('stays small for a large original: about two bits a block', () => {
    expect(encodeJpeg(6000, 4000, from, to).length).toBeLessThan(200_000)
  })

  it('gives the same bytes for the same input, and others for other colours', () => {
    expect(encodeJpeg(33, 65, from, to)).toEqual(encodeJpeg(33, 65, from, to))
    expect(encodeJpeg(33, 65, from, to)).not.toEqual(encodeJpeg(33, 65, to, from))
  })
})

describe('padding a JPEG', () => {
  const jpeg = encodeJpeg(40, 30, from, to)

  it('adds zeros after the end of image, up to the size asked', () => {
    expect(padJpeg(jpeg, jpeg.length + 1000)).toEqual({ head: jpeg, zeros: 1000, tail: new Uint8Array(0) })
  })

  it('adds nothing when the size asked is not more than the encoding', () => {
    expect(padJpeg(jpeg, 10).zeros).toBe(0)
    expect(padJpeg(jpeg, jpeg.length).zeros).toBe(0)
  })
})
