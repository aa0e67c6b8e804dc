import { describe, expect, it } from 'vitest'
import { Bytes, concat } from './bytes.js'

describe('the byte buffer', () => {
  it('writes 16- and 32-bit numbers big-endian', () => {
    const out = new Bytes()
    out.pushUint16(0x1234)
    out.pushUint32(0xdeadbeef)
    out.pushAll([1, 2])
    expect([...out.done()]).toEqual([0x12, 0x34, 0xde, 0xad, 0xbe, 0xef, 1, 2])
  })

  it('grows past its first 4 KB, and gives a copy of exactly what was written', () => {
    const out = new Bytes()
    for (let i = 0; i < 10_000; i++) out.push(i & 0xff)
    const done = out.done()
    expect(done).toHaveLength(10_000)
    expect(done[9_999]).toBe(9_999 & 0xff)
    out.push(7)
    expect(done).toHaveLength(10_000)
  })

  it('joins two arrays', () => {
    expect([...concat(Uint8Array.of(1, 2), Uint8Array.of(3))]).toEqual([1, 2, 3])
  })
})
