import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { RunDeflater } from './deflate.js'

/** Deflates `runs` and what they stand for, written out. */
function deflated(runs: Array<[byte: number, count: number]>) {
  const deflater = new RunDeflater()
  for (const [byte, count] of runs) deflater.run(byte, count)
  const expected = new Uint8Array(runs.reduce((sum, [, count]) => sum + count, 0))
  let at = 0
  for (const [byte, count] of runs) expected.fill(byte, at, (at += count))
  return { stream: deflater.done(), expected }
}

describe('the run deflater', () => {
  it('writes a zlib stream that inflates back to its runs (zlib checks the Adler-32)', () => {
    // Around 3 (the shortest copy) and 258 (the longest), where a run splits into copies.
    const counts = [1, 2, 3, 4, 5, 258, 259, 260, 261, 262, 516, 517, 518, 519, 1000]
    const { stream, expected } = deflated(counts.map((count, i) => [(i * 37) & 0xff, count]))
    expect(Buffer.from(inflateSync(stream)).equals(Buffer.from(expected))).toBe(true)
  })

  it('inflates back long runs of every byte value', () => {
    const { stream, expected } = deflated(Array.from({ length: 256 }, (_, byte) => [byte, 300 + byte * 7]))
    expect(Buffer.from(inflateSync(stream)).equals(Buffer.from(expected))).toBe(true)
  })

  it('keeps a long run small: 18,000 zeros in a few hundred bytes', () => {
    const { stream, expected } = deflated([[0, 18_000]])
    expect(stream.length).toBeLessThan(200)
    expect(inflateSync(stream)).toEqual(Buffer.from(expected))
  })

  it('writes an empty stream that inflates to nothing', () => {
    expect(inflateSync(new RunDeflater().done())).toHaveLength(0)
  })
})
