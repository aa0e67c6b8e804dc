import { http, type HttpHandler } from 'msw'
import { inVersion, isAbsent, type Action, type RestBinding } from '../src/actions/define.js'
import { rasterApi, type ApiDefinition } from '../src/actions/index.js'
import { performAction } from '../src/actions/perform.js'
import { changesUpTo, queryOf, type VersionChange } from '../src/actions/versions.js'
import { toResponse, type Answer } from '../src/contract/envelope.js'
import { RasterError } from '../src/contract/errors.js'
import type { RequestHead } from '../src/contract/request-head.js'
import type { AnyOperation } from '../src/domain/operation.js'
import type { Runtime } from '../src/runtime.js'
import { restSurface, type Call } from '../src/runtime/pipeline.js'
import { headAnswer } from './head.js'
import { oauthPaths } from './oauth.js'
import { jsonBody, listParam, multipartBody, numberParam } from './http-input.js'
import { compilePath, urlPattern, type PathParams } from './path-pattern.js'

type Method = RestBinding['method']
type Params = PathParams

/** An action's REST endpoint, ready to route: the binding and how the operation's raw input is read. */
export interface Route {
  action: Action
  method: Method
  path: string
  operation: AnyOperation
  /**
   * The raw input of the operation, read from the query string, the path and the body. Only a route with a body
   * reads `request` (a web Request then: the standalone server builds one for every request with a body).
   */
  input: (request: RequestHead, params: Params, url: URL) => unknown
  status?: number
}

/** The path's parameters that scope the request rather than being input of the operation. */
const scopeParameters = new Set(['organizationId', 'libraryId'])

const queryReaders = {
  number: numberParam,
  list: listParam,
  string: (url: URL, name: string) => url.searchParams.get(name) ?? undefined,
}

/**
 * How an endpoint reads its operation's input, from its binding alone: the body (JSON, or multipart fields), then
 * the query parameters it names, then the path's own parameters (`:assetId`), which win over the body's.
 */
function inputReader({ method, path, query = {}, body = method === 'get' ? undefined : 'json' }: RestBinding): Route['input'] {
  const queries = Object.entries(query).map(([name, kind]) => [name, queryReaders[kind]] as const)
  const pathInput = [...path.matchAll(/:(\w+)/g)].map((match) => match[1]!).filter((name) => !scopeParameters.has(name))
  const readBody: (request: Request) => Promise<Record<string, unknown>> | Record<string, unknown> =
    body === undefined
      ? () => ({})
      : body === 'json'
        ? jsonBody
        : async (request) => {
            const form = await multipartBody(request)
            const fields = Object.entries(body.multipart)
            return Object.fromEntries(fields.map(([name, kind]) => [name, kind === 'files' ? form.getAll(name) : (form.get(name) ?? undefined)]))
          }
  const rest = (params: Params, url: URL) => {
    const input: Record<string, unknown> = {}
    for (const [name, read] of queries) input[name] = read(url, name)
    for (const name of pathInput) input[name] = params[name]
    return input
  }
  if (body === undefined) return (_, params, url) => rest(params, url)
  return async (request, params, url) => ({ ...(await readBody(request as Request)), ...rest(params, url) })
}

/** The REST endpoints of an API's actions (every action that has one). */
export function routesOf(api: ApiDefinition): Route[] {
  return api.actions.flatMap((action) =>
    isAbsent(action.rest)
      ? []
      : [{ action, method: action.rest.method, path: action.rest.path, operation: action.operation, input: inputReader(action.rest), status: action.rest.status }],
  )
}

/** Every REST endpoint of the API (docs/rest.md lists them): method + path → input → action. */
export const routes: Route[] = routesOf(rasterApi)

/**
 * The REST API as a function of the request and its URL: the answer of the route the method and path pick,
 * ENDPOINT_NOT_FOUND when none has them, or undefined for the paths below the base that are not REST (GraphQL's
 * `/`, the CDN where it shares the API's origin). HEAD is answered as GET without the body. The msw handler below
 * (through `restResponder`) and the standalone server (which skips msw's interception for these paths, and writes
 * the answer's bytes as they are) both answer through it.
 */
export function restAnswerer(runtime: Runtime, api: ApiDefinition = rasterApi): (request: RequestHead, url: URL) => Promise<Answer> | undefined {
  const table: CompiledRoute[] = (api === rasterApi ? routes : routesOf(api)).map((route) => ({ ...route, match: compilePath(route.path), verb: route.method.toUpperCase() }))
  const notFound = notFoundIn(api)
  const cdnBelowBase = runtime.cdnUrl.startsWith(`${runtime.baseUrl}/`) ? `${runtime.cdnUrl.slice(runtime.baseUrl.length)}/` : undefined
  // The MCP server, where it shares the API's origin (the standalone server's `/mcp`), is its own handler's.
  const mcpBelowBase = runtime.mcpUrl.startsWith(`${runtime.baseUrl}/`) ? runtime.mcpUrl.slice(runtime.baseUrl.length) : undefined
  const isMcp = (path: string) => mcpBelowBase !== undefined && (path === mcpBelowBase || path.startsWith(`${mcpBelowBase}/`))
  return (request, url) => {
    const path = `${url.origin}${url.pathname}`.slice(runtime.baseUrl.length)
    if (path === '/' || path === '' || oauthPaths.has(path) || (cdnBelowBase && path.startsWith(cdnBelowBase)) || isMcp(path)) return undefined
    const method = request.method.toUpperCase()
    const head = method === 'HEAD'
    const answered = answer(runtime, api, table, notFound, request, url, path, head ? 'GET' : method)
    return head ? headAnswer(answered) : answered
  }
}

/** `restAnswerer` for msw: the answer as a web Response. */
export function restResponder(runtime: Runtime, api: ApiDefinition = rasterApi): (request: Request) => Promise<Response> | undefined {
  const answerOf = restAnswerer(runtime, api)
  return (request) => answerOf(request, new URL(request.url))?.then(toResponse)
}

/**
 * One msw handler for the whole API base: it picks the route from the table
 * (see path-pattern.ts for why not one handler per route), and answers
 * ENDPOINT_NOT_FOUND when none has that method and path. It comes first, so
 * REST requests, the most frequent, are matched by one handler only.
 */
export function restHandlers(runtime: Runtime): HttpHandler[] {
  const respond = restResponder(runtime)
  // GraphQL's endpoint (the base's `/`, left out here so msw never runs this handler for it), and the CDN where it
  // shares the API's origin, belong to the handlers after this one.
  return [http.all(urlPattern(runtime.baseUrl, '/.'), ({ request }) => respond(request))]
}

type CompiledRoute = Route & { match: (path: string) => Params | undefined; verb: string }

function answer(runtime: Runtime, api: ApiDefinition, table: CompiledRoute[], notFound: Call<unknown, RequestHead>, request: RequestHead, url: URL, path: string, method: string): Promise<Answer> {
  for (const route of table) {
    const params = route.verb === method ? route.match(path) : undefined
    if (params) return respond(runtime, api, route, request, url, params)
  }
  return runtime.pipeline.answer(request, notFound, url)
}

/** No route has that method and path: still a REST call (faults, Api-Version), answered ENDPOINT_NOT_FOUND. */
const notFoundIn = (api: ApiDefinition): Call<unknown, RequestHead> => ({
  surface: restSurface,
  versions: api.versions,
  perform() {
    throw new RasterError('ENDPOINT_NOT_FOUND')
  },
})

/** How a route reads its input in a version whose changes add query parameters, made once per route and version. */
const versionedInputs = new WeakMap<Route, Map<string, Route['input']>>()

/** `version` is one of the API's (the pipeline refused any other), so the map per route stays small. */
function inputIn(route: Route, changes: readonly VersionChange[], version: string): Route['input'] {
  const added = queryOf(changes)
  if (added === undefined || isAbsent(route.action.rest)) return route.input
  let byChanges = versionedInputs.get(route)
  if (!byChanges) versionedInputs.set(route, (byChanges = new Map()))
  let input = byChanges.get(version)
  if (!input) byChanges.set(version, (input = inputReader({ ...route.action.rest, query: { ...route.action.rest.query, ...added } })))
  return input
}

function respond(runtime: Runtime, api: ApiDefinition, route: Route, original: RequestHead, parsed: URL, params: Params): Promise<Answer> {
  return runtime.pipeline.answer(original, {
    surface: restSurface,
    status: route.status,
    versions: api.versions,
    // `request` and `url` are without the mock's own query parameters (`__scenario`, `__error`); `version`, its
    // Api-Version (one of the API's: the pipeline answers any other).
    perform(env, request, version, url) {
      const changes = changesUpTo(route.action.changes, version!)
      const read = inputIn(route, changes, version!)
      const operationRequest = {
        authorization: request.headers.get('Authorization'),
        organizationId: params.organizationId,
        libraryId: params.libraryId,
        input: () => read(request, params, url),
      }
      return performAction(env, route.action, operationRequest, version!)
    },
  }, parsed)
}
