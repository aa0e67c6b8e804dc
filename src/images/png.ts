/**
 * The PNG of a gradient, from plain arithmetic like the JPEG: 16-row bands whose repeated rows deflate to runs,
 * so it never touches every pixel either.
 */

import { Bytes, concat } from './bytes.js'
import { CRC_START, crcUpdate, crcZeros } from './crc32.js'
import { RunDeflater } from './deflate.js'
import type { Rgb } from './format.js'
import type { PaddedImage } from './padded.js'

/** Writes a chunk: its length, type, data and the CRC of type and data. */
function chunk(out: Bytes, type: string, data: Uint8Array): void {
  const typeBytes = Uint8Array.from(type, (c) => c.charCodeAt(0))
  out.pushUint32(data.length)
  out.pushAll(typeBytes)
  out.pushAll(data)
  out.pushUint32(~crcUpdate(crcUpdate(CRC_START, typeBytes), data) >>> 0)
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const PALETTE = 64
const BAND = 16

/**
 * A PNG of 64 colours of the gradient, in bands of 16 rows: a band's first row is sent Sub-filtered (zeros where
 * the colour does not change), the others Up-filtered (all zeros). Without IEND: `padPng` ends it.
 */
export function encodePng(width: number, height: number, from: Rgb, to: Rgb): Uint8Array {
  const out = new Bytes()
  out.pushAll(PNG_SIGNATURE)
  const header = new Bytes()
  header.pushUint32(width)
  header.pushUint32(height)
  header.pushAll([8, 3, 0, 0, 0])
  chunk(out, 'IHDR', header.done())
  const palette = (i: number) => {
    const [c, t] = [i % 3, Math.floor(i / 3) / (PALETTE - 1)]
    return Math.round(from[c]! + (to[c]! - from[c]!) * t)
  }
  chunk(out, 'PLTE', Uint8Array.from({ length: PALETTE * 3 }, (_, i) => palette(i)))

  const deflate = new RunDeflater()
  for (let y = 0; y < height; y++) {
    if (y % BAND) {
      deflate.run(2, 1)
      deflate.run(0, width)
      continue
    }
    const v = Math.min(y + BAND / 2, height) / height
    deflate.run(1, 1)
    let previous = 0
    let runByte = -1
    let runLength = 0
    for (let x = 0; x < width; x++) {
      const index = Math.round((((x + 0.5) / width + v) / 2) * (PALETTE - 1))
      const filtered = (index - previous) & 0xff
      previous = index
      if (filtered === runByte) runLength++
      else {
        if (runLength) deflate.run(runByte, runLength)
        runByte = filtered
        runLength = 1
      }
    }
    deflate.run(runByte, runLength)
  }
  chunk(out, 'IDAT', deflate.done())
  return out.done()
}

const IEND = (() => {
  const out = new Bytes()
  chunk(out, 'IEND', new Uint8Array(0))
  return out.done()
})()
/** A private, ancillary, safe-to-copy chunk ("paDd") that decoders skip: where the padding goes. */
const PAD_TYPE = Uint8Array.from('paDd', (c) => c.charCodeAt(0))

/**
 * A PNG (from `encodePng`) padded to `size` bytes: zeros in a padding chunk before IEND, or, when fewer than a
 * chunk's 12 bytes of framing are missing, after IEND, where decoders stop reading.
 */
export function padPng(png: Uint8Array, size: number): PaddedImage {
  const pad = size - png.length - IEND.length
  if (pad < 12) return { head: concat(png, IEND), zeros: Math.max(0, pad), tail: new Uint8Array(0) }
  const zeros = pad - 12
  const framing = new Bytes()
  framing.pushUint32(zeros)
  framing.pushAll(PAD_TYPE)
  const crc = new Bytes()
  crc.pushUint32(~crcZeros(crcUpdate(CRC_START, PAD_TYPE), zeros) >>> 0)
  return { head: concat(png, framing.done()), zeros, tail: concat(crc.done(), IEND) }
}
