import { crc32, inflateSync } from 'node:zlib'
import { imageSize } from 'image-size'
import { describe, expect, it } from 'vitest'
import { concat } from './bytes.js'
import type { Rgb } from './format.js'
import type { PaddedImage } from './padded.js'
import { encodePng, padPng } from './png.js'

const from: Rgb = [230, 120, 60]
const to: Rgb = [20, 60, 140]
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Every chunk after the signature, each checked against its CRC. */
function chunks(png: Uint8Array): Array<{ type: string; data: Uint8Array }> {
  expect([...png.subarray(0, 8)]).toEqual(SIGNATURE)
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  const found: Array<{ type: string; data: Uint8Array }> = []
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at)
    const type = new TextDecoder().decode(png.subarray(at + 4, at + 8))
    expect(view.getUint32(at + 8 + length), `the CRC of ${type}`).toBe(crc32(png.subarray(at + 4, at + 8 + length)))
    found.push({ type, data: png.subarray(at + 8, at + 8 + length) })
    at += 12 + length
  }
  return found
}

/** The whole file of a padded image, zeros written out. */
const written = ({ head, zeros, tail }: PaddedImage) => concat(concat(head, new Uint8Array(zeros)), tail)

/** The palette indexes of each row, undoing the Sub and Up filters (the only ones the encoder uses). */
function rows(width: number, height: number, idat: Uint8Array): Uint8Array[] {
  const raw = inflateSync(idat)
  expect(raw).toHaveLength(height * (1 + width))
  const decoded: Uint8Array[] = []
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (1 + width)]
    const row = Uint8Array.from(raw.subarray(y * (1 + width) + 1, (y + 1) * (1 + width)))
    expect([1, 2]).toContain(filter)
    for (let x = 0; x < width; x++) row[x] = (row[x]! + (filter === 1 ? (row[x - 1] ?? 0) : decoded[y - 1]![x]!)) & 0xff
    decoded.push(row)
  }
  return decoded
}

describe('the PNG encoder', () => {
  it.each([[1, 1], [7, 3], [16, 16], [17, 33], [640, 480]] as const)('writes a %i×%i palette PNG', (width, height) => {
    const png = written(padPng(encodePng(width, height, from, to), 0))
    const found = chunks(png)
    expect(found.map(({ type }) => type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND'])
    const header = new DataView(found[0]!.data.buffer, found[0]!.data.byteOffset)
    // Width, height, 8 bits, colour type 3 (palette), deflate, adaptive filters, no interlace.
    expect([header.getUint32(0), header.getUint32(4), ...found[0]!.data.subarray(8)]).toEqual([width, height, 8, 3, 0, 0, 0])
    expect(imageSize(png)).toMatchObject({ type: 'png', width, height })
    expect(rows(width, height, found[2]!.data)).toHaveLength(height)
  })

  it('paints the gradient: the first colour at the top left, the last at the bottom right', () => {
    const [width, height] = [400, 300]
    const found = chunks(written(padPng(encodePng(width, height, from, to), 0)))
    const palette = found[1]!.data
    expect(palette).toHaveLength(64 * 3)
    const colour = (index: number) => [...palette.subarray(index * 3, index * 3 + 3)]
    expect(colour(0)).toEqual([...from])
    expect(colour(63)).toEqual([...to])
    const pixels = rows(width, height, found[2]!.data)
    const near = (actual: number[], expected: Rgb) => actual.forEach((value, c) => expect(Math.abs(value - expected[c]!)).toBeLessThanOrEqual(8))
    near(colour(pixels[0]![0]!), from)
    near(colour(pixels[height - 1]![width - 1]!), to)
    // Never darker-to-lighter backwards: indexes grow along every row.
    expect(pixels.every((row) => row.every((index, x) => x === 0 || index >= row[x - 1]!))).toBe(true)
  })
})

describe('padding a PNG', () => {
  const png = encodePng(64, 48, from, to)
  const IEND = 12

  it('pads in an ancillary paDd chunk before IEND, to exactly the size asked', () => {
    const size = png.length + IEND + 5000
    const padded = padPng(png, size)
    const file = written(padded)
    expect(file).toHaveLength(size)
    const found = chunks(file)
    expect(found.map(({ type }) => type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'paDd', 'IEND'])
    expect(found[3]!.data.every((byte) => byte === 0)).toBe(true)
    expect(padded.zeros).toBe(5000 - 12)
  })

  it('pads an empty paDd chunk when exactly its framing is missing', () => {
    const file = written(padPng(png, png.length + IEND + 12))
    expect(chunks(file).map(({ type }) => type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'paDd', 'IEND'])
  })

  it('puts fewer bytes than a chunk’s framing after IEND', () => {
    for (const missing of [1, 11]) {
      const padded = padPng(png, png.length + IEND + missing)
      expect(padded.zeros).toBe(missing)
      expect(written(padded)).toHaveLength(png.length + IEND + missing)
      expect(chunks(padded.head).at(-1)!.type).toBe('IEND')
    }
  })

  it('never cuts the image when the size asked is smaller', () => {
    const padded = padPng(png, 10)
    expect(padded.zeros).toBe(0)
    expect(padded.head).toHaveLength(png.length + IEND)
  })
})
