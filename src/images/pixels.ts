/**
 * RGBA pixels and what the CDN does to them: resample a part of an image to a size, pad it onto a canvas, draw a
 * generated gradient. Plain arithmetic, so every runtime resizes alike.
 */

import type { Rgb } from './format.js'
import type { Geometry } from './transform.js'

/** 8-bit RGBA, row by row, as ImageData holds it. */
export interface Pixels {
  width: number
  height: number
  data: Uint8ClampedArray
}

/**
 * For each output position along one axis, the source positions it reads and their weights: the area it covers
 * when shrinking (every source pixel counts), linear between the two nearest when enlarging.
 */
function weights(start: number, length: number, out: number, limit: number): Array<{ from: number; w: Float32Array }> {
  const scale = length / out
  return Array.from({ length: out }, (_, i) => {
    if (scale <= 1) {
      const centre = start + (i + 0.5) * scale - 0.5
      const from = Math.max(0, Math.min(limit - 1, Math.floor(centre)))
      const next = Math.min(limit - 1, from + 1)
      const t = Math.max(0, Math.min(1, centre - from))
      return next === from ? { from, w: Float32Array.of(1) } : { from, w: Float32Array.of(1 - t, t) }
    }
    const low = start + i * scale
    const high = low + scale
    const from = Math.floor(low)
    const to = Math.min(limit, Math.ceil(high))
    const w = new Float32Array(to - from)
    for (let s = from; s < to; s++) w[s - from] = (Math.min(high, s + 1) - Math.max(low, s)) / scale
    return { from, w }
  })
}

/** One pass along rows (`horizontal`) or columns, from `source` to a new image `out` long on that axis. */
function pass(source: Pixels, start: number, length: number, out: number, horizontal: boolean): Pixels {
  const width = horizontal ? out : source.width
  const height = horizontal ? source.height : out
  const data = new Uint8ClampedArray(width * height * 4)
  const taps = weights(start, length, out, horizontal ? source.width : source.height)
  const lines = horizontal ? height : width
  const stride = horizontal ? 4 : source.width * 4
  for (let line = 0; line < lines; line++) {
    const base = horizontal ? line * source.width * 4 : line * 4
    for (let i = 0; i < out; i++) {
      const { from, w } = taps[i]!
      let r = 0, g = 0, b = 0, a = 0
      for (let k = 0; k < w.length; k++) {
        const at = base + (from + k) * stride
        const weight = w[k]! * source.data[at + 3]!
        // Weighted by alpha, so a transparent pixel's colour does not bleed into its neighbours.
        r += weight * source.data[at]!
        g += weight * source.data[at + 1]!
        b += weight * source.data[at + 2]!
        a += weight
      }
      const target = horizontal ? (line * width + i) * 4 : (i * width + line) * 4
      if (a > 0) {
        data[target] = r / a
        data[target + 1] = g / a
        data[target + 2] = b / a
      }
      data[target + 3] = a
    }
  }
  return { width, height, data }
}

/**
 * The `crop` of `source` resampled to `width` × `height`, in two passes (rows, then columns), the narrower
 * intermediate first so it never holds more than the source.
 *
 * @example
 * resample(photo, { x: 0, y: 0, width: photo.width, height: photo.height }, 400, 300)
 */
export function resample(source: Pixels, crop: Geometry['crop'], width: number, height: number): Pixels {
  if (crop.x === 0 && crop.y === 0 && crop.width === source.width && crop.height === source.height && width === source.width && height === source.height) {
    return source
  }
  if (source.height * width <= height * source.width) {
    const rows = pass(source, crop.x, crop.width, width, true)
    return pass(rows, crop.y, crop.height, height, false)
  }
  const columns = pass(source, crop.y, crop.height, height, false)
  return pass(columns, crop.x, crop.width, width, true)
}

/** `image` drawn at (`x`, `y`) on a `width` × `height` canvas of `background` (RGBA). */
export function pad(image: Pixels, width: number, height: number, x: number, y: number, background: readonly number[]): Pixels {
  if (width === image.width && height === image.height) return image
  const data = new Uint8ClampedArray(width * height * 4)
  for (let i = 0; i < data.length; i += 4) data.set(background, i)
  for (let row = 0; row < image.height; row++) {
    data.set(image.data.subarray(row * image.width * 4, (row + 1) * image.width * 4), ((y + row) * width + x) * 4)
  }
  return { width, height, data }
}

/** The pixels of `geometry` applied to `source`: resampled, then padded (with `fit=fill`) onto `background`. */
export function transformPixels(source: Pixels, geometry: Geometry, background: readonly number[]): Pixels {
  const { draw } = geometry
  return pad(resample(source, geometry.crop, draw.width, draw.height), geometry.width, geometry.height, draw.x, draw.y, background)
}

/** The generated gradient at `width` × `height`, as the JPEG and PNG encoders draw it: from top left to bottom right. */
export function gradientImage(width: number, height: number, from: Rgb, to: Rgb): Pixels {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = ((x + 0.5) / width + (y + 0.5) / height) / 2
      const at = (y * width + x) * 4
      for (let c = 0; c < 3; c++) data[at + c] = from[c]! + (to[c]! - from[c]!) * t
      data[at + 3] = 255
    }
  }
  return { width, height, data }
}

/** The pixels flattened onto white: what a format without alpha (JPEG) shows of transparent parts. */
export function onWhite(image: Pixels): Pixels {
  const data = new Uint8ClampedArray(image.data)
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3]! / 255
    for (let c = 0; c < 3; c++) data[i + c] = data[i + c]! * alpha + 255 * (1 - alpha)
    data[i + 3] = 255
  }
  return { width: image.width, height: image.height, data }
}
