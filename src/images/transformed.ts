/**
 * The CDN's transformed answers (docs/images.md, "Resizing"): a seeded gradient drawn at the asked size, an upload
 * decoded, resampled and encoded again, each cached within a memory budget. Imported by the CDN on its first
 * request with resize parameters, so none of this (nor the codecs it loads) is in the browser's initial bundle.
 */

import { imageSize } from 'image-size'
import { MAX_DECODED_PIXELS } from '../config.js'
import { badInput } from '../contract/errors.js'
import { ImageCache } from '../generated-image.js'
import { gradient } from '../gradient-blurhash.js'
import { isTransformable } from '../images.js'
import { CONTENT_TYPES, decodeImage, encodeImage } from './codecs.js'
import { CODEC_TYPES, type ImageFormat, type OutputFormat } from './format.js'
import { encodeJpeg } from './jpeg.js'
import { gradientImage, onWhite, transformPixels, type Pixels } from './pixels.js'
import { encodePng, padPng } from './png.js'
import { geometry, parseTransform, transformKey, type Transform } from './transform.js'
import { BoundedCache } from '../util/bounded-cache.js'

export { parseTransform }

/** An answer of the CDN made by a transform: its bytes and their type. */
export interface TransformedImage {
  bytes: Uint8Array
  contentType: string
}

// Transformed answers, whatever their source: a gallery asks for the same renditions again and again, and a bound
// keeps thousands of distinct transforms of one image from growing the heap.
const transformed = new ImageCache(32 * 1024 * 1024)
// Decoded uploads: the renditions of one image (a srcset's widths) decode it once. 64 MB holds one 16 MP photo.
const decoded = new BoundedCache<string, Pixels>({ maxWeight: 64 * 1024 * 1024, weigh: (_, pixels) => pixels.data.length })
const decoding = new Map<string, Promise<Pixels>>()

/** What fills the box around a `fit=fill` image: white, or transparent where the format has alpha. */
const background = (format: OutputFormat) => (format === 'jpeg' ? [255, 255, 255, 255] : [0, 0, 0, 0])

async function encodePixels(pixels: Pixels, format: OutputFormat, quality: number | undefined): Promise<Uint8Array> {
  return encodeImage(format === 'jpeg' ? onWhite(pixels) : pixels, format, quality)
}

/**
 * A generated image (a seeded asset's gradient, `width` × `height`, `format`) transformed: the gradient drawn at
 * the answer's size, in the asked format and quality. JPEG and PNG come from the mock's own encoders (a JPEG's
 * quality sets its quantizer); WebP from its codec.
 *
 * @example
 * await transformedGenerated('jpeg', 210, 6000, 4000, { width: 400, fit: 'clip', negotiated: false }) // a 400 × 267 JPEG
 */
export async function transformedGenerated(
  source: ImageFormat,
  hue: number,
  width: number,
  height: number,
  transform: Transform,
): Promise<TransformedImage> {
  const format = transform.format ?? source
  const box = geometry(transform, width, height)
  const quality = format === 'png' ? undefined : transform.quality
  const key = `g/${hue}/${box.width}x${box.height}/${format}/${quality ?? ''}`
  const bytes = await transformed.getAsync(key, async () => {
    const colours = gradient(hue)
    if (format === 'jpeg') return encodeJpeg(box.width, box.height, ...colours, quality)
    if (format === 'png') return padPng(encodePng(box.width, box.height, ...colours), 0).head
    return encodeImage(gradientImage(box.width, box.height, ...colours), format, quality)
  })
  return { bytes, contentType: CONTENT_TYPES[format] }
}

/**
 * An upload transformed: decoded, cropped and resampled, padded for `fit=fill`, encoded as asked. Only JPEG, PNG
 * and WebP of at most MAX_DECODED_PIXELS are; anything else is BAD_USER_INPUT saying so.
 *
 * @example
 * await transformedUpload(digest, file.bytes, 'image/png', { width: 800, fit: 'clip', format: 'webp', negotiated: false })
 */
export async function transformedUpload(digest: string, bytes: Uint8Array, contentType: string, transform: Transform): Promise<TransformedImage> {
  const source = CODEC_TYPES[contentType]
  const size = source ? safeSize(bytes) : undefined
  if (!source || !size || !isTransformable(contentType, size.width, size.height)) {
    throw badInput(
      `This file cannot be transformed: the CDN resizes and converts JPEG, PNG and WebP images of at most ${MAX_DECODED_PIXELS / 1e6} megapixels. Ask for it without resize parameters to get it as uploaded.`,
    )
  }
  const format = transform.format ?? source
  const bytesOut = await transformed.getAsync(`f/${digest}/${transformKey(transform, format)}`, async () => {
    const pixels = await decodedUpload(digest, bytes, source)
    return encodePixels(transformPixels(pixels, geometry(transform, pixels.width, pixels.height), background(format)), format, transform.quality)
  })
  return { bytes: bytesOut, contentType: CONTENT_TYPES[format] }
}

function safeSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  try {
    const { width, height } = imageSize(bytes)
    return width && height ? { width, height } : undefined
  } catch {
    return undefined
  }
}

async function decodedUpload(digest: string, bytes: Uint8Array, format: OutputFormat): Promise<Pixels> {
  const held = decoded.get(digest)
  if (held) return held
  let pending = decoding.get(digest)
  if (!pending) {
    pending = decodeImage(bytes, format).then(
      (pixels) => decoded.set(digest, pixels),
      () => {
        throw badInput(`This file's bytes cannot be decoded as ${CONTENT_TYPES[format]}, so it cannot be transformed. Ask for it without resize parameters to get it as uploaded.`)
      },
    )
    decoding.set(digest, pending)
    const done = () => decoding.delete(digest)
    pending.then(done, done)
  }
  return pending
}

/** Bytes the transformed answers hold now (tests check the budget). */
export const transformedBytes = () => transformed.size
