/**
 * The bytes of a seeded asset's image: a real JPEG or PNG of the asset's
 * gradient at its width × height, padded to its exact byte size. Made from
 * plain arithmetic (no node: imports, no canvas), so the browser worker
 * serves the same bytes as Node.
 *
 * Neither encoder touches every pixel: the JPEG is made of 8×8 blocks that
 * carry only their mean colour (DC coefficients, ~2 bits a block), the PNG of
 * 16-row bands whose repeated rows deflate to runs. A 6000×4000 original is a
 * ~140 KB JPEG made in a few milliseconds; the padding is streamed, never
 * held in memory.
 */

export type ImageFormat = 'jpeg' | 'png'

/** A colour, RGB 0–255. The pictures are linear gradients from one colour (top left) to another (bottom right). */
export type Rgb = readonly [number, number, number]

/** An image as `head`, then `zeros` zero bytes, then `tail`: the padding is counted, not stored. */
export interface PaddedImage {
  head: Uint8Array
  zeros: number
  tail: Uint8Array
}

/** Its byte length. */
export const paddedLength = (image: PaddedImage) => image.head.length + image.zeros + image.tail.length

// ---------------------------------------------------------------- bit writers

/** A growable byte buffer. */
class Bytes {
  buffer = new Uint8Array(4096)
  length = 0

  push(byte: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2)
      grown.set(this.buffer)
      this.buffer = grown
    }
    this.buffer[this.length++] = byte
  }

  pushAll(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.push(bytes[i]!)
  }

  pushUint16(value: number): void {
    this.push(value >>> 8)
    this.push(value & 0xff)
  }

  pushUint32(value: number): void {
    this.pushUint16(value >>> 16)
    this.pushUint16(value & 0xffff)
  }

  done(): Uint8Array {
    return this.buffer.slice(0, this.length)
  }
}

// ---------------------------------------------------------------------- JPEG

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
 * A baseline JPEG, 4:2:0, every 8×8 block the gradient's colour at its centre. With a quantizer of 8 a block's
 * quantized DC is its level minus 128, so the decoded colours are the gradient's to ±1.
 */
export function encodeJpeg(width: number, height: number, from: Rgb, to: Rgb): Uint8Array {
  const out = new Bytes()
  out.pushUint16(0xffd8)
  segment(out, 0xffe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
  segment(out, 0xffdb, [0, ...new Array<number>(64).fill(8)])
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
    const dc = Math.round(Math.min(255, Math.max(0, start + change * t))) - 128
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

// ----------------------------------------------------------------------- PNG

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

/** The CRC register after `bytes` (not yet inverted). */
function crcUpdate(register: number, bytes: Uint8Array): number {
  let c = register
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return c >>> 0
}

const gf2Times = (matrix: Uint32Array, vector: number) => {
  let sum = 0
  for (let i = 0; vector; vector >>>= 1, i++) if (vector & 1) sum ^= matrix[i]!
  return sum >>> 0
}
const gf2Square = (matrix: Uint32Array) => matrix.map((row) => gf2Times(matrix, row))

/**
 * The CRC register after `count` more zero bytes, in O(log count) (zlib's crc32_combine): feeding zeros is
 * linear in the register, so it is a matrix raised to the power `count`, by squaring.
 */
function crcZeros(register: number, count: number): number {
  // One zero bit, then squared to a zero byte (8 bits).
  let operator = Uint32Array.from({ length: 32 }, (_, i) => (i === 0 ? 0xedb88320 : 1 << (i - 1)))
  for (let i = 0; i < 3; i++) operator = gf2Square(operator)
  for (; count > 0; count = Math.floor(count / 2)) {
    if (count % 2) register = gf2Times(operator, register)
    operator = gf2Square(operator)
  }
  return register
}

function chunk(out: Bytes, type: string, data: Uint8Array): void {
  const typeBytes = Uint8Array.from(type, (c) => c.charCodeAt(0))
  out.pushUint32(data.length)
  out.pushAll(typeBytes)
  out.pushAll(data)
  out.pushUint32(~crcUpdate(crcUpdate(0xffffffff, typeBytes), data) >>> 0)
}

// Deflate's fixed Huffman code for a literal or length symbol, bit-reversed for the LSB-first stream.
const reverse = (code: number, length: number) => {
  let reversed = 0
  for (let i = 0; i < length; i++) reversed |= ((code >>> i) & 1) << (length - 1 - i)
  return reversed
}
const FIXED = Array.from({ length: 286 }, (_, symbol) => {
  const [base, code, length] =
    symbol < 144 ? [0, 0x30, 8] : symbol < 256 ? [144, 0x190, 9] : symbol < 280 ? [256, 0, 7] : [280, 0xc0, 8]
  return { code: reverse(code + symbol - base, length), length }
})
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
const ADLER = 65521

/**
 * A zlib stream of runs of bytes, each a literal and then copies of it (distance 1), in one fixed-Huffman
 * block; the Adler-32 is summed per run, so a run of 18,000 zeros costs as little as one byte.
 */
class RunDeflater {
  readonly out = new Bytes()
  #acc = 0
  #count = 0
  #a = 1
  #b = 0

  constructor() {
    this.out.pushAll([0x78, 0x01])
    this.#bits(1, 1) // the final block
    this.#bits(1, 2) // fixed Huffman codes
  }

  #bits(value: number, length: number): void {
    this.#acc |= value << this.#count
    this.#count += length
    while (this.#count >= 8) {
      this.out.push(this.#acc & 0xff)
      this.#acc >>>= 8
      this.#count -= 8
    }
  }

  #symbol(symbol: number): void {
    this.#bits(FIXED[symbol]!.code, FIXED[symbol]!.length)
  }

  #match(length: number): void {
    let index = LENGTH_BASE.length - 1
    while (LENGTH_BASE[index]! > length) index--
    this.#symbol(257 + index)
    this.#bits(length - LENGTH_BASE[index]!, LENGTH_EXTRA[index]!)
    this.#bits(0, 5) // distance code 0: the byte just before
  }

  /** `count` bytes of `byte`. */
  run(byte: number, count: number): void {
    this.#b = (this.#b + count * this.#a + ((byte * count * (count + 1)) / 2) % ADLER) % ADLER
    this.#a = (this.#a + byte * count) % ADLER
    this.#symbol(byte)
    let left = count - 1
    while (left >= 3) {
      let length = Math.min(258, left)
      // A match copies at least 3 bytes: never leave 1 or 2 behind (what is left under 3 goes as literals).
      if (left - length > 0 && left - length < 3) length -= 3
      this.#match(length)
      left -= length
    }
    for (; left > 0; left--) this.#symbol(byte)
  }

  done(): Uint8Array {
    this.#symbol(256)
    if (this.#count > 0) this.#bits(0, 8 - this.#count)
    this.out.pushUint32(((this.#b << 16) | this.#a) >>> 0)
    return this.out.done()
  }
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
  crc.pushUint32(~crcZeros(crcUpdate(0xffffffff, PAD_TYPE), zeros) >>> 0)
  return { head: concat(png, framing.done()), zeros, tail: concat(crc.done(), IEND) }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length)
  joined.set(a)
  joined.set(b, a.length)
  return joined
}

// --------------------------------------------------------------------- cache

/**
 * Encoded images (before padding) by key, least recently used dropped first
 * once they hold more than `maxBytes`: a gallery asks for the same thumbnails
 * again and again, and a bound keeps crafted URLs from filling the heap.
 */
export class ImageCache {
  #entries = new Map<string, Uint8Array>()
  #bytes = 0
  constructor(readonly maxBytes: number) {}

  get(key: string, make: () => Uint8Array): Uint8Array {
    let bytes = this.#entries.get(key)
    if (bytes) {
      this.#entries.delete(key)
      this.#entries.set(key, bytes)
      return bytes
    }
    bytes = make()
    if (bytes.length > this.maxBytes) return bytes
    this.#entries.set(key, bytes)
    this.#bytes += bytes.length
    for (const [oldest, old] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break
      this.#entries.delete(oldest)
      this.#bytes -= old.length
    }
    return bytes
  }

  /** Bytes held now. */
  get size(): number {
    return this.#bytes
  }
}

const ZERO_CHUNK = 1 << 20

/** The image as a response body: one array when unpadded, else a stream that makes its zeros as they are read. */
export function imageBody(image: PaddedImage): Uint8Array | ReadableStream<Uint8Array> {
  if (image.zeros === 0) return image.tail.length ? concat(image.head, image.tail) : image.head
  let zeros = image.zeros
  let started = false
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!started) {
        started = true
        // A copy: the reader may take over the chunk's buffer, and the head is the cache's.
        controller.enqueue(image.head.slice())
      } else if (zeros > 0) {
        const length = Math.min(ZERO_CHUNK, zeros)
        zeros -= length
        controller.enqueue(new Uint8Array(length))
      } else {
        if (image.tail.length) controller.enqueue(image.tail)
        controller.close()
      }
    },
  })
}
