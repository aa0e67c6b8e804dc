import { imageSize } from 'image-size'

/** What the bytes of an upload are, read from the bytes alone: the client's declared type is never trusted. */
export interface SniffedImage {
  contentType: string
  width: number
  height: number
}


/** image-size's name of each format an upload may be, and the type it is stored and served as. */
const FORMATS: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
}

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end))

/**
 * An SVG document starts with its root element, after at most a BOM, an XML
 * declaration, comments and a doctype. image-size accepts any `<svg` in the first
 * kilobyte, which an HTML page with an inline icon also has.
 */
const SVG_START = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[^\]]*\])?\s*>)\s*)*<svg[\s>]/i

/** The format by its magic number (its signature at a fixed offset). */
function magicFormat(bytes: Uint8Array): string | undefined {
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg'
  const head = ascii(bytes, 0, 12)
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif'
  if (head.startsWith('RIFF') && head.slice(8) === 'WEBP') return 'webp'
  if (head.slice(4, 8) === 'ftyp' && head.slice(8) === 'avif') return 'avif'
  if (SVG_START.test(new TextDecoder().decode(bytes.subarray(0, 4096)))) return 'svg'
  return undefined
}

/** A side as image-size read it is a size only when it is a whole number of pixels: an SVG's `1e400` reads as Infinity. */
const isSide = (side: number | undefined): side is number => Number.isSafeInteger(side) && side! >= 1

/**
 * The image the bytes hold, or undefined when they are not a readable image: the
 * magic number must name a format we take, and its header must give a width and
 * height (image-size agreeing on the format) that are whole numbers of pixels.
 * A side over MAX_IMAGE_SIDE is read as it is: the upload refuses it with its own message.
 */
export function sniffImage(bytes: Uint8Array): SniffedImage | undefined {
  const format = magicFormat(bytes)
  if (!format) return undefined
  try {
    const { type, width, height } = imageSize(bytes)
    // image-size names AVIF by its brand and JPEG as jpg.
    if (type !== format || !isSide(width) || !isSide(height)) return undefined
    return { contentType: FORMATS[format]!, width, height }
  } catch {
    return undefined
  }
}
