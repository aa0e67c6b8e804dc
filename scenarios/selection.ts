import { parseInstant } from '../src/clock.js'
import { badInput, errorCodes, isErrorCode, messages, type ErrorCode } from '../src/contract/errors.js'
import type { RequestHead } from '../src/contract/request-head.js'
import type { Combination, ScenarioCatalogue } from './combine.js'

/** What a request asks of the mock, beside the API call itself. */
export interface Selection<R extends RequestHead = RequestHead> {
  combination: Combination
  /** `X-Mock-Session`: requests that carry one get a world of their own. */
  session: string | undefined
  forcedError: ErrorCode | undefined
  /** `X-Mock-Now`: this request's time, for parallel tests at different times on one mock; else the mock's clock. */
  now: (() => number) | undefined
  /** The request without the mock's own query parameters, so the API never sees them. */
  request: R
  /** Its URL, parsed once for the steps after. */
  url: URL
}

const SCENARIO_PARAM = '__scenario'
const ERROR_PARAM = '__error'

/** A header, else the query parameter; empty counts as absent. */
function ask(request: RequestHead, url: URL, header: string, param: string): string | undefined {
  return request.headers.get(header)?.trim() || url.searchParams.get(param)?.trim() || undefined
}

/**
 * Reads a request's choices, first that applies: `X-Mock-Scenario`, then
 * `?__scenario=`, then the active scenario. Unknown names and error codes, and
 * an `X-Mock-Now` that is no time, are BAD_USER_INPUT, never a silent default.
 * `parsed` is the request's URL where the caller has parsed it already.
 */
export function select<R extends RequestHead>(request: R, active: string, catalogue: ScenarioCatalogue, parsed?: URL): Selection<R> {
  const url = parsed ?? new URL(request.url)
  const combination = catalogue.combine(ask(request, url, 'X-Mock-Scenario', SCENARIO_PARAM) ?? active)
  const forced = ask(request, url, 'X-Mock-Error', ERROR_PARAM)?.toUpperCase()
  if (forced !== undefined && !isErrorCode(forced)) throw badInput(messages.unknownErrorCode(errorCodes))
  return {
    combination,
    session: request.headers.get('X-Mock-Session')?.trim() || undefined,
    forcedError: forced,
    now: requestNow(request),
    ...withoutMockParams(request, url),
  }
}

/** `X-Mock-Now: <ms or ISO date>`, as a clock stopped there. */
function requestNow(request: RequestHead): (() => number) | undefined {
  const header = request.headers.get('X-Mock-Now')
  if (header === null) return undefined
  const ms = parseInstant(header)
  if (ms === undefined) throw badInput(messages.mockNowInvalid)
  return () => ms
}

/** `request` and its `url` without the mock's own parameters (a new URL then: the caller's stays as it is). */
function withoutMockParams<R extends RequestHead>(request: R, parsed: URL): { request: R; url: URL } {
  if (!parsed.searchParams.has(SCENARIO_PARAM) && !parsed.searchParams.has(ERROR_PARAM)) return { request, url: parsed }
  const url = new URL(parsed)
  url.searchParams.delete(SCENARIO_PARAM)
  url.searchParams.delete(ERROR_PARAM)
  // A clone, so a handler still holding the original request can read its body too. A request head (no body) is
  // a plain object: the same with another URL.
  return { request: (request instanceof Request ? new Request(url, request.clone()) : { ...request, url: url.href }) as R, url }
}
