import { http, type HttpHandler } from 'msw'
import { dataResponse, errorResponse } from '../src/contract/envelope.js'
import { badInput, messages } from '../src/contract/errors.js'
import { claimOrganization } from '../src/domain/account.js'
import { isInstant, parseDuration, parseInstant, type Clock } from '../src/clock.js'
import { perform } from '../src/domain/operation.js'
import type { Runtime } from '../src/runtime.js'
import { jsonBody } from './http-input.js'

/**
 * What the control routes use of a mock. A `RasterMock` is one; handlers sit below the entry that builds it
 * (src/index.ts imports the handlers), so they name only what they call.
 */
export interface ControlledMock {
  readonly runtime: Runtime
  readonly clock: Pick<Clock, 'now' | 'set' | 'advance'>
  useScenario(name: string): Promise<unknown>
  reset(options: { clock: boolean }): Promise<unknown>
}

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

function routesOf(mock: ControlledMock): AdminRoute[] {
  const { runtime } = mock
  const active = () => ({ scenario: runtime.activeScenario })
  return [
    { method: 'get', path: '/scenarios', resolver: () => runtime.catalogue.scenarios.map(({ name, description }) => ({ name, description })) },
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
      async resolver(request) {
        // `{"clock": true}` also puts the clock back where it started.
        const { clock } = await jsonBody(request)
        await mock.reset({ clock: clock === true })
        return active()
      },
    },
    { method: 'get', path: '/requests', resolver: () => runtime.requests.recent() },
    { method: 'get', path: '/clock', resolver: () => ({ now: mock.clock.now() }) },
    { method: 'put', path: '/clock', resolver: async (request) => ({ now: setClock(mock, await jsonBody(request)) }) },
    // Claims in the world the request selects (X-Mock-Scenario, X-Mock-Session, else the active scenario).
    {
      method: 'post',
      path: '/claim',
      resolver: async (request) =>
        perform(await runtime.envFor(request), claimOrganization, { authorization: null, input: () => jsonBody(request) }),
    },
  ]
}

/** `PUT /__mock/clock`: `{"now": ms or ISO date}` stops the clock there, `{"advance": "30d"}` moves it. */
function setClock(mock: ControlledMock, body: Record<string, unknown>): number {
  const keys = Object.keys(body)
  const now = keys.length === 1 && keys[0] === 'now' ? parseInstant(body.now) : undefined
  if (now !== undefined) return mock.clock.set(now)
  const advance = keys.length === 1 && keys[0] === 'advance' ? parseDuration(body.advance) : undefined
  // A move out of the clock's range (before 1970, after 8999) is refused like any other bad body, not thrown by the clock.
  if (advance === undefined || !isInstant(mock.clock.now() + advance)) throw badInput(messages.clockBodyInvalid)
  return mock.clock.advance(advance)
}

/**
 * The standalone server's control routes (docs/scenarios.md, "Against the standalone server"). Not part of Raster's
 * API: no Api-Version or key needed, never logged as API calls, and faults do
 * not apply, so a test can always reset or switch away from `server-error`.
 */
export function adminHandlers(mock: ControlledMock): HttpHandler[] {
  const base = `${mock.runtime.baseUrl}/__mock`
  return routesOf(mock).map(({ method, path, resolver }) => http[method](`${base}${path}`, route(resolver)))
}

/** The control routes as the banner lists them, e.g. `GET /__mock/scenarios`. */
export function adminRouteNames(mock: ControlledMock): string[] {
  return routesOf(mock).map(({ method, path }) => `${method.toUpperCase()} /__mock${path}`)
}
