import { MAX_DECODED_PIXELS } from './config.js'
import { ImageCache } from './generated-image.js'
import { gradient } from './gradient-blurhash.js'
import { CODEC_TYPES, type ImageFormat } from './images/format.js'
import { encodeJpeg, padJpeg } from './images/jpeg.js'
import type { PaddedImage } from './images/padded.js'
import { encodePng, padPng } from './images/png.js'
import type { Asset } from './model/records.js'

/**
 * The mock CDN. A seeded asset's image is generated from what its URL says
 * (hue, width × height, byte size and type), so it loads in every runtime
 * without any world behind it; an uploaded file is served from the file store.
 */
export const THUMB_WIDTH = 400
export const THUMB_HIGH_WIDTH = 1200
/** The rendition widths `sizes` offers, those below the original's (docs/images.md, "Renditions"). */
export const SIZE_WIDTHS = [400, 800, 1200, 1600] as const

// The gradient and its blurhash live below the model, which writes the blurhash into every record it makes.
export { blurhashForHue, gradientPixels } from './gradient-blurhash.js'

/** The hue of an asset's generated image: its own for seeded assets, derived from the bytes for uploads. */
export function hueOf(asset: Pick<Asset, 'source'>): number {
  // Runs for every asset of every list: slices rather than splitting the source into an array.
  const { source } = asset
  if (source.startsWith('generated:')) return Number(source.slice('generated:'.length))
  const colon = source.indexOf(':')
  return colon < 0 ? 0 : Number.parseInt(source.slice(colon + 1, colon + 7), 16) % 360 || 0
}

/** The file extension of each generated type, and the type served for each extension. */
const EXTENSIONS: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png' }
export const GENERATED_TYPES: Record<string, { format: ImageFormat; contentType: string }> = {
  jpg: { format: 'jpeg', contentType: 'image/jpeg' },
  png: { format: 'png', contentType: 'image/png' },
}

/** PNG assets get PNGs; everything else a JPEG, as most real libraries hold. */
const formatOf = (asset: Asset): ImageFormat => (asset.contentType.toLowerCase() === 'image/png' ? 'png' : 'jpeg')

/**
 * The URL of a generated image at `width` (never wider than the original), kept proportional:
 * `/g/<hue>/<w>x<h>/<id>.jpg` (`gb` blurred). The original's, `/o/<hue>/<w>x<h>/<bytes>/<id>.jpg`, also carries its
 * byte size, which the CDN pads the image to.
 */
function generatedUrl(asset: Asset, cdnUrl: string, hue: number, width: number, kind: 'o' | 'g' | 'gb'): string {
  const fits = asset.width <= width || asset.width === 0
  const height = fits ? asset.height : Math.max(1, Math.round((asset.height * width) / asset.width))
  const bytes = kind === 'o' ? `/${asset.size}` : ''
  return `${cdnUrl}/${kind}/${hue}/${fits ? asset.width : width}x${height}${bytes}/${asset.id}.${EXTENSIONS[formatOf(asset)]}`
}

// Thumbnails of a gallery page, many times over; an original's encoding is ~140 KB at most for seeded sizes.
const cache = new ImageCache(16 * 1024 * 1024)

/**
 * The bytes of a generated image: `format`, `width` × `height`, the gradient of `hue`, padded to `size` bytes
 * when given (an image never gets smaller than its encoding, ~2 bits per 8×8 block).
 */
export function generatedImage(format: ImageFormat, hue: number, width: number, height: number, size?: number): PaddedImage {
  const encoded = cache.get(`${format}/${hue}/${width}x${height}`, () =>
    (format === 'png' ? encodePng : encodeJpeg)(width, height, ...gradient(hue)),
  )
  return (format === 'png' ? padPng : padJpeg)(encoded, size ?? 0)
}

/** Whether the CDN transforms an upload of this type and size: JPEG, PNG or WebP of at most MAX_DECODED_PIXELS. */
export const isTransformable = (contentType: string, width: number, height: number) =>
  CODEC_TYPES[contentType] !== undefined && width * height <= MAX_DECODED_PIXELS

export interface AssetUrls {
  url: string
  thumbUrl: string
  thumbHighUrl: string
  thumbUrlBlurred: string
  /**
   * `sizes`: width → URL, the widths of SIZE_WIDTHS below the original's (each the original's URL with `?w=`),
   * then the original's own width (its URL): never empty, so "the nearest width ≥ 400, else the largest" always
   * finds one. An upload the CDN cannot resize (SVG, GIF, AVIF, over MAX_DECODED_PIXELS) has only its original.
   */
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
    : generatedUrl(asset, cdnUrl, hue, asset.width, 'o')
  return {
    url: original,
    thumbUrl: uploaded ? original : generatedUrl(asset, cdnUrl, hue, THUMB_WIDTH, 'g'),
    thumbHighUrl: uploaded ? original : generatedUrl(asset, cdnUrl, hue, THUMB_HIGH_WIDTH, 'g'),
    thumbUrlBlurred: generatedUrl(asset, cdnUrl, hue, THUMB_WIDTH, 'gb'),
    get sizes() {
      const resizable = !uploaded || isTransformable(asset.contentType, asset.width, asset.height)
      const below = resizable ? SIZE_WIDTHS.filter((width) => width < asset.width) : []
      return Object.fromEntries([...below.map((width) => [String(width), `${original}?w=${width}`]), [String(asset.width), original]])
    },
  }
}
