import type { Scenario } from '../../scenarios/catalogue.js'
import type { ScenarioChoice, ScenarioName } from '../../scenarios/names.js'
import type { Limits } from '../config.js'
import type { ApiVersion } from '../contract/versions.js'
import type { WorldRecords } from '../model/records.js'
import type { World } from '../model/world.js'

/** `Name`: the scenario names `scenario` accepts (the built-in ones, and yours where a function knows them). */
export interface RasterMockOptions<Name extends string = ScenarioName> {
  /** Seed of the fixture world's fake data: the same seed gives the same world. Default 20260520. */
  seed?: number
  /** Where the API is served. Default `https://api.raster.app`. */
  baseUrl?: string
  /** Where asset images are served. Default `https://cdn.raster.app`. */
  cdnUrl?: string
  /** Where the MCP server is served (docs/mcp.md); its anonymous endpoint is `${mcpUrl}/anonymous`. Default `https://mcp.raster.app`. */
  mcpUrl?: string
  /** Overrides of the configurable limits (file size, storage, libraries, unclaimed per email, processing time). */
  limits?: Partial<Limits>
  /**
   * What the mock's clock reads until `mock.clock.set` or `advance` (unix ms). The seeded world is anchored to
   * its first reading: every seeded time keeps its distance to it. Default: the fixture's reference date,
   * 2026-05-20T00:00:00Z, standing still (in `startRasterMock`, Storybook and the CLI: `realTime`, the real
   * time, running). `realTime` (or `Date.now`) gives real time; `() => ms` pins it.
   */
  now?: () => number
  /**
   * The mock's current version of the API: what GraphQL (which sends no Api-Version) is answered in, and what the
   * missing-header error names. REST requests are answered in the version their `Api-Version` names, whatever this
   * is. Default `'2026-05-20'`.
   */
  apiVersion?: ApiVersion
  /** The active scenario, e.g. `'library-locked,slow'` or `['library-locked', 'slow']`. Default `default`. */
  scenario?: ScenarioChoice<Name>
  /** How the `slow` scenario waits. Default a real timer; tests pass one that records the delay and returns at once. */
  sleep?: (ms: number) => Promise<void>
  /**
   * The seeded world as plain data, when it is already at hand (it must be what `seed` gives): the browser
   * entry ships the default one precomputed, so faker never loads. Default: seeded on first use.
   */
  seeded?: WorldRecords
  /**
   * Worlds of `X-Mock-Session` sessions kept at once (only sessions that wrote have one); beyond it the least
   * recently used is dropped and starts again from its scenario's seed. Default 1,000.
   */
  maxSessions?: number
  /**
   * Scenario combinations (`a,b`) whose seeded world is kept at once; beyond it the least recently used is
   * dropped, with the worlds of its sessions, and built again when next asked for. Default 20.
   */
  maxScenarioWorlds?: number
  /** Scenarios of your own (`defineScenario`), selected like the built-in ones. */
  scenarios?: readonly Scenario[]
  /**
   * Shapes the seeded fixture world before any scenario, so every scenario (but those on an `empty` base) sees it.
   *
   * @example
   * createRasterMock({ world: (world) => world.createLibrary({ organizationId: 'monogram-labs', id: 'press' }) })
   */
  world?: (world: World) => unknown
  /**
   * How long a setup (the `world` option, a scenario's `setup`) may take before it fails, naming whose setup it
   * was: one that never settles would otherwise hang every request that needs its world. Default 10,000 ms.
   */
  setupTimeoutMs?: number
}

export const DEFAULT_MAX_SESSIONS = 1000
export const DEFAULT_MAX_SCENARIO_WORLDS = 20
/** The longest a setup (the `world` option, a scenario's, a config file's loading) may take: 10 s. */
export const DEFAULT_SETUP_TIMEOUT_MS = 10_000
