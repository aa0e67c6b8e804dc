import { parse, type OperationDefinitionNode } from 'graphql'
import { isAbsent } from '../actions/define.js'
import { rasterApi } from '../actions/index.js'

/** A request the real side's fetch refused to send: verify's own bug, never the API's answer. */
export class RefusedRequest extends Error {
  override name = 'RefusedRequest'
}

/** A REST path pattern (`/organizations/:organizationId/libraries`) as a regular expression on a whole path. */
const patternOf = (path: string) => new RegExp(`^${path.replace(/:\w+/g, '[^/]+')}$`)

/** The REST paths the suite reads: every read action's endpoint, from the action definitions. */
const readPatterns = rasterApi.actions.flatMap((action) =>
  !isAbsent(action.rest) && action.rest.method === 'get' ? [patternOf(action.rest.path)] : [],
)

/** A write the `--allow-writes` cycle sends, limited to one scratch library. */
export interface AllowedWrite {
  method: 'POST' | 'PATCH' | 'DELETE'
  /** A REST path pattern below the scratch library: `/assets/tag`. */
  below: string
}

/** What the real side may send: the suite's reads, and with `--allow-writes` the cycle's writes to one library. */
export interface Allowlist {
  /** The API's origin: nothing else is ever fetched. */
  origin: string
  /** Exact paths the suite reads beyond the read endpoints (the unknown-path probe). */
  extraPaths?: readonly string[]
  writes?: { organizationId: string; libraryId: string; allowed: readonly AllowedWrite[] }
}

/** The operations of a GraphQL document, or why it cannot be sent: it must parse and hold queries only. */
function onlyQueries(body: string): string | undefined {
  let document
  try {
    const { query } = JSON.parse(body) as { query?: unknown }
    if (typeof query !== 'string') return 'a GraphQL request without a query'
    document = parse(query)
  } catch (error) {
    return `a GraphQL document that does not parse (${(error as Error).message})`
  }
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition')
  const other = operations.find((operation) => operation.operation !== 'query')
  if (other) return `a GraphQL ${other.operation}`
  if (operations.length === 0) return 'a GraphQL document without an operation'
  return undefined
}

/**
 * Why `request` (with its body as text) is not allowed, or undefined when it is: a GET of a read endpoint, of
 * `/openapi.json` or of an extra path; a POST of a GraphQL document that holds queries only; with writes allowed,
 * one of the cycle's writes below the scratch library.
 */
export function refusal(allow: Allowlist, method: string, url: string, body: string | undefined): string | undefined {
  const target = new URL(url)
  if (target.origin !== allow.origin) return `a request to another origin (${target.origin})`
  const path = target.pathname
  if (method === 'GET') {
    if (body) return 'a GET with a body'
    if (path === '/openapi.json' || readPatterns.some((pattern) => pattern.test(path)) || allow.extraPaths?.includes(path)) return undefined
    return `GET ${path}, which is not one of the suite's reads`
  }
  if (method === 'POST' && path === '/') return body === undefined ? 'a GraphQL request without a body' : onlyQueries(body)
  const scratch = allow.writes
  if (scratch) {
    const library = `/organizations/${scratch.organizationId}/libraries/${scratch.libraryId}`
    if (scratch.allowed.some((write) => write.method === method && patternOf(library + write.below).test(path))) return undefined
  }
  return `${method} ${path}: a write (writes need --allow-writes --library <scratch id>, and only to that library)`
}

/**
 * `fetch`, refusing (with a RefusedRequest, before anything is sent) every request the allowlist does not hold,
 * and never following a redirect.
 * Only string bodies pass: the suite sends JSON, the write cycle's upload is checked by its path alone.
 */
export function guardedFetch(allow: Allowlist, inner: typeof fetch = fetch): (request: Request) => Promise<Response> {
  return async (request) => {
    const body = request.method === 'GET' || request.method === 'HEAD' || request.headers.get('Content-Type')?.startsWith('multipart/') ? undefined : await request.clone().text()
    const why = refusal(allow, request.method, request.url, body || undefined)
    if (why) throw new RefusedRequest(`raster-mock verify refused to send ${why}.`)
    // A redirect is answered, never followed: following it would send a request the guard never saw.
    return inner(new Request(request, { redirect: 'manual' }))
  }
}
