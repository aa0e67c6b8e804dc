/** A deflater for what the PNG encoder writes: runs of one byte, never general data. */

import { Bytes } from './bytes.js'

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
export class RunDeflater {
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
