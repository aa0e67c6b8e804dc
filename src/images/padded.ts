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

/** Resolves on a later turn of the event loop (setImmediate where there is one: setTimeout waits a millisecond or more). */
const nextTask = () => new Promise<void>((resolve) => (globalThis.setImmediate ?? setTimeout)(resolve))

/** The image as a response body: one array when unpadded, else a stream that makes its zeros as they are read. */
export function imageBody(image: PaddedImage): Uint8Array | ReadableStream<Uint8Array> {
  if (image.zeros === 0) return image.tail.length ? concat(image.head, image.tail) : image.head
  let zeros = image.zeros
  let started = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true
        // A copy: the reader may take over the chunk's buffer, and the head is the cache's.
        controller.enqueue(image.head.slice())
      } else if (zeros > 0) {
        // The zeros start a task later. A reader that takes chunks as fast as they come, without backpressure (msw's
        // interception of node:http does), would otherwise read them all in one run of microtasks, before its client
        // could start reading: past this point, each chunk reaches the client as it is made.
        if (zeros === image.zeros) await nextTask()
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
