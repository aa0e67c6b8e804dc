/**
 * The JPEG of a gradient, from plain arithmetic (no node: imports, no canvas), so the browser worker serves the
 * same bytes as Node. It never touches every pixel: it is made of 8×8 blocks that carry only their mean colour
 * (DC coefficients, ~2 bits a block), so a 6000×4000 original is a ~140 KB JPEG made in a few milliseconds.
 */

import { Bytes } from './bytes.js'
import type { Rgb } from './format.js'
import type { PaddedImage } from './padded.js'

// One Huffman table for every DC coefficient: category c (0–8) is c ones and a zero. And one for AC with a
// single symbol, end of block, as the one-bit code "0": every block is its mean colour only.
const DC_BITS = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
const DC_CATEGORIES = 9
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]

/** Writes entropy-coded bits MSB first, stuffing a zero after every 0xFF as JPEG requires. */
class JpegBits {
  #acc = 0
  #count = 0
  constructor(readonly out: Bytes) {}

  write(code: number, length: number): void {
    this.#acc = (this.#acc << length) | code
    this.#count += length
    while (this.#count >= 8) {
      this.#count -= 8
      const byte = (this.#acc >>> this.#count) & 0xff
      this.out.push(byte)
      if (byte === 0xff) this.out.push(0)
    }
    this.#acc &= (1 << this.#count) - 1
  }

  /** Fills the last byte with ones. */
  flush(): void {
    if (this.#count > 0) this.write((1 << (8 - this.#count)) - 1, 8 - this.#count)
  }
}

/** One block: the difference of its DC to the previous block's of the component, then end of block, in one write. */
function writeBlock(bits: JpegBits, diff: number): void {
  const magnitude = Math.abs(diff)
  const category = magnitude === 0 ? 0 : 32 - Math.clz32(magnitude)
  const extra = diff >= 0 ? diff : diff + (1 << category) - 1
  // Category code (c ones, a zero), c extra bits, the end-of-block "0": at most 18 bits.
  bits.write((((1 << (category + 1)) - 2) << category | extra) << 1, 2 * category + 2)
}

function segment(out: Bytes, marker: number, body: number[]): void {
  out.pushUint16(marker)
  out.pushUint16(body.length + 2)
  out.pushAll(body)
}

/** `[at 0, change over 0…1]` of each of Y, Cb and Cr (JFIF's conversion) along the gradient: linear, as RGB is. */
function ycbcrLine(from: Rgb, to: Rgb): Array<[number, number]> {
  const convert = ([r, g, b]: Rgb) => [
    0.299 * r + 0.587 * g + 0.114 * b,
    128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
    128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
  ]
  const [start, end] = [convert(from), convert(to)]
  return start.map((value, i) => [value, end[i]! - value])
}

/**
 * The DC quantizer for a quality (0–100), as libjpeg scales its tables (a base of 16), but never finer than 8:
 * at 8 the colours are already the gradient's to ±1, and the DC table holds differences up to 255.
 */
export function dcQuantizer(quality: number): number {
  const q = Math.max(1, Math.min(100, quality))
  const scale = q < 50 ? 5000 / q : 200 - 2 * q
  return Math.min(255, Math.max(8, Math.floor((16 * scale + 50) / 100)))
}

/**
 * A baseline JPEG, 4:2:0, every 8×8 block the gradient's colour at its centre. With a quantizer of 8 (quality 75
 * and above, the default) a block's quantized DC is its level minus 128, so the decoded colours are the gradient's
 * to ±1; a lower `quality` quantizes coarser (bands of colour, fewer bytes).
 */
export function encodeJpeg(width: number, height: number, from: Rgb, to: Rgb, quality = 75): Uint8Array {
  const quantizer = dcQuantizer(quality)
  const out = new Bytes()
  out.pushUint16(0xffd8)
  segment(out, 0xffe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
  segment(out, 0xffdb, [0, ...new Array<number>(64).fill(quantizer)])
  segment(out, 0xffc0, [8, height >>> 8, height & 0xff, width >>> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0])
  segment(out, 0xffc4, [
    0x00, ...DC_BITS, ...Array.from({ length: DC_CATEGORIES }, (_, c) => c),
    0x10, ...AC_BITS, 0x00,
  ])
  segment(out, 0xffda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0])

  const bits = new JpegBits(out)
  const lines = ycbcrLine(from, to)
  const previous = [0, 0, 0]
  /** The block of `component` centred on (x, y). */
  const emit = (component: number, x: number, y: number) => {
    const t = (Math.min(x, width) / width + Math.min(y, height) / height) / 2
    const [start, change] = lines[component]!
    const level = Math.round(Math.min(255, Math.max(0, start + change * t))) - 128
    const dc = Math.round((8 * level) / quantizer)
    writeBlock(bits, dc - previous[component]!)
    previous[component] = dc
  }
  const mcusX = Math.ceil(width / 16)
  const mcusY = Math.ceil(height / 16)
  for (let my = 0; my < mcusY; my++) {
    for (let mx = 0; mx < mcusX; mx++) {
      // The four luma blocks in the MCU's order: left to right, top to bottom; then Cb and Cr for all four.
      for (let block = 0; block < 4; block++) emit(0, mx * 16 + (block & 1) * 8 + 4, my * 16 + (block >> 1) * 8 + 4)
      emit(1, mx * 16 + 8, my * 16 + 8)
      emit(2, mx * 16 + 8, my * 16 + 8)
    }
  }
  bits.flush()
  out.pushUint16(0xffd9)
  return out.done()
}

/** A JPEG padded to `size` bytes: zeros after the end-of-image marker, where every decoder stops reading. */
export function padJpeg(jpeg: Uint8Array, size: number): PaddedImage {
  return { head: jpeg, zeros: Math.max(0, size - jpeg.length), tail: new Uint8Array(0) }
}
