import { HttpResponse } from 'msw'
import { BoundedCache } from '../util/bounded-cache.js'
import { RasterError, toRasterError } from './errors.js'

/** Headers of every REST response, success or failure (docs/contract.md, "Headers"). */
export const restHeaders = { Vary: 'Api-Version' } as const

/**
 * JSON texts of values that never change (presented records, see `immutableJson`), by the value: a list page
 * reuses each asset's text instead of stringifying it again. `null` marks a value whose text is not made yet.
 */
const jsonTexts = new WeakMap<object, string | null>()

/**
 * Marks `value`, deeply frozen, as never changing, so responses stringify it once and reuse the text.
 * Its cached text goes with it: a changed record is a new record, presented as a new value.
 */
export function immutableJson<T extends object>(value: T): T {
  jsonTexts.set(value, null)
  return value
}

/** `JSON.stringify(value)`, with the texts of marked values, and of marked items of an array, reused (MCP's results too). */
export function stringify(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value)
  if (Array.isArray(value)) {
    // JSON.stringify writes null for items that have no JSON text (undefined, functions).
    return `[${value.map((item) => stringify(item) ?? 'null').join(',')}]`
  }
  const text = jsonTexts.get(value)
  if (text === undefined) return JSON.stringify(value)
  if (text !== null) return text
  const made = JSON.stringify(value)
  jsonTexts.set(value, made)
  return made
}

const encoder = new TextEncoder()

/**
 * Bodies of the lists answered last, by their first item: a page asked again (the same items) reuses its bytes.
 * 64 pages are kept: a client paging through a library re-reads the few it shows, not all (~35 KB a page of 50).
 */
const listBodies = new BoundedCache<object, { items: readonly unknown[]; bytes: Uint8Array }>({ maxEntries: 64 })

/** Whether `value` was marked by `immutableJson`: it never changes, so what is made from it can be kept by it. */
export const isImmutableJson = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && jsonTexts.has(value)

/** The body of `{ data }`, its bytes reused when `data` lists the same immutable items as a recent list. */
function dataBody(data: unknown): Uint8Array {
  const first = Array.isArray(data) ? data[0] : undefined
  if (!isImmutableJson(first)) return encoder.encode(`{"data":${stringify(data)}}`)
  const items = data as readonly unknown[]
  // A hit is not a use: the pages kept are the last answered, as a client pages forward.
  const cached = listBodies.peek(first)
  if (cached && cached.items.length === items.length && cached.items.every((item, i) => item === items[i])) return cached.bytes
  const bytes = encoder.encode(`{"data":${stringify(data)}}`)
  if (items.every(isImmutableJson)) listBodies.set(first, { items: [...items], bytes })
  return bytes
}

/**
 * A JSON answer as bytes, before any web Response is made of it: the pipeline's REST answers. The standalone
 * server writes it to the socket as is; an msw handler turns it into a Response (`toResponse`). Making a
 * Response copies the body into a stream (a third of the server's time for a 37 KB list), so it is made only
 * where one is needed.
 */
export interface JsonAnswer {
  readonly status: number
  /** The headers `HttpResponse.json` would set (Content-Type, Content-Length) and the surface's own. */
  readonly headers: Readonly<Record<string, string>>
  /** null for a HEAD: its Content-Length is the GET's. */
  readonly body: Uint8Array | null
  /** The catalogue code of a failure, for the request log; null on success. */
  readonly code: string | null
}

/** What the pipeline answers: a JSON answer, or a web Response (GraphQL's engine, a network fault, MCP). */
export type Answer = JsonAnswer | Response

export const isResponse = (answer: Answer): answer is Response => answer instanceof Response

/** A JSON answer of `bytes` with the headers `HttpResponse.json` sets, and `headers`. */
function jsonAnswer(bytes: Uint8Array, status: number, code: string | null, headers: Record<string, string> = {}): JsonAnswer {
  return { status, headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(bytes.byteLength) }, body: bytes, code }
}

/**
 * `answer` as a web Response (the same one, if it is one already).
 *
 * @example
 * const response = toResponse(dataAnswer({ id: 'a1' })) // 200, {"data":{"id":"a1"}}
 */
export function toResponse(answer: Answer): Response {
  return isResponse(answer) ? answer : new HttpResponse(answer.body, { status: answer.status, headers: answer.headers })
}

/**
 * The REST envelope `{ data }`: the same bytes and headers as `HttpResponse.json`, with the cached texts reused.
 *
 * @example
 * dataAnswer({ id: 'a1' }, 201).status // 201
 */
export function dataAnswer(data: unknown, status = 200): JsonAnswer {
  // JSON.stringify leaves an undefined `data` out.
  return jsonAnswer(data === undefined ? encoder.encode('{}') : dataBody(data), status, null, restHeaders)
}

/** A `{ data }` response (see `dataAnswer`). */
export const dataResponse = (data: unknown, status = 200): Response => toResponse(dataAnswer(data, status))

/**
 * The only place a failure becomes a REST answer: `{ error: { code, message } }` with the error's status.
 *
 * @example
 * errorAnswer(new RasterError('NOT_FOUND')).status // 404
 */
export function errorAnswer(error: unknown): JsonAnswer {
  const { code, message, status } = toRasterError(error)
  return jsonAnswer(encoder.encode(JSON.stringify({ error: { code, message } })), status, code, restHeaders)
}

/** A failure as a REST response (see `errorAnswer`). */
export const errorResponse = (error: unknown): Response => toResponse(errorAnswer(error))

export { RasterError }

/** One entry of a GraphQL response's `errors` (docs/graphql.md, "How GraphQL fails"). */
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

/** A GraphQL answer already written as JSON text (graphql-plan.ts): the response `graphqlDataResponse` gives. */
export function graphqlTextResponse(text: string): Response {
  return toResponse(jsonAnswer(encoder.encode(text), 200, null))
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
