import { delay } from 'msw'
import type { ActiveScenarioOverride } from '../scenarios/active.js'
import { applyState, combine, type Combination } from '../scenarios/combine.js'
import { FaultState, injectFault } from '../scenarios/faults.js'
import { select, type Selection } from '../scenarios/selection.js'
import { DEFAULT_BASE_URL, DEFAULT_CDN_URL, DEFAULT_SEED, defaultLimits, type Limits } from './config.js'
import type { Env } from './domain/context.js'
import { FileStore } from './model/files.js'
import type { WorldRecords } from './model/records.js'
import { World } from './model/world.js'
import { RequestLog, failureCode } from './request-log.js'

export interface RasterMockOptions {
  /** Seed of the fixture world's fake data: the same seed gives the same world. Default 20260520. */
  seed?: number
  /** Where the API is served. Default `https://api.raster.app`. */
  baseUrl?: string
  /** Where asset images are served. Default `https://cdn.raster.app`. */
  cdnUrl?: string
  /** Overrides of the configurable limits (file size, storage, libraries, unclaimed per email, processing time). */
  limits?: Partial<Limits>
  /** The clock, in unix ms. Default `Date.now`. */
  now?: () => number
  /** The active scenario, e.g. `'library-locked,slow'`. Default `default`. */
  scenario?: string
  /** How the `slow` scenario waits. Default a real timer; tests pass one that records the delay and returns at once. */
  sleep?: (ms: number) => Promise<void>
  /**
   * The seeded world as plain data, when it is already at hand (it must be what `seed` gives): the browser
   * entry ships the default one precomputed, so faker never loads. Default: seeded on first use.
   */
  seeded?: WorldRecords
}

/** Which world a request runs against: one per scenario combination, and one more per session. */
function worldKey(combination: Combination, session: string | undefined): string {
  return session === undefined ? combination.name : `${combination.name}\u0000${session}`
}

/**
 * What every handler shares: settings, the uploaded files, the scenarios and
 * the worlds. A world is made on first use from the seed snapshot with its
 * scenario's state applied (computed once per runtime), and dropped on reset.
 */
export class Runtime {
  readonly baseUrl: string
  readonly cdnUrl: string
  readonly limits: Limits
  readonly files = new FileStore()
  readonly now: () => number
  readonly seed: number
  readonly sleep: (ms: number) => Promise<void>
  /** The last API calls, for `GET /__mock/requests`. */
  readonly requests = new RequestLog()
  #snapshot: Promise<WorldRecords> | undefined
  /** Per scenario combination: the seeded world with its state applied, as plain data. */
  #scenarioSnapshots = new Map<string, Promise<WorldRecords>>()
  #worlds = new Map<string, Promise<World>>()
  #faults = new Map<string, FaultState>()
  #active: string
  #override: ActiveScenarioOverride | undefined

  constructor(options: RasterMockOptions = {}) {
    this.baseUrl = trimSlash(options.baseUrl ?? DEFAULT_BASE_URL)
    this.cdnUrl = trimSlash(options.cdnUrl ?? DEFAULT_CDN_URL)
    this.limits = { ...defaultLimits, ...options.limits }
    this.now = options.now ?? Date.now
    this.seed = options.seed ?? DEFAULT_SEED
    this.sleep = options.sleep ?? ((ms) => delay(ms))
    this.#active = combine(options.scenario ?? 'default').name
    if (options.seeded) this.#snapshot = Promise.resolve(options.seeded)
  }

  /** The seeded world as plain data, made once per runtime. Faker is imported here, on first use, and only here. */
  snapshot(): Promise<WorldRecords> {
    return (this.#snapshot ??= import('./model/seed.js').then(({ seedWorld }) => seedWorld(this.seed)))
  }

  /** The world of a scenario combination (`'a,b'`), or of a session within it. */
  world(scenario = 'default', session?: string): Promise<World> {
    return this.#worldOf(combine(scenario), session)
  }

  #worldOf(combination: Combination, session: string | undefined): Promise<World> {
    const key = worldKey(combination, session)
    let world = this.#worlds.get(key)
    if (!world) {
      world = this.#scenarioSnapshot(combination).then((records) => World.load(structuredClone(records), this.now))
      this.#worlds.set(key, world)
    }
    return world
  }

  /**
   * Makes the world of a scenario (or of a session within it) these records, as
   * saved from an earlier `world(...).toRecords()`: the browser entry keeps
   * worlds across page loads this way. `reset()` drops it like any other world.
   */
  restoreWorld(scenario: string, session: string | undefined, records: WorldRecords): void {
    this.#worlds.set(worldKey(combine(scenario), session), World.load(records, this.now))
  }

  #scenarioSnapshot(combination: Combination): Promise<WorldRecords> {
    let records = this.#scenarioSnapshots.get(combination.name)
    if (!records) {
      records = this.snapshot().then(async (seeded) => {
        const copy = structuredClone(seeded)
        await applyState(combination, copy, { limits: this.#limitsOf(combination), seed: this.seed })
        return copy
      })
      this.#scenarioSnapshots.set(combination.name, records)
    }
    return records
  }

  #limitsOf(combination: Combination): Limits {
    return { ...this.limits, ...combination.limits }
  }

  /** The active scenario here: the override in this scope (see scenarios/active.ts) if any, else the mock's. */
  get activeScenario(): string {
    return this.#override?.get() ?? this.#active
  }

  /**
   * Makes `scenario` (`'a,b'`) the active one and restarts its fault count;
   * with an override (setupRasterServer's msw server), only in the current scope.
   */
  useScenario(scenario: string): string {
    const { name } = combine(scenario)
    if (this.#override) this.#override.set(name)
    else this.#active = name
    this.#faults.delete(name)
    return name
  }

  /** Keeps `useScenario` within msw's scopes (server.boundary, resetHandlers) from now on. */
  overrideActiveScenarioWith(override: ActiveScenarioOverride): void {
    this.#override = override
  }

  /** Forgets every world and fault count; the next request gets a fresh copy of its scenario's world. */
  reset(): void {
    this.#worlds.clear()
    this.#faults.clear()
  }

  /** What a request asks for: its scenario, session and forced error (throws BAD_USER_INPUT for unknown ones). */
  select(request: Request): Selection {
    return select(request, this.activeScenario)
  }

  async envFor(request: Request): Promise<Env> {
    return this.#env(this.select(request))
  }

  async #env({ combination, session }: Selection): Promise<Env> {
    return {
      world: await this.#worldOf(combination, session),
      files: this.files,
      limits: this.#limitsOf(combination),
      cdnUrl: this.cdnUrl,
      now: this.now,
    }
  }

  #faultsOf(key: string): FaultState {
    let faults = this.#faults.get(key)
    if (!faults) this.#faults.set(key, (faults = new FaultState(`${this.seed}:${key}`)))
    return faults
  }

  /**
   * Runs one API request: picks its scenario and world, applies the scenario's
   * faults, then `handle` (given the request without the mock's own query
   * parameters). Any error becomes a response through `onError`.
   */
  async respond(
    request: Request,
    handle: (env: Env, request: Request) => Promise<Response> | Response,
    onError: (error: unknown) => Response,
  ): Promise<Response> {
    const started = performance.now()
    let selection: Selection | undefined
    let response: Response
    try {
      selection = this.select(request)
      const { combination, session, forcedError } = selection
      response =
        (await injectFault({ combination, forcedError, state: this.#faultsOf(worldKey(combination, session)), sleep: this.sleep })) ??
        (await handle(await this.#env(selection), selection.request))
    } catch (error) {
      response = onError(error)
    }
    const { pathname } = new URL(request.url)
    this.requests.record({
      method: request.method,
      path: pathname,
      status: response.status,
      code: await failureCode(response),
      scenario: selection?.combination.name ?? this.activeScenario,
      session: selection?.session ?? null,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      at: this.now(),
    })
    return response
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}
