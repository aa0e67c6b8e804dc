import { describe, expect, it } from 'vitest'
import { imageBody, paddedLength, type PaddedImage } from './padded.js'

/** Every chunk a body gives. */
async function chunksOf(body: Uint8Array | ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  if (body instanceof Uint8Array) return [body]
  const chunks: Uint8Array[] = []
  const reader = body.getReader()
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value)
  return chunks
}

const image = (zeros: number, tail: number[] = []): PaddedImage => ({ head: Uint8Array.of(1, 2, 3), zeros, tail: Uint8Array.from(tail) })

describe('a padded image', () => {
  it('counts head, zeros and tail in its length', () => {
    expect(paddedLength(image(10, [4, 5]))).toBe(15)
  })

  it('is one array when there are no zeros', () => {
    const unpadded = image(0)
    expect(imageBody(unpadded)).toBe(unpadded.head)
    expect(imageBody(image(0, [4, 5]))).toEqual(Uint8Array.of(1, 2, 3, 4, 5))
  })

  it('streams head, then the zeros in chunks of at most 1 MiB, then the tail', async () => {
    const zeros = 2.5 * 2 ** 20
    const chunks = await chunksOf(imageBody(image(zeros, [9])))
    expect(chunks.map((chunk) => chunk.length)).toEqual([3, 2 ** 20, 2 ** 20, 2 ** 19, 1])
    expect([...chunks[0]!]).toEqual([1, 2, 3])
    expect(chunks.slice(1, -1).every((chunk) => chunk.every((byte) => byte === 0))).toBe(true)
    expect([...chunks.at(-1)!]).toEqual([9])
  })

  it('gives a copy of the head, which a cache may share', async () => {
    const padded = image(1)
    const [head] = await chunksOf(imageBody(padded))
    head![0] = 99
    expect(padded.head[0]).toBe(1)
  })
})
