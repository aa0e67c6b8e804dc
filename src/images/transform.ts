/**
 * The CDN's resize parameters, imgix-style as Raster's URLs carry them, read into one `Transform`, and the geometry
 * they give an image. Pure arithmetic: no codec, no bytes (those are in `codecs.ts` and `pixels.ts`).
 */

import { MAX_CDN_DPR, MAX_CDN_SIDE } from '../config.js'
import { badInput } from '../contract/errors.js'
import { TRANSFORM_PARAMS, type OutputFormat } from './format.js'

export type Fit = 'clip' | 'crop' | 'max' | 'fill'

/** What a transformed answer is asked to be; sides already multiplied by `dpr`. */
export interface Transform {
  width?: number
  height?: number
  fit: Fit
  /** Absent: the source's own format. */
  format?: OutputFormat
  /** 0–100; absent: each encoder's default (75). */
  quality?: number
  /** `auto=format` took part in choosing the format: the answer varies with `Accept`. */
  negotiated: boolean
}

const FITS: readonly Fit[] = ['clip', 'crop', 'max', 'fill']
const FORMATS: Record<string, OutputFormat> = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', webp: 'webp' }

/** The one value of a parameter given under either of its names (`w` wins over `width`, as imgix reads them). */
const param = (query: URLSearchParams, ...names: string[]) => names.map((name) => query.get(name)).find((value) => value !== null) ?? undefined

/** A side: a whole number of pixels from 1; over the cap it is the cap (a CDN serves the largest it makes). */
function side(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (raw.trim() === '' || !Number.isInteger(value) || value < 1) {
    throw badInput(`${name} must be a whole number of pixels from 1 (larger than ${MAX_CDN_SIDE} is served at ${MAX_CDN_SIDE}), got "${raw}".`)
  }
  return Math.min(value, MAX_CDN_SIDE)
}

/**
 * The transform a CDN query asks for, or undefined when it asks none (the answer is then the stored bytes, as
 * without a query). Malformed values are BAD_USER_INPUT naming the parameter; sizes and `dpr` over their caps are
 * brought down to them. `accept` is the request's `Accept`, read for `auto=format`.
 *
 * @example
 * parseTransform(new URLSearchParams('w=800&fm=webp&q=60'), null) // { width: 800, fit: 'clip', format: 'webp', quality: 60, … }
 * parseTransform(new URLSearchParams('s=signature'), null) // undefined
 */
export function parseTransform(query: URLSearchParams, accept: string | null): Transform | undefined {
  if (!TRANSFORM_PARAMS.some((name) => query.has(name))) return undefined
  const rawDpr = param(query, 'dpr')
  const dpr = rawDpr === undefined ? 1 : Number(rawDpr)
  if (rawDpr !== undefined && (rawDpr.trim() === '' || !Number.isFinite(dpr) || dpr <= 0)) {
    throw badInput(`dpr must be a number above 0 (above ${MAX_CDN_DPR} is served as ${MAX_CDN_DPR}), got "${rawDpr}".`)
  }
  const scale = Math.min(dpr, MAX_CDN_DPR)
  const scaled = (value: number | undefined) => (value === undefined ? undefined : Math.min(MAX_CDN_SIDE, Math.max(1, Math.round(value * scale))))
  const width = scaled(side('w', param(query, 'w', 'width')))
  const height = scaled(side('h', param(query, 'h', 'height')))

  const rawFit = param(query, 'fit') ?? 'clip'
  if (!FITS.includes(rawFit as Fit)) throw badInput(`fit must be one of ${FITS.join(', ')}, got "${rawFit}".`)
  const rawFormat = param(query, 'fm')
  const format = rawFormat === undefined ? undefined : FORMATS[rawFormat.toLowerCase()]
  if (rawFormat !== undefined && !format) throw badInput(`fm must be one of jpg, png, webp, got "${rawFormat}".`)
  const rawQuality = param(query, 'q')
  const quality = rawQuality === undefined ? undefined : Number(rawQuality)
  if (rawQuality !== undefined && (rawQuality.trim() === '' || !Number.isInteger(quality) || quality! < 0 || quality! > 100)) {
    throw badInput(`q must be a whole number from 0 to 100, got "${rawQuality}".`)
  }
  // imgix's `auto` is a list (`format,compress`); only `format` changes the bytes here, and `fm` overrides it.
  const auto = (param(query, 'auto') ?? '').split(',').map((value) => value.trim().toLowerCase())
  const negotiated = format === undefined && auto.includes('format')
  const accepted = negotiated && /\bimage\/webp\b/i.test(accept ?? '') ? 'webp' : undefined
  return { width, height, fit: rawFit as Fit, format: format ?? accepted, quality, negotiated }
}

/** The key of a transform in the cache: equal transforms, however spelled, share one entry. */
export const transformKey = (t: Transform, format: OutputFormat) => `${t.width ?? ''}x${t.height ?? ''}/${t.fit}/${format}/${t.quality ?? ''}`

/** Where the source goes in the answer: the part of it taken (`crop`), the size it is drawn at, and where. */
export interface Geometry {
  /** The answer's size. */
  width: number
  height: number
  /** The part of the source drawn, in source pixels. */
  crop: { x: number; y: number; width: number; height: number }
  /** The rectangle it is drawn into (smaller than the answer only with `fit=fill`). */
  draw: { x: number; y: number; width: number; height: number }
}

const atLeastOne = (n: number) => Math.max(1, Math.round(n))

/**
 * The geometry of `transform` on a source of `sourceWidth` × `sourceHeight`, imgix's way: `clip` (the default)
 * fits inside the box keeping the aspect ratio, `max` does the same but never enlarges, `crop` fills the box and
 * cuts the overflow evenly from both sides, `fill` fits inside and pads to the box. One side given: the other
 * follows the aspect ratio. No side may pass MAX_CDN_SIDE.
 *
 * @example
 * geometry({ width: 400, fit: 'clip', negotiated: false }, 6000, 4000) // 400 × 267, the whole source drawn
 */
export function geometry(transform: Transform, sourceWidth: number, sourceHeight: number): Geometry {
  const whole = { x: 0, y: 0, width: sourceWidth, height: sourceHeight }
  const { width: boxWidth, height: boxHeight, fit } = transform
  if (fit === 'crop' && boxWidth !== undefined && boxHeight !== undefined) {
    const scale = Math.max(boxWidth / sourceWidth, boxHeight / sourceHeight)
    const cropWidth = Math.min(sourceWidth, boxWidth / scale)
    const cropHeight = Math.min(sourceHeight, boxHeight / scale)
    const crop = { x: (sourceWidth - cropWidth) / 2, y: (sourceHeight - cropHeight) / 2, width: cropWidth, height: cropHeight }
    return { width: boxWidth, height: boxHeight, crop, draw: { x: 0, y: 0, width: boxWidth, height: boxHeight } }
  }
  const scales = [boxWidth === undefined ? Infinity : boxWidth / sourceWidth, boxHeight === undefined ? Infinity : boxHeight / sourceHeight]
  let scale = Math.min(...scales)
  if (scale === Infinity || (fit === 'max' && scale > 1)) scale = 1
  // The cap holds for the side the box did not set too (a tall image asked by its width).
  scale = Math.min(scale, MAX_CDN_SIDE / sourceWidth, MAX_CDN_SIDE / sourceHeight)
  const drawWidth = atLeastOne(sourceWidth * scale)
  const drawHeight = atLeastOne(sourceHeight * scale)
  if (fit !== 'fill' || boxWidth === undefined || boxHeight === undefined) {
    return { width: drawWidth, height: drawHeight, crop: whole, draw: { x: 0, y: 0, width: drawWidth, height: drawHeight } }
  }
  const draw = { x: Math.floor((boxWidth - drawWidth) / 2), y: Math.floor((boxHeight - drawHeight) / 2), width: drawWidth, height: drawHeight }
  return { width: boxWidth, height: boxHeight, crop: whole, draw }
}
