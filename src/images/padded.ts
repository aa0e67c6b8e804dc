/**
 * An image padded to the byte size its URL asks for. The padding is counted and streamed, never held in memory:
 * an original may claim gigabytes.
 */

import { concat } from './bytes.js'

/** An image as `head`, then `zeros` zero bytes, then `tail`: the padding is counted, not stored. */
export interface PaddedImage {
  head: Uint8Array
  zeros: number
  tail: Uint8Array
}

/** Its byte length. */
export const paddedLength = (image: PaddedImage) => image.head.length + image.zeros + image.tail.length

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
