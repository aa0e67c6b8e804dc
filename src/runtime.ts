import { delay } from 'msw'
import type { ScenarioCatalogue } from '../scenarios/combine.js'
import { FaultStates } from '../scenarios/faults.js'
import type { Selection } from '../scenarios/selection.js'
import { Clock } from './clock.js'
import { DEFAULT_BASE_URL, DEFAULT_CDN_URL, DEFAULT_MCP_URL, DEFAULT_SEED, resolveLimits, type Limits } from './config.js'
import { API_VERSIONS, DEFAULT_API_VERSION, isApiVersion, type ApiVersion } from './contract/versions.js'
import type { Env } from './domain/context.js'
import { FileStore } from './model/files.js'
import type { WorldRecords } from './model/records.js'
import type { World } from './model/world.js'
import { RequestLog } from './request-log.js'
import { DEFAULT_MAX_SCENARIO_WORLDS, DEFAULT_MAX_SESSIONS, DEFAULT_SETUP_TIMEOUT_MS, type RasterMockOptions } from './runtime/options.js'
import { Pipeline } from './runtime/pipeline.js'
import { ScenarioControl } from './runtime/scenario-control.js'
import { Worlds } from './runtime/worlds.js'

export type { RasterMockOptions } from './runtime/options.js'

/**
 * One mock's machinery, made of named parts: `scenarios` (the active scenario
 * and what a request selects), `worlds` (the world registry, its caps and
 * evictions), `faults` (flaky's counts, slow's delays), `pipeline` (the path of
 * every API request), with the settings, the uploaded files and the request
 * log they share. The handlers are built on it.
 *
 * Internal: `mock.runtime` is an escape hatch for tests, kept for what they
 * need beyond `mock`: another scenario's world (`world('library-locked')`),
 * the request log, what is held (`usage`), the base URL.
 */
export class Runtime {
  readonly baseUrl: string
  readonly cdnUrl: string
  readonly mcpUrl: string
  readonly limits: Limits
  readonly seed: number
  /** The mock's time: sessions share it, `reset()` keeps it unless asked. */
  readonly clock: Clock
  /** The time by the clock: what every rule of time and every timestamp reads (a request's Env may override it). */
  readonly now: () => number
  readonly sleep: (ms: number) => Promise<void>
  readonly files = new FileStore()
  /** The last API calls, for `GET /__mock/requests`. */
  readonly requests = new RequestLog()
  readonly scenarios: ScenarioControl
  readonly worlds: Worlds
  readonly faults: FaultStates
  readonly pipeline: Pipeline
  /** The current version (the `apiVersion` option): GraphQL's version, and the one the missing-header error names. */
  readonly currentVersion: ApiVersion

  constructor(options: RasterMockOptions<string> = {}) {
    this.baseUrl = trimSlash(options.baseUrl ?? DEFAULT_BASE_URL)
    this.cdnUrl = trimSlash(options.cdnUrl ?? DEFAULT_CDN_URL)
    this.mcpUrl = trimSlash(options.mcpUrl ?? DEFAULT_MCP_URL)
    this.limits = resolveLimits(options.limits)
    this.currentVersion = checkApiVersion(options.apiVersion)
    const source = options.now
    this.clock = new Clock(source && (() => source))
    this.now = () => this.clock.now()
    this.seed = options.seed ?? DEFAULT_SEED
    this.sleep = options.sleep ?? ((ms) => delay(ms))
    this.scenarios = new ScenarioControl(options.scenarios, options.scenario)
    const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS
    const maxScenarioWorlds = options.maxScenarioWorlds ?? DEFAULT_MAX_SCENARIO_WORLDS
    const setupTimeoutMs = options.setupTimeoutMs ?? DEFAULT_SETUP_TIMEOUT_MS
    if (!(setupTimeoutMs > 0)) throw new Error(`[raster-mock] setupTimeoutMs must be a number of milliseconds above 0, not ${setupTimeoutMs}.`)
    this.worlds = new Worlds({
      seed: this.seed,
      now: this.now,
      anchor: this.clock.start,
      limits: this.limits,
      cdnUrl: this.cdnUrl,
      files: this.files,
      catalogue: this.scenarios.catalogue,
      shape: options.world,
      seeded: options.seeded,
      maxSessions,
      maxScenarioWorlds,
      setupTimeoutMs,
      apiVersion: this.currentVersion,
    })
    // One fault state per world at most: the sessions', the scenario worlds', the default one.
    this.faults = new FaultStates(this.seed, maxSessions + maxScenarioWorlds + 1)
    this.pipeline = new Pipeline(this)
  }

  /** The active scenario here (the scenario control's). */
  get activeScenario(): string {
    return this.scenarios.active
  }

  /** The scenarios this mock knows (the scenario control's). */
  get catalogue(): ScenarioCatalogue {
    return this.scenarios.catalogue
  }

  /**
   * The world of a scenario combination (`'a,b'`), or of a session within it, that writes go into: made here if
   * it does not exist yet.
   */
  world(scenario = 'default', session?: string): Promise<World> {
    return this.worlds.world(scenario, session)
  }

  /**
   * Makes the world of a scenario (or of a session within it) these records, as saved from an earlier
   * `world(...).toRecords()`: the browser entry keeps worlds across page loads this way. `reset()` drops it.
   */
  restoreWorld(scenario: string, session: string | undefined, records: WorldRecords): Promise<World> {
    return this.worlds.restore(scenario, session, records)
  }

  /**
   * Makes `scenario` (`'a,b'`) the active one and restarts its fault count;
   * with an override (setupRasterServer's msw server), only in the current scope.
   */
  useScenario(scenario: string): string {
    const name = this.scenarios.use(scenario)
    this.faults.forget(name)
    return name
  }

  /**
   * Drops every world written into and every fault count; the next request starts from its scenario's seed.
   * The clock stays where it is unless `clock: true`, which puts it back where it started.
   */
  reset({ clock = false }: { clock?: boolean } = {}): void {
    if (clock) this.clock.reset()
    this.worlds.reset()
    this.faults.clear()
  }

  /** What a request asks for: its scenario, session, forced error and time (throws BAD_USER_INPUT for unknown ones). */
  select(request: Request): Selection {
    return this.scenarios.select(request)
  }

  /** The environment the request would run in, outside the pipeline (the control routes' claim). */
  envFor(request: Request): Promise<Env> {
    const { combination, session, now } = this.select(request)
    return this.worlds.env(combination, session, now)
  }

  /** What is held now: worlds written into (the mock's and the sessions'), scenario worlds, stored files. */
  get usage() {
    return { ...this.worlds.usage, ...this.files.usage }
  }

  /**
   * Runs one request through the pipeline with a handler of your own: `handle` answers (given the request
   * without the mock's own query parameters), any error becomes a response through `onError`.
   */
  respond(
    request: Request,
    handle: (env: () => Promise<Env>, request: Request) => Promise<Response> | Response,
    onError: (error: unknown) => Response,
  ): Promise<Response> {
    return this.pipeline.run(request, { surface: { requiresVersion: false, envelope: (response) => response, failure: onError }, perform: handle })
  }
}

/** The `apiVersion` option, checked: a version the mock does not answer fails at once, naming the ones it does. */
function checkApiVersion(version: unknown): ApiVersion {
  if (version === undefined) return DEFAULT_API_VERSION
  if (isApiVersion(version)) return version
  throw new Error(`[raster-mock] apiVersion must be one of ${API_VERSIONS.join(', ')}, not ${JSON.stringify(version)}.`)
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}
