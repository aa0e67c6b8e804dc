import { encode } from 'blurhash'
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

/** The blurhash of the generated gradient of `hue`: a real encoding, so clients can decode it. */
export function blurhashForHue(hue: number): string {
  let hash = blurhashes.get(hue)
  if (hash) return hash
  const size = 16
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
  hash = encode(pixels, size, size, 4, 3)
  blurhashes.set(hue, hash)
  return hash
}

/** The hue of an asset's generated image: its own for seeded assets, derived from the bytes for uploads. */
export function hueOf(asset: Pick<Asset, 'source'>): number {
  const [kind, value = ''] = asset.source.split(':')
  if (kind === 'generated') return Number(value)
  return Number.parseInt(value.slice(0, 6), 16) % 360 || 0
}

function scaled(asset: Asset, width: number): { width: number; height: number } {
  if (asset.width <= width || asset.width === 0) return { width: asset.width, height: asset.height }
  return { width, height: Math.max(1, Math.round((asset.height * width) / asset.width)) }
}

export interface AssetUrls {
  url: string
  thumbUrl: string
  thumbHighUrl: string
  thumbUrlBlurred: string
  /** GraphQL's `sizes`: width → URL. */
  sizes: Record<string, string>
}

export function assetUrls(asset: Asset, cdnUrl: string): AssetUrls {
  const hue = hueOf(asset)
  const generated = (width: number, blurred = false) => {
    const size = scaled(asset, width)
    return `${cdnUrl}/${blurred ? 'gb' : 'g'}/${hue}/${size.width}x${size.height}/${asset.id}.svg`
  }
  const [kind, digest] = asset.source.split(':')
  const original =
    kind === 'file' ? `${cdnUrl}/f/${digest}/${encodeURIComponent(asset.name)}` : generated(asset.width)
  const at = (width: number) => (kind === 'file' ? original : generated(width))
  return {
    url: original,
    thumbUrl: at(THUMB_WIDTH),
    thumbHighUrl: at(THUMB_HIGH_WIDTH),
    thumbUrlBlurred: generated(THUMB_WIDTH, true),
    sizes: Object.fromEntries(SIZE_WIDTHS.map((width) => [String(width), at(width)])),
  }
}

/** Uploaded bytes by SHA-256, shared by every world of a mock so any world's URL keeps loading. */
export class FileStore {
  #files = new Map<string, { bytes: Uint8Array; contentType: string }>()

  async put(bytes: Uint8Array, contentType: string): Promise<string> {
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
    const digest = Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('')
    this.#files.set(digest, { bytes, contentType })
    return digest
  }

  get(digest: string) {
    return this.#files.get(digest)
  }
}
