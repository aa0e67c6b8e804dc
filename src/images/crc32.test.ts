import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { CRC_START, crcUpdate, crcZeros } from './crc32.js'

const text = (value: string) => new TextEncoder().encode(value)
const crcOf = (bytes: Uint8Array) => ~crcUpdate(CRC_START, bytes) >>> 0

describe('CRC-32', () => {
  it('gives the published check values', () => {
    expect(crcOf(text('123456789'))).toBe(0xcbf43926)
    expect(crcOf(text(''))).toBe(0)
    expect(crcOf(text('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339)
  })

  it('agrees with zlib on arbitrary bytes, fed in one go or in parts', () => {
    let state = 11
    const bytes = Uint8Array.from({ length: 5000 }, () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24)
    expect(crcOf(bytes)).toBe(crc32(bytes))
    expect(~crcUpdate(crcUpdate(CRC_START, bytes.subarray(0, 1234)), bytes.subarray(1234)) >>> 0).toBe(crc32(bytes))
  })

  it('feeds zeros by count as if they were bytes', () => {
    const register = crcUpdate(CRC_START, text('paDd'))
    for (const count of [0, 1, 2, 7, 8, 255, 4096, 100_001]) {
      expect(~crcZeros(register, count) >>> 0).toBe(crc32(new Uint8Array(count), crc32(text('paDd'))))
    }
  })
})
