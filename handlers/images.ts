import { http, HttpResponse, type HttpHandler } from 'msw'
import { errorResponse } from '../src/contract/envelope.js'
import { RasterError } from '../src/contract/errors.js'
import { generatedSvg } from '../src/images.js'
import type { Runtime } from '../src/runtime.js'
import { compilePath, pathBelow, type PathParams } from './path-pattern.js'

const MAX_SIDE = 20_000
const cacheForever = { 'Cache-Control': 'public, max-age=31536000, immutable' }

const generatedPath = compilePath('/:kind/:hue/:size/:file')
const filePath = compilePath('/f/:digest/:name')

/**
 * The mock CDN: generated images of seeded assets, and the bytes of uploaded
 * files. One handler (see path-pattern.ts); anything else under the CDN falls
 * through to the next handlers.
 */
export function imageHandlers(runtime: Runtime): HttpHandler[] {
  return [
    http.get(`${runtime.cdnUrl}/*`, ({ request }) => {
      const path = pathBelow(request, runtime.cdnUrl)
      const image = generatedPath(path)
      if (image && (image.kind === 'g' || image.kind === 'gb')) return generated(image, image.kind === 'gb')
      const file = filePath(path)
      return file ? uploaded(runtime, file.digest!) : undefined
    }),
  ]
}

function generated(params: PathParams, blurred: boolean): Response {
  const hue = Number(params.hue)
  const [width, height] = String(params.size).split('x').map(Number)
  const valid = (n: number | undefined): n is number => Number.isInteger(n) && n! >= 1 && n! <= MAX_SIDE
  if (!Number.isInteger(hue) || hue < 0 || hue > 359 || !valid(width) || !valid(height)) {
    return errorResponse(new RasterError('RESOURCE_NOT_FOUND'))
  }
  return new HttpResponse(generatedSvg(hue, width, height, blurred), {
    headers: { 'Content-Type': 'image/svg+xml', ...cacheForever },
  })
}

function uploaded(runtime: Runtime, digest: string): Response {
  const file = runtime.files.get(digest)
  if (!file) return errorResponse(new RasterError('RESOURCE_NOT_FOUND'))
  return new HttpResponse(file.bytes, { headers: { 'Content-Type': file.contentType, ...cacheForever } })
}
