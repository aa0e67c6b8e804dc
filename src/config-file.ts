import type { Scenario } from '../scenarios/catalogue.js'
import type { ScenarioChoice, ScenarioName } from '../scenarios/names.js'
import { checkLimits, type Limits } from './config.js'
import { API_VERSIONS, isApiVersion, type ApiVersion } from './contract/versions.js'
import type { World } from './model/world.js'

/**
 * What a `raster-mock.config.{js,mjs,ts}` file exports (by default), for the standalone server. `Name`: the
 * scenario names `scenario` accepts (`defineConfig` adds those of `scenarios`).
 */
export interface RasterMockConfig<Name extends string = string> {
  /** Seed of the fixture world's fake data. */
  seed?: number
  /** The active scenario at start, e.g. `'our-org,slow'` or `['our-org', 'slow']`. */
  scenario?: ScenarioChoice<Name>
  /** Scenarios of your own (`defineScenario`). */
  scenarios?: readonly Scenario[]
  /** Shapes the seeded fixture world before any scenario. */
  world?: (world: World) => unknown
  /** Overrides of the configurable limits. */
  limits?: Partial<Limits>
  /** The current version: GraphQL's, and the one the missing-header error names. Default `'2026-05-20'`. */
  apiVersion?: ApiVersion
}

const KEYS = new Set(['seed', 'scenario', 'scenarios', 'world', 'limits', 'apiVersion'])

/**
 * Checks and returns a config for the standalone server, typed for editors: `raster-mock --config <file>`, or a
 * `raster-mock.config.js`, `.mjs` or `.ts` in the folder it starts in. Flags win over it. An unknown key or a
 * wrong type throws, naming it.
 *
 * @example
 * // raster-mock.config.mjs
 * import { defineConfig, defineScenario } from 'raster-mock'
 *
 * const ourOrg = defineScenario({
 *   name: 'our-org',
 *   description: 'Our organization on the Free plan, one library.',
 *   async setup(world) {
 *     await world.createOrganization({ id: 'our-org', plan: 'free' })
 *     await world.createLibrary({ organizationId: 'our-org', id: 'logos' })
 *   },
 * })
 *
 * // `scenario` is typed: the built-in names and `our-org`; a typo does not compile.
 * export default defineConfig({ scenario: 'our-org', scenarios: [ourOrg], limits: { fileBytes: 10 * 1024 * 1024 } })
 */
export function defineConfig<const Custom extends readonly Scenario[] = []>(
  config: RasterMockConfig<ScenarioName<Custom[number]['name']>> & { scenarios?: Custom },
): RasterMockConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error('the config must be an object')
  for (const key of Object.keys(config)) {
    if (!KEYS.has(key)) throw new Error(`unknown setting "${key}" (known: ${[...KEYS].join(', ')})`)
  }
  const { seed, scenario, scenarios, world, limits, apiVersion } = config
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new Error('seed must be an integer')
  if (scenario !== undefined && typeof scenario !== 'string' && !(Array.isArray(scenario) && scenario.every((name) => typeof name === 'string'))) {
    throw new Error('scenario must be a string such as "our-org,slow" or a list such as ["our-org", "slow"]')
  }
  if (scenarios !== undefined && (!Array.isArray(scenarios) || scenarios.some((s) => typeof s?.name !== 'string'))) {
    throw new Error('scenarios must be a list of defineScenario(…) values')
  }
  if (world !== undefined && typeof world !== 'function') throw new Error('world must be a function of the world')
  checkLimits(limits)
  if (apiVersion !== undefined && !isApiVersion(apiVersion)) throw new Error(`apiVersion must be one of ${API_VERSIONS.join(', ')}`)
  return config
}
