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

/** One entry of a GraphQL response's `errors` (contract §3). */
export interface GraphQLFailure {
  code: string
  status: number
  message: string
  /** Where a parse or validation error sits in the document, as graphql-js reports it. */
  locations?: readonly { line: number; column: number }[]
}

export function graphqlDataResponse(data: unknown): Response {
  return HttpResponse.json({ data })
}

/** The only place a GraphQL failure becomes a response: `data` is null and the HTTP status is the first error's. */
export function graphqlFailureResponse(failures: readonly GraphQLFailure[]): Response {
  const errors = failures.map(({ code, status, message, locations }) => ({
    message,
    ...(locations?.length ? { locations } : {}),
    extensions: { code, http: { status } },
  }))
  return HttpResponse.json({ errors, data: null }, { status: failures[0]?.status ?? 500 })
}

/** Any error thrown outside execution (reading the body, scenario faults) as a GraphQL response. */
export function graphqlErrorResponse(error: unknown): Response {
  const { code, status, message } = toRasterError(error)
  return graphqlFailureResponse([{ code, status, message }])
}
