import { http, type HttpHandler } from 'msw'
import { RasterError } from '../src/contract/errors.js'
import * as account from '../src/domain/account.js'
import * as assets from '../src/domain/assets.js'
import * as libraries from '../src/domain/libraries.js'
import type { AnyOperation } from '../src/domain/operation.js'
import { perform } from '../src/domain/operation.js'
import { searchAssets } from '../src/domain/search.js'
import { uploadAssets } from '../src/domain/upload.js'
import type { Runtime } from '../src/runtime.js'
import { restSurface, type Call } from '../src/runtime/pipeline.js'
import { headResponse } from './head.js'
import { jsonBody, listParam, multipartBody, numberParam } from './http-input.js'
import { compilePath, pathBelow, urlPattern } from './path-pattern.js'

type Method = 'get' | 'post' | 'patch' | 'delete'
type Params = Record<string, string>

interface Route {
  method: Method
  path: string
  operation: AnyOperation
  /** The raw input of the operation, read from the query string, the path and the body. */
  input: (request: Request, params: Params, url: URL) => unknown
  status?: number
}

const org = '/organizations/:organizationId'
const lib = `${org}/libraries/:libraryId`
const page = (url: URL) => ({ page: numberParam(url, 'page'), pageSize: numberParam(url, 'pageSize') })
const none = () => ({})

/** Every REST endpoint of contract §2: method + path → input → domain operation. */
export const routes: Route[] = [
  { method: 'get', path: '/me', operation: account.me, input: none },
  { method: 'post', path: '/libraries', operation: account.createAnonymousLibrary, input: jsonBody },
  { method: 'get', path: `${org}/libraries`, operation: libraries.listLibraries, input: (_, __, url) => page(url) },
  { method: 'post', path: `${org}/libraries`, operation: libraries.createLibrary, input: jsonBody, status: 201 },
  { method: 'patch', path: lib, operation: libraries.renameLibrary, input: jsonBody },
  {
    method: 'get',
    path: `${lib}/assets`,
    operation: assets.listAssets,
    input: (_, __, url) => ({ ...page(url), tags: listParam(url, 'tags') }),
  },
  {
    method: 'get',
    path: `${org}/search/assets`,
    operation: searchAssets,
    input: (_, __, url) => ({
      ...page(url),
      q: url.searchParams.get('q') ?? undefined,
      libraries: listParam(url, 'libraries'),
    }),
  },
  { method: 'get', path: `${lib}/tags`, operation: libraries.listTags, input: (_, __, url) => ({ limit: numberParam(url, 'limit') }) },
  {
    method: 'post',
    path: `${lib}/assets`,
    operation: uploadAssets,
    async input(request) {
      const form = await multipartBody(request)
      return { files: form.getAll('files'), parentId: form.get('parentId') ?? undefined }
    },
  },
  { method: 'delete', path: `${lib}/assets`, operation: assets.deleteAssets, input: jsonBody },
  { method: 'post', path: `${lib}/assets/tag`, operation: assets.tagAssets, input: jsonBody },
  { method: 'post', path: `${lib}/assets/untag`, operation: assets.untagAssets, input: jsonBody },
  { method: 'post', path: `${lib}/assets/transfer`, operation: assets.transferAssets, input: jsonBody },
  {
    method: 'patch',
    path: `${lib}/assets/:assetId/description`,
    operation: assets.updateAssetDescription,
    input: async (request, params) => ({ ...(await jsonBody(request)), assetId: params.assetId }),
  },
  { method: 'get', path: `${lib}/assets/:assetId`, operation: assets.getAsset, input: (_, params) => ({ assetId: params.assetId }) },
]

/**
 * The REST API as a function of the request: the response of the route the
 * method and path pick, ENDPOINT_NOT_FOUND when none has them, or undefined
 * for the paths below the base that are not REST (GraphQL's `/`, the CDN where
 * it shares the API's origin). HEAD is answered as GET without the body. The
 * msw handler below and the standalone server (which skips msw's interception
 * for these paths) both answer through it.
 */
export function restResponder(runtime: Runtime): (request: Request) => Promise<Response> | undefined {
  const table: CompiledRoute[] = routes.map((route) => ({ ...route, match: compilePath(route.path), verb: route.method.toUpperCase() }))
  const cdnBelowBase = runtime.cdnUrl.startsWith(`${runtime.baseUrl}/`) ? `${runtime.cdnUrl.slice(runtime.baseUrl.length)}/` : undefined
  return (request) => {
    const path = pathBelow(request, runtime.baseUrl)
    if (path === '/' || path === '' || (cdnBelowBase && path.startsWith(cdnBelowBase))) return undefined
    const head = request.method.toUpperCase() === 'HEAD'
    const response = answer(runtime, table, request, path, head ? 'GET' : request.method.toUpperCase())
    return head ? headResponse(response) : response
  }
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

function answer(runtime: Runtime, table: CompiledRoute[], request: Request, path: string, method: string): Promise<Response> {
  for (const route of table) {
    const params = route.verb === method ? route.match(path) : undefined
    if (params) return respond(runtime, route, request, params)
  }
  return runtime.pipeline.run(request, notFound)
}

/** No route has that method and path: still a REST call (faults, Api-Version), answered ENDPOINT_NOT_FOUND. */
const notFound: Call = {
  surface: restSurface,
  perform() {
    throw new RasterError('ENDPOINT_NOT_FOUND')
  },
}

function respond(runtime: Runtime, route: Route, original: Request, params: Params): Promise<Response> {
  return runtime.pipeline.run(original, {
    surface: restSurface,
    status: route.status,
    // The request without the mock's own query parameters (`__scenario`, `__error`).
    perform(env, request) {
      const url = new URL(request.url)
      return perform(env, route.operation, {
        authorization: request.headers.get('Authorization'),
        organizationId: params.organizationId,
        libraryId: params.libraryId,
        input: () => route.input(request, params, url),
      })
    },
  })
}
