import { HttpResponse } from 'msw'
import { RasterError, toRasterError } from './errors.js'

/** Headers of every REST response, success or failure (contract §1). */
export const restHeaders = { Vary: 'Api-Version' } as const

export function dataResponse(data: unknown, status = 200): Response {
  return HttpResponse.json({ data }, { status, headers: restHeaders })
}

/** The only place a failure becomes a REST response. */
export function errorResponse(error: unknown): Response {
  const { code, message, status } = toRasterError(error)
  return HttpResponse.json({ error: { code, message } }, { status, headers: restHeaders })
}

export { RasterError }
