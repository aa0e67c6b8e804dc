/**
 * Decoding uploads and encoding transformed pixels, with libraries that run in every runtime the mock does (a
 * browser page, Node, the standalone server) without a build step or an install script: jpeg-js and fast-png
 * (plain JavaScript) for JPEG and PNG, @jsquash/webp (libwebp in WebAssembly) for WebP. Each is imported on the
 * first image that needs it, so none of them is in the browser's initial bundle.
 */

import type { OutputFormat } from './format.js'
import type { Pixels } from './pixels.js'

export const CONTENT_TYPES: Record<OutputFormat, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string' && typeof document === 'undefined'

/**
 * A file of a package, read from disk in Node, where the WebAssembly's own loader would `fetch` a `file:` URL
 * (which Node's fetch cannot). The specifiers are variables so that browser bundlers leave these imports alone.
 */
async function nodePackageFile(path: string): Promise<Uint8Array> {
  const [moduleSpecifier, fsSpecifier] = ['node:module', 'node:fs/promises']
  const { createRequire } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ moduleSpecifier)) as typeof import('node:module')
  const { readFile } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ fsSpecifier)) as typeof import('node:fs/promises')
  return readFile(createRequire(import.meta.url).resolve(path))
}

let webp: Promise<{ decode: typeof import('@jsquash/webp').decode; encode: typeof import('@jsquash/webp').encode }> | undefined

/** @jsquash/webp, ready: in Node with its WebAssembly read from disk; elsewhere loaded by the package, next to its script. */
function loadWebp() {
  webp ??= (async () => {
    const [decoder, encoder] = await Promise.all([import('@jsquash/webp/decode.js'), import('@jsquash/webp/encode.js')])
    if (isNode) {
      // The encoder picks its SIMD build where WebAssembly has SIMD, which every Node the mock supports (20+) has.
      const [decoderBinary, encoderBinary] = await Promise.all([
        nodePackageFile('@jsquash/webp/codec/dec/webp_dec.wasm'),
        nodePackageFile('@jsquash/webp/codec/enc/webp_enc_simd.wasm'),
      ])
      await decoder.init({ wasmBinary: decoderBinary })
      await encoder.init({ wasmBinary: encoderBinary })
    }
    return { decode: decoder.default, encode: encoder.default }
  })()
  // A failed load is tried again on the next image rather than remembered.
  webp.catch(() => (webp = undefined))
  return webp
}

/** Any PNG fast-png reads (1–16 bits, grey, palette, alpha) as 8-bit RGBA. */
async function decodePng(bytes: Uint8Array): Promise<Pixels> {
  const { decode, convertIndexedToRgb } = await import('fast-png')
  const png = decode(bytes)
  const { width, height } = png
  const indexed = png.palette !== undefined
  const samples = indexed ? convertIndexedToRgb(png) : png.data
  const channels = indexed ? samples.length / (width * height) : png.channels
  const depth = indexed ? 8 : png.depth
  const data = new Uint8ClampedArray(width * height * 4)
  const rowBits = width * channels * depth
  // Below 8 bits (grey only) samples are packed in bytes, each row starting on a byte.
  const sample = (row: number, index: number) => {
    if (depth === 8) return samples[row * width * channels + index]!
    if (depth === 16) return samples[row * width * channels + index]! >> 8
    const bit = row * Math.ceil(rowBits / 8) * 8 + index * depth
    return (((samples[bit >> 3]! >> (8 - depth - (bit & 7))) & ((1 << depth) - 1)) * 255) / ((1 << depth) - 1)
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4
      const first = x * channels
      const grey = channels < 3
      data[at] = sample(y, first)
      data[at + 1] = sample(y, grey ? first : first + 1)
      data[at + 2] = sample(y, grey ? first : first + 2)
      data[at + 3] = channels === 2 || channels === 4 ? sample(y, first + channels - 1) : 255
    }
  }
  return { width, height, data }
}

/**
 * The pixels of an upload of `format`. Throws on bytes its decoder cannot read.
 *
 * @example
 * const pixels = await decodeImage(bytes, 'jpeg') // { width, height, data: RGBA }
 */
export async function decodeImage(bytes: Uint8Array, format: OutputFormat): Promise<Pixels> {
  if (format === 'png') return decodePng(bytes)
  if (format === 'webp') {
    const image = await (await loadWebp()).decode(bytes.slice().buffer)
    return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length) }
  }
  const { default: jpeg } = await import('jpeg-js')
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 512 })
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length) }
}

/**
 * `pixels` encoded as `format`, at `quality` (0–100, 75 when absent; PNG is lossless and has none).
 *
 * @example
 * const webpBytes = await encodeImage(pixels, 'webp', 60)
 */
export async function encodeImage(pixels: Pixels, format: OutputFormat, quality = 75): Promise<Uint8Array> {
  if (format === 'png') {
    const { encode } = await import('fast-png')
    return encode({ width: pixels.width, height: pixels.height, data: pixels.data, channels: 4, depth: 8 })
  }
  if (format === 'webp') {
    const imageData = { width: pixels.width, height: pixels.height, data: pixels.data, colorSpace: 'srgb' } as ImageData
    return new Uint8Array(await (await loadWebp()).encode(imageData, { quality }))
  }
  const { default: jpeg } = await import('jpeg-js')
  // jpeg-js answers with Buffer.from(bytes) wherever `module` is defined, which a bundler's CommonJS wrapper is, in
  // the browser too, where Buffer is not: a stand-in for that one synchronous call, removed right after it.
  const global = globalThis as { Buffer?: unknown }
  const standIn = global.Buffer === undefined
  if (standIn) global.Buffer = { from: (bytes: number[]) => Uint8Array.from(bytes) }
  try {
    // jpeg-js reads 1 as its lowest quality; 0 asks the lowest too.
    const encoded = jpeg.encode({ width: pixels.width, height: pixels.height, data: pixels.data }, Math.max(1, quality))
    return new Uint8Array(encoded.data.buffer, encoded.data.byteOffset, encoded.data.length)
  } finally {
    if (standIn) delete global.Buffer
  }
}
