import { http, HttpResponse, type HttpHandler } from 'msw'
import { MAX_IMAGE_SIDE } from '../src/config.js'
import { errorResponse } from '../src/contract/envelope.js'
import { RasterError } from '../src/contract/errors.js'
import { paddedLength, imageBody } from '../src/images/padded.js'
import { GENERATED_TYPES, generatedImage } from '../src/images.js'
import { TRANSFORM_PARAMS } from '../src/images/format.js'
import type { Transform } from '../src/images/transform.js'
import type { TransformedImage } from '../src/images/transformed.js'
import type { Runtime } from '../src/runtime.js'
import { compilePath, pathBelow, urlPattern, type PathParams } from './path-pattern.js'

/** An original's byte size in its URL: the padding is streamed, so only sanity bounds it. */
const MAX_BYTES = 16 * 1024 ** 3

/**
 * Every CDN answer, error or image: the browser must not guess another type than the one sent, and what is
 * opened as a document (an SVG, say) runs no script and loads nothing, on the mock's own origin.
 */
const safety = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
}
const cacheForever = { 'Cache-Control': 'public, max-age=31536000, immutable' }

/** The types an upload is served with; any other stored string is served as bytes to download. */
const SERVED_TYPES = new Set([
  'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/svg+xml',
  'image/bmp', 'image/tiff', 'image/heic', 'image/heif', 'image/x-icon', 'image/vnd.microsoft.icon',
])

const originalPath = compilePath('/o/:hue/:size/:bytes/:file')
const generatedPath = compilePath('/:kind/:hue/:size/:file')
const filePath = compilePath('/f/:digest/:name')

/**
 * The mock CDN: generated images of seeded assets, and the bytes of uploaded
 * files, each resized and converted when its query asks (`w`, `h`, `fit`, `fm`,
 * `q`, `dpr`, `auto=format`). One handler for GET and one for HEAD, which
 * answers the same without the body (see path-pattern.ts for why not one per
 * route); anything else under the CDN falls through to the next handlers.
 */
export function imageHandlers(runtime: Runtime): HttpHandler[] {
  const resolve = async ({ request }: { request: Request }) => {
    const response = await cdnAnswer(runtime, request)
    if (!response) return undefined
    for (const [name, value] of Object.entries(safety)) response.headers.set(name, value)
    return request.method === 'HEAD' ? new HttpResponse(null, response) : response
  }
  const below = urlPattern(runtime.cdnUrl, '/')
  return [http.get(below, resolve), http.head(below, resolve)]
}

/**
 * The answer to a CDN request, or undefined when its path is none of the CDN's; bad input in its envelope. The MCP
 * adapter reads the CDN's URLs through it in process too.
 */
export async function cdnAnswer(runtime: Runtime, request: Request): Promise<Response | undefined> {
  try {
    const query = new URL(request.url).searchParams
    const asked = async (): Promise<Asked> => {
      if (!TRANSFORM_PARAMS.some((name) => query.has(name))) return undefined
      // The transforms and their codecs load on the first request that asks for one: not in the initial bundle.
      const transforms = await import('../src/images/transformed.js')
      const transform = transforms.parseTransform(query, request.headers.get('Accept'))
      return transform && { transforms, transform }
    }
    return await cdnResponse(runtime, pathBelow(request, runtime.cdnUrl), asked)
  } catch (error) {
    return errorResponse(error)
  }
}

/** What a request asks to be done to its image: the loaded transforms and the request's own; undefined: nothing. */
type Asked = { transforms: typeof import('../src/images/transformed.js'); transform: Transform } | undefined

/** `asked` reads the query: only once the path is known to be the CDN's, so other paths fall through untouched. */
async function cdnResponse(runtime: Runtime, requested: string, asked: () => Promise<Asked>): Promise<Response | undefined> {
  // A promoted asset keeps its URL: from the promote's completion on, it serves the image it shows.
  const path = runtime.files.shownAt(requested, runtime.now()) ?? requested
  const original = originalPath(path)
  if (original) return generated(original, await asked(), Number(original.bytes))
  const image = generatedPath(path)
  if (image && (image.kind === 'g' || image.kind === 'gb')) return generated(image, await asked())
  const file = filePath(path)
  return file ? uploaded(runtime, file.digest!, await asked()) : undefined
}

/** A transformed answer: its own bytes (never padded), varying with `Accept` when `auto=format` chose its type. */
function transformedResponse(image: TransformedImage, transform: Transform): Response {
  return new HttpResponse(image.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'Content-Type': image.contentType,
      'Content-Length': String(image.bytes.length),
      ...cacheForever,
      ...(transform.negotiated ? { Vary: 'Accept' } : {}),
    },
  })
}

async function generated(params: PathParams, asked: Asked, bytes?: number): Promise<Response> {
  const hue = Number(params.hue)
  const [width, height] = String(params.size).split('x').map(Number)
  const type = GENERATED_TYPES[String(params.file).split('.').pop()!.toLowerCase()]
  const valid = (n: number | undefined): n is number => Number.isInteger(n) && n! >= 1 && n! <= MAX_IMAGE_SIDE
  const validBytes = bytes === undefined || (Number.isInteger(bytes) && bytes >= 1 && bytes <= MAX_BYTES)
  if (!type || !Number.isInteger(hue) || hue < 0 || hue > 359 || !valid(width) || !valid(height) || !validBytes) {
    return errorResponse(new RasterError('RESOURCE_NOT_FOUND'))
  }
  if (asked) return transformedResponse(await asked.transforms.transformedGenerated(type.format, hue, width, height, asked.transform), asked.transform)
  const image = generatedImage(type.format, hue, width, height, bytes)
  return new HttpResponse(imageBody(image), {
    headers: { 'Content-Type': type.contentType, 'Content-Length': String(paddedLength(image)), ...cacheForever },
  })
}

async function uploaded(runtime: Runtime, digest: string, asked: Asked): Promise<Response> {
  const file = runtime.files.get(digest)
  if (!file) return errorResponse(new RasterError('RESOURCE_NOT_FOUND'))
  const stored = file.contentType.trim().toLowerCase()
  if (asked) return transformedResponse(await asked.transforms.transformedUpload(digest, file.bytes, stored, asked.transform), asked.transform)
  const contentType = SERVED_TYPES.has(stored) ? stored : 'application/octet-stream'
  return new HttpResponse(file.bytes as Uint8Array<ArrayBuffer>, {
    headers: { 'Content-Type': contentType, 'Content-Length': String(file.bytes.length), ...cacheForever },
  })
}
