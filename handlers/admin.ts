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

/**
 * The standalone server's control surface (contract §7). Not part of Raster's
 * API: no Api-Version or key needed, never logged as API calls, and faults do
 * not apply, so a test can always reset or switch away from `server-error`.
 */
export function adminHandlers(mock: RasterMock): HttpHandler[] {
  const { runtime } = mock
  const base = `${runtime.baseUrl}/__mock`
  const active = () => ({ scenario: runtime.activeScenario })
  return [
    http.get(`${base}/scenarios`, route(() => scenarios.map(({ name, description }) => ({ name, description })))),
    http.get(`${base}/scenario`, route(active)),
    http.put(
      `${base}/scenario`,
      route(async (request) => {
        const { scenario } = await jsonBody(request)
        if (typeof scenario !== 'string') throw badInput(messages.scenarioBodyInvalid)
        await mock.useScenario(scenario)
        return active()
      }),
    ),
    http.post(
      `${base}/reset`,
      route(async () => {
        await mock.reset()
        return active()
      }),
    ),
    http.get(`${base}/requests`, route(() => runtime.requests.recent())),
    // Claims in the world the request selects (X-Mock-Scenario, X-Mock-Session, else the active scenario).
    http.post(
      `${base}/claim`,
      route(async (request) =>
        perform(await runtime.envFor(request), claimOrganization, { authorization: null, input: () => jsonBody(request) }),
      ),
    ),
  ]
}
