import { http, type HttpHandler } from 'msw'
import { scenarios } from '../scenarios/catalogue.js'
import { dataResponse, errorResponse } from '../src/contract/envelope.js'
import { badInput, messages } from '../src/contract/errors.js'
import { claimOrganization } from '../src/domain/account.js'
import { perform } from '../src/domain/operation.js'
import type { RasterMock } from '../src/index.js'
import { jsonBody } from './http-input.js'

type Resolver = (request: Request) => Promise<unknown> | unknown

/** A control route: `{data}` on success, the REST error envelope on failure, like the API. */
function route(resolver: Resolver) {
  return async ({ request }: { request: Request }) => {
    try {
      return dataResponse(await resolver(request))
    } catch (error) {
      return errorResponse(error)
    }
  }
}

interface AdminRoute {
  method: 'get' | 'put' | 'post'
  /** Below `/__mock`. */
  path: string
  resolver: Resolver
}

function routesOf(mock: RasterMock): AdminRoute[] {
  const { runtime } = mock
  const active = () => ({ scenario: runtime.activeScenario })
  return [
    { method: 'get', path: '/scenarios', resolver: () => scenarios.map(({ name, description }) => ({ name, description })) },
    { method: 'get', path: '/scenario', resolver: active },
    {
      method: 'put',
      path: '/scenario',
      async resolver(request) {
        const { scenario } = await jsonBody(request)
        if (typeof scenario !== 'string') throw badInput(messages.scenarioBodyInvalid)
        await mock.useScenario(scenario)
        return active()
      },
    },
    {
      method: 'post',
      path: '/reset',
      async resolver() {
        await mock.reset()
        return active()
      },
    },
    { method: 'get', path: '/requests', resolver: () => runtime.requests.recent() },
    // Claims in the world the request selects (X-Mock-Scenario, X-Mock-Session, else the active scenario).
    {
      method: 'post',
      path: '/claim',
      resolver: async (request) =>
        perform(await runtime.envFor(request), claimOrganization, { authorization: null, input: () => jsonBody(request) }),
    },
  ]
}

/**
 * The standalone server's control surface (contract §7). Not part of Raster's
 * API: no Api-Version or key needed, never logged as API calls, and faults do
 * not apply, so a test can always reset or switch away from `server-error`.
 */
export function adminHandlers(mock: RasterMock): HttpHandler[] {
  const base = `${mock.runtime.baseUrl}/__mock`
  return routesOf(mock).map(({ method, path, resolver }) => http[method](`${base}${path}`, route(resolver)))
}

/** The control routes as the banner lists them, e.g. `GET /__mock/scenarios`. */
export function adminRouteNames(mock: RasterMock): string[] {
  return routesOf(mock).map(({ method, path }) => `${method.toUpperCase()} /__mock${path}`)
}
