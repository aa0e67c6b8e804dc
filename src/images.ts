import { BLURHASH_SIZE, encodeBlurhash16 } from './gradient-blurhash.js'
import type { Asset } from './model/records.js'

/**
 * The mock CDN. A seeded asset's image is generated from what its URL says
 * (hue and size), so it loads in every runtime without any world behind it;
 * an uploaded file is served from the content-addressed file store.
 */
export const THUMB_WIDTH = 400
export const THUMB_HIGH_WIDTH = 1200
/** Widths offered in GraphQL's `sizes`. */
export const SIZE_WIDTHS = [400, 800, 1200, 1600] as const

function hsl(hue: number, saturation: number, lightness: number): [number, number, number] {
  const s = saturation / 100
  const l = lightness / 100
  const k = (n: number) => (n + hue / 30) % 12
  const a = s * Math.min(l, 1 - l)
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)))
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)]
}

const gradient = (hue: number) => [hsl(hue, 70, 62), hsl((hue + 50) % 360, 65, 38)] as const

export function generatedSvg(hue: number, width: number, height: number, blurred: boolean): string {
  const [from, to] = gradient(hue)
  const blur = blurred
    ? `<filter id="b"><feGaussianBlur stdDeviation="${Math.max(4, Math.round(width / 20))}"/></filter>`
    : ''
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="rgb(${from.join(',')})"/><stop offset="1" stop-color="rgb(${to.join(',')})"/>` +
    `</linearGradient>${blur}</defs>` +
    `<rect width="100%" height="100%" fill="url(#g)"${blurred ? ' filter="url(#b)"' : ''}/></svg>`
  )
}

const blurhashes = new Map<number, string>()

/** The generated gradient of `hue` as the small RGBA image its blurhash encodes. */
export function gradientPixels(hue: number): Uint8ClampedArray {
  const size = BLURHASH_SIZE
  const [from, to] = gradient(hue)
  const pixels = new Uint8ClampedArray(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const t = (x + y) / (2 * (size - 1))
      const offset = (y * size + x) * 4
      for (let c = 0; c < 3; c++) pixels[offset + c] = from[c]! + (to[c]! - from[c]!) * t
      pixels[offset + 3] = 255
    }
  }
  return pixels
}

/** The blurhash of the generated gradient of `hue`: a real encoding, so clients can decode it. */
export function blurhashForHue(hue: number): string {
  let hash = blurhashes.get(hue)
  if (hash) return hash
  hash = encodeBlurhash16(gradientPixels(hue))
  blurhashes.set(hue, hash)
  return hash
}

/** The hue of an asset's generated image: its own for seeded assets, derived from the bytes for uploads. */
export function hueOf(asset: Pick<Asset, 'source'>): number {
  // Runs for every asset of every list: slices rather than splitting the source into an array.
  const { source } = asset
  if (source.startsWith('generated:')) return Number(source.slice('generated:'.length))
  const colon = source.indexOf(':')
  return colon < 0 ? 0 : Number.parseInt(source.slice(colon + 1, colon + 7), 16) % 360 || 0
}

/** The URL of a generated image at `width` (never wider than the original), kept proportional. */
function generatedUrl(asset: Asset, cdnUrl: string, hue: number, width: number, blurred = false): string {
  const fits = asset.width <= width || asset.width === 0
  const height = fits ? asset.height : Math.max(1, Math.round((asset.height * width) / asset.width))
  return `${cdnUrl}/${blurred ? 'gb' : 'g'}/${hue}/${fits ? asset.width : width}x${height}/${asset.id}.svg`
}

export interface AssetUrls {
  url: string
  thumbUrl: string
  thumbHighUrl: string
  thumbUrlBlurred: string
  /** GraphQL's `sizes`: width → URL. */
  sizes: Record<string, string>
}

/**
 * Every URL of an asset. It runs for each item of every list, so it builds no
 * closures, and `sizes` (only GraphQL asks for it) is made when first read.
 */
export function assetUrls(asset: Asset, cdnUrl: string): AssetUrls {
  const hue = hueOf(asset)
  const uploaded = asset.source.startsWith('file:')
  const original = uploaded
    ? `${cdnUrl}/f/${asset.source.slice('file:'.length)}/${encodeURIComponent(asset.name)}`
    : generatedUrl(asset, cdnUrl, hue, asset.width)
  return {
    url: original,
    thumbUrl: uploaded ? original : generatedUrl(asset, cdnUrl, hue, THUMB_WIDTH),
    thumbHighUrl: uploaded ? original : generatedUrl(asset, cdnUrl, hue, THUMB_HIGH_WIDTH),
    thumbUrlBlurred: generatedUrl(asset, cdnUrl, hue, THUMB_WIDTH, true),
    get sizes() {
      return Object.fromEntries(
        SIZE_WIDTHS.map((width) => [String(width), uploaded ? original : generatedUrl(asset, cdnUrl, hue, width)]),
      )
    },
  }
}
