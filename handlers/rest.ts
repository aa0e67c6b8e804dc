import { http, type HttpHandler } from 'msw'
import { dataResponse, errorResponse } from '../src/contract/envelope.js'
import { RasterError } from '../src/contract/errors.js'
import * as account from '../src/domain/account.js'
import * as assets from '../src/domain/assets.js'
import * as libraries from '../src/domain/libraries.js'
import type { AnyOperation } from '../src/domain/operation.js'
import { perform } from '../src/domain/operation.js'
import { searchAssets } from '../src/domain/search.js'
import { uploadAssets } from '../src/domain/upload.js'
import { requireApiVersion } from '../src/pipeline/steps.js'
import type { Runtime } from '../src/runtime.js'
import { jsonBody, listParam, multipartBody, numberParam } from './http-input.js'

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

/** One msw handler per route, then the catch-all that answers ENDPOINT_NOT_FOUND under the API base. */
export function restHandlers(runtime: Runtime): HttpHandler[] {
  const handlers = routes.map((route) =>
    http[route.method](`${runtime.baseUrl}${route.path}`, ({ request, params }) =>
      runtime.respond(request, async (env) => {
        requireApiVersion(request.headers)
        const url = new URL(request.url)
        const data = await perform(env, route.operation, {
          authorization: request.headers.get('Authorization'),
          organizationId: params.organizationId as string | undefined,
          libraryId: params.libraryId as string | undefined,
          input: () => route.input(request, params as Params, url),
        })
        return dataResponse(data, route.status)
      }, errorResponse),
    ),
  )
  const notFound = http.all(`${runtime.baseUrl}/*`, ({ request }) =>
    runtime.respond(request, () => {
      requireApiVersion(request.headers)
      throw new RasterError('ENDPOINT_NOT_FOUND')
    }, errorResponse),
  )
  return [...handlers, notFound]
}
