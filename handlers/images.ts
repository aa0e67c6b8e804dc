import { http, HttpResponse, type HttpHandler } from 'msw'
import { errorResponse } from '../src/contract/envelope.js'
import { RasterError } from '../src/contract/errors.js'
import { generatedSvg } from '../src/images.js'
import type { Runtime } from '../src/runtime.js'

const MAX_SIDE = 20_000
const cacheForever = { 'Cache-Control': 'public, max-age=31536000, immutable' }

/** The mock CDN: generated images of seeded assets, and the bytes of uploaded files. */
export function imageHandlers(runtime: Runtime): HttpHandler[] {
  const generated = (blurred: boolean) =>
    http.get(`${runtime.cdnUrl}/${blurred ? 'gb' : 'g'}/:hue/:size/:file`, ({ params }) => {
      const hue = Number(params.hue)
      const [width, height] = String(params.size).split('x').map(Number)
      const valid = (n: number | undefined): n is number => Number.isInteger(n) && n! >= 1 && n! <= MAX_SIDE
      if (!Number.isInteger(hue) || hue < 0 || hue > 359 || !valid(width) || !valid(height)) {
        return errorResponse(new RasterError('RESOURCE_NOT_FOUND'))
      }
      return new HttpResponse(generatedSvg(hue, width, height, blurred), {
        headers: { 'Content-Type': 'image/svg+xml', ...cacheForever },
      })
    })

  return [
    generated(false),
    generated(true),
    http.get(`${runtime.cdnUrl}/f/:digest/:name`, ({ params }) => {
      const file = runtime.files.get(String(params.digest))
      if (!file) return errorResponse(new RasterError('RESOURCE_NOT_FOUND'))
      return new HttpResponse(file.bytes, { headers: { 'Content-Type': file.contentType, ...cacheForever } })
    }),
  ]
}
