import type { RequestHandler } from 'msw'
import type { Clock } from './clock.js'
import { claimOrganization, type ClaimInput, type ClaimResult } from './domain/account.js'
import { perform } from './domain/operation.js'
import { graphqlHandlers } from '../handlers/graphql.js'
import { oauthHandlers } from '../handlers/oauth.js'
import { imageHandlers } from '../handlers/images.js'
import { mcpHandlers } from '../handlers/mcp.js'
import { restHandlers } from '../handlers/rest.js'
import type { World } from './model/world.js'
import { Runtime, type RasterMockOptions } from './runtime.js'
import type { Scenario } from '../scenarios/catalogue.js'
import type { ScenarioList, ScenarioName } from '../scenarios/names.js'

export interface RasterMock<Name extends string = string> {
  /** The msw handlers: `setupServer(...mock.handlers)` or `setupWorker(...mock.handlers)`. */
  readonly handlers: RequestHandler[]
  /** The world of the active scenario, to inspect or change state directly. Available once `ready` resolves. */
  readonly db: World
  /** Resolves when the world is loaded; requests wait for it on their own. */
  readonly ready: Promise<World>
  /**
   * Restores the seeded world of every scenario, dropping every change; the active scenario stays, and so does
   * the clock unless `{ clock: true }`.
   */
  reset(options?: { clock?: boolean }): Promise<World>
  /** The mock's time: `clock.now()`, `clock.set(ms)`, `clock.advance('30d')`. Sessions share it. */
  readonly clock: Clock
  /**
   * Claims a temporary library, as its owner would on raster.app, in the active scenario's world: it becomes a
   * normal Free organization that never expires. Rejects with the API's error (404 unknown or expired, 409 used).
   */
  claim(input: ClaimInput): Promise<ClaimResult>
  /**
   * Makes these scenarios the active ones (`useScenario('library-locked', 'slow')`, or
   * `useScenario('library-locked,slow')`; `useScenario('default')` clears). Under `setupRasterServer` it acts like `server.use()`: inside `server.boundary()` it stays within
   * the boundary, and `server.resetHandlers()` clears it. An unknown name (or a custom scenario whose setup
   * throws) rejects the promise; it never throws synchronously.
   */
  useScenario(...names: Array<ScenarioList<Name>>): Promise<World>
  /**
   * Internal: the mock's machinery, an escape hatch for tests that need more than the above: another scenario's
   * world (`await mock.runtime.world('library-locked')`), the request log, the base URL. Its other members may change.
   */
  readonly runtime: Runtime
}

/**
 * Creates the whole mock of the Raster API: msw handlers (REST, GraphQL, the CDN's images) over one in-memory
 * world, seeded with the fixture world (docs/fixture.md). Give the handlers to any msw setup; in Node tests
 * `setupRasterServer` (`raster-mock/node`) does that for you. `scenarios` adds scenarios of your own
 * (`defineScenario`), whose names `scenario` and `useScenario` then accept; any other name is a type error, and
 * at run time a BAD_USER_INPUT naming the closest known one.
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { createRasterMock } from 'raster-mock'
 *
 * const mock = createRasterMock({ scenario: 'library-locked' })
 * const server = setupServer(...mock.handlers)
 * server.listen()
 *
 * const response = await fetch('https://api.raster.app/organizations/monogram-labs/libraries/barcelona/assets', {
 *   headers: { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' },
 * })
 * response.status // 403: LIBRARY_LOCKED
 *
 * await mock.useScenario('default')
 * await mock.reset() // back to the seeded world
 * server.close()
 */
export function createRasterMock<const Custom extends readonly Scenario[] = []>(
  options: RasterMockOptions<ScenarioName<Custom[number]['name']>> & { scenarios?: Custom } = {},
): RasterMock<ScenarioName<Custom[number]['name']>> {
  const runtime = new Runtime(options)
  let current: World | undefined
  const load = () => runtime.world(runtime.activeScenario).then((world) => (current = world))
  let ready = load()
  return {
    // REST first: msw tries handlers in order, and most requests are REST calls. Its catch-all leaves `/`
    // (GraphQL) and the CDN (on the API's origin in the standalone server) to the handlers after it.
    handlers: [...restHandlers(runtime), ...oauthHandlers(runtime), ...graphqlHandlers(runtime), ...imageHandlers(runtime), ...mcpHandlers(runtime)],
    get db(): World {
      if (!current) throw new Error('[raster-mock] The world is still loading: `await mock.ready` before reading `mock.db`.')
      return current
    },
    get ready() {
      return ready
    },
    reset(options) {
      runtime.reset(options)
      current = undefined
      return (ready = load())
    },
    useScenario(...names) {
      try {
        runtime.useScenario(names.join(','))
      } catch (error) {
        return Promise.reject(error)
      }
      current = undefined
      return (ready = load())
    },
    clock: runtime.clock,
    async claim(input) {
      // The world a request without scenario headers selects: the active scenario's.
      const env = await runtime.envFor(new Request(`${runtime.baseUrl}/__mock/claim`))
      return perform(env, claimOrganization, { authorization: null, input: () => input })
    },
    runtime,
  }
}

export type { RasterMockOptions } from './runtime.js'
export type { Limits } from './config.js'
export { Clock, parseDuration, parseInstant, realTime } from './clock.js'
export type { ClaimInput, ClaimResult } from './domain/account.js'
export { fixture } from './model/fixture.js'
export { errorCatalogue, type ErrorCode } from './contract/errors.js'
export { rasterSdl, rasterSdlOf } from '../handlers/graphql-sdl.js'
export { API_VERSIONS as apiVersions, type ApiVersion } from './contract/versions.js'
export type { World } from './model/world.js'
export type { AssetInput, KeyInput, LibraryInput, OrganizationInput } from './model/factories.js'
export { defineScenario, type ScenarioDefinition } from '../scenarios/define.js'
export type { Scenario, BuiltInScenarioName } from '../scenarios/catalogue.js'
export type { ScenarioChoice, ScenarioList, ScenarioName } from '../scenarios/names.js'
export { defineConfig, type RasterMockConfig } from './config-file.js'
export type { ScenarioCatalogue } from '../scenarios/combine.js'
export type {
  AnonymousLibrary,
  Asset,
  AssetView,
  AssetViewMetadata,
  DataEnvelope,
  DeleteResult,
  DescriptionResult,
  ErrorEnvelope,
  Library,
  Me,
  SearchHit,
  SearchHitHighlights,
  SearchResult,
  Tag,
  TagResult,
  TransferResult,
  UntagResult,
  UploadResult,
  Uploader,
} from './contract/schemas.js'
export type { ActionName, ActionInputOf, ActionResultOf } from './actions/index.js'
