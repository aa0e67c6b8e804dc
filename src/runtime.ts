import { delay } from 'msw'
import type { ActiveScenarioOverride } from '../scenarios/active.js'
import type { Scenario } from '../scenarios/catalogue.js'
import { applyState, ScenarioCatalogue, type Combination } from '../scenarios/combine.js'
import { FaultState, injectFault } from '../scenarios/faults.js'
import { select, type Selection } from '../scenarios/selection.js'
import { DEFAULT_BASE_URL, DEFAULT_CDN_URL, DEFAULT_SEED, defaultLimits, type Limits } from './config.js'
import { Clock, parseInstant } from './clock.js'
import { badInput, messages } from './contract/errors.js'
import type { Env } from './domain/context.js'
import { FileStore } from './model/files.js'
import { Lru } from './util/bounded-cache.js'
import type { WorldRecords } from './model/records.js'
import { World } from './model/world.js'
import { RequestLog, failureCode } from './request-log.js'
import { scenarioChanges } from './model/changes.js'

export interface RasterMockOptions {
  /** Seed of the fixture world's fake data: the same seed gives the same world. Default 20260520. */
  seed?: number
  /** Where the API is served. Default `https://api.raster.app`. */
  baseUrl?: string
  /** Where asset images are served. Default `https://cdn.raster.app`. */
  cdnUrl?: string
  /** Overrides of the configurable limits (file size, storage, libraries, unclaimed per email, processing time). */
  limits?: Partial<Limits>
  /**
   * What the mock's clock reads until `mock.clock.set` or `advance` (unix ms). Default: the fixture's reference
   * date, 2026-05-20T00:00:00Z, when the mock is made, running at real speed. `Date.now` gives real time.
   */
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
}

export const DEFAULT_MAX_SESSIONS = 1000
export const DEFAULT_MAX_SCENARIO_WORLDS = 20

/**
 * What every handler shares: settings, the uploaded files, the scenarios and
 * the worlds. Worlds are layers (see src/model/world.ts): the seeded world is
 * built once and frozen; each scenario combination's world is a frozen layer
 * over it holding what its state changes; the world a mock, or a session,
 * writes into is a layer over that, made on the first write and dropped by
 * `reset()`. Session worlds and scenario worlds are kept least-recently-used
 * within `maxSessions` and `maxScenarioWorlds`.
 */
export class Runtime {
  readonly baseUrl: string
  readonly cdnUrl: string
  readonly limits: Limits
  readonly files = new FileStore()
  /** The mock's time: sessions share it, `reset()` keeps it unless asked. */
  readonly clock: Clock
  /** The time by the clock: what every rule of time and every timestamp reads (a request's Env may override it). */
  readonly now: () => number
  readonly seed: number
  readonly sleep: (ms: number) => Promise<void>
  /** The last API calls, for `GET /__mock/requests`. */
  readonly requests = new RequestLog()
  #snapshot: Promise<WorldRecords> | undefined
  #seeded: Promise<World> | undefined
  /** Per scenario combination but `default`: its frozen seeded world. */
  #scenarioWorlds: Lru<Promise<World>>
  /** The worlds written into, per scenario combination and session: the mock's own ones and the sessions'. */
  #worlds = new Map<string, World>()
  #sessions: Lru<World>
  #faults: Lru<FaultState>
  /** What a session learns on its next request after its world was dropped (bounded like the sessions). */
  #notices: Lru<string>
  /** Evictions since the last request was logged: that request's log entry names them. */
  #evictions: string[] = []
  #active: string
  #override: ActiveScenarioOverride | undefined
  readonly catalogue: ScenarioCatalogue
  readonly #shape: ((world: World) => unknown) | undefined
  #empty: Promise<World> | undefined

  constructor(options: RasterMockOptions = {}) {
    this.baseUrl = trimSlash(options.baseUrl ?? DEFAULT_BASE_URL)
    this.cdnUrl = trimSlash(options.cdnUrl ?? DEFAULT_CDN_URL)
    this.limits = { ...defaultLimits, ...options.limits }
    const source = options.now
    this.clock = new Clock(source && (() => source))
    this.now = () => this.clock.now()
    this.seed = options.seed ?? DEFAULT_SEED
    this.sleep = options.sleep ?? ((ms) => delay(ms))
    this.catalogue = new ScenarioCatalogue(options.scenarios)
    this.#shape = options.world
    this.#active = this.catalogue.combine(options.scenario ?? 'default').name
    if (options.seeded) this.#snapshot = Promise.resolve(options.seeded)
    const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS
    this.#sessions = new Lru(maxSessions, (key, world) => this.#drop(key, world, `over maxSessions (${maxSessions})`))
    this.#notices = new Lru(maxSessions * 10)
    this.#faults = new Lru(maxSessions + (options.maxScenarioWorlds ?? DEFAULT_MAX_SCENARIO_WORLDS) + 1)
    const maxScenarioWorlds = options.maxScenarioWorlds ?? DEFAULT_MAX_SCENARIO_WORLDS
    this.#scenarioWorlds = new Lru(maxScenarioWorlds, (name) => {
      // Its layers read through to it: they go with it, and start again from its seed when next used.
      const reason = `its scenario's world was dropped, over maxScenarioWorlds (${maxScenarioWorlds})`
      for (const [key, world] of [...this.#worlds, ...this.#sessions.entries()]) {
        if (scenarioOf(key) === name) this.#drop(key, world, reason)
      }
    })
  }

  /** The seeded world as plain data, made once per runtime. Faker is imported here, on first use, and only here. */
  snapshot(): Promise<WorldRecords> {
    return (this.#snapshot ??= import('./model/seed.js').then(({ seedWorld }) => seedWorld(this.seed)))
  }

  /**
   * The world of a scenario combination (`'a,b'`), or of a session within it, that writes go into: made here if
   * it does not exist yet.
   */
  async world(scenario = 'default', session?: string): Promise<World> {
    const combination = this.catalogue.combine(scenario)
    const base = await this.#scenarioWorld(combination)
    return this.#writable(worldKey(combination, session), base)
  }

  /**
   * Makes the world of a scenario (or of a session within it) these records, as
   * saved from an earlier `world(...).toRecords()`: the browser entry keeps
   * worlds across page loads this way. `reset()` drops it like any other world.
   */
  async restoreWorld(scenario: string, session: string | undefined, records: WorldRecords): Promise<World> {
    const world = await World.load(records, this.now)
    this.#keep(worldKey(this.catalogue.combine(scenario), session), world)
    return world
  }

  /** The seeded world, shaped by the `world` option if any, frozen: what every other world is a layer over. */
  #seedWorld(): Promise<World> {
    return (this.#seeded ??= this.snapshot().then(async (records) => {
      const seeded = (await World.load(records, this.now)).freeze()
      if (!this.#shape) return seeded
      const shaped = seeded.fork()
      await runSetup('the world option of createRasterMock', () => this.#shape!(shaped))
      return shaped.freeze()
    }))
  }

  /** A world with no organizations at all, for scenarios on an `empty` base. */
  #emptyWorld(): Promise<World> {
    return (this.#empty ??= World.load({ organizations: [], libraries: [], keys: [], assets: [], sequence: 0 }, this.now).then((world) => world.freeze()))
  }

  /** A combination's frozen world: a layer over the seeded one with the scenarios' state, made once until dropped. */
  #scenarioWorld(combination: Combination): Promise<World> {
    if (combination.name === 'default') return this.#seedWorld()
    let world = this.#scenarioWorlds.get(combination.name)
    if (!world) {
      world = this.#buildScenarioWorld(combination)
      this.#scenarioWorlds.set(combination.name, world)
      // A build that fails is not kept, so the next request tries again.
      world.catch(() => {
        if (this.#scenarioWorlds.peek(combination.name) === world) this.#scenarioWorlds.delete(combination.name)
      })
    }
    return world
  }

  /** The built-in scenarios' state as records changed in a copy of the seeded world, then the users' setups. */
  async #buildScenarioWorld(combination: Combination): Promise<World> {
    const layer = combination.base === 'empty' ? (await this.#emptyWorld()).fork() : await this.#builtInState(combination)
    for (const scenario of combination.scenarios) {
      if (scenario.setup) await runSetup(`scenario "${scenario.name}"`, () => scenario.setup!(layer))
    }
    return layer.freeze()
  }

  async #builtInState(combination: Combination): Promise<World> {
    const base = await this.#seedWorld()
    const layer = base.fork()
    if (!combination.plan && !combination.barcelona && !combination.scenarios.some((scenario) => scenario.preset)) return layer
    const seeded = this.#shape ? base.toRecords() : await this.snapshot()
    const changed = structuredClone(seeded)
    await applyState(combination, changed, { limits: this.#limitsOf(combination), seed: this.seed })
    await layer.apply(scenarioChanges(seeded, changed))
    return layer
  }

  /** The world `key` writes into, made as a fork of `base` on first use. */
  #writable(key: string, base: World): World {
    const existing = this.#worlds.get(key) ?? this.#sessions.get(key)
    if (existing) return existing
    const world = base.fork()
    this.#keep(key, world)
    return world
  }

  #keep(key: string, world: World): void {
    const previous = this.#worlds.get(key) ?? this.#sessions.peek(key)
    if (previous && previous !== world) this.files.release(previous)
    if (sessionOf(key) === undefined) this.#worlds.set(key, world)
    else this.#sessions.set(key, world)
  }

  /** Drops a world that was pushed out: its files go, and its session is told on its next request. */
  #drop(key: string, world: World, reason: string): void {
    this.#worlds.delete(key)
    this.#sessions.delete(key)
    this.files.release(world)
    const session = sessionOf(key)
    if (session === undefined) return
    const notice = `session ${JSON.stringify(session)} was evicted (${reason}): it starts again from its scenario's seed`
    this.#notices.set(key, notice)
    this.#evictions.push(notice)
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
    const { name } = this.catalogue.combine(scenario)
    if (this.#override) this.#override.set(name)
    else this.#active = name
    this.#faults.delete(name)
    return name
  }

  /** Keeps `useScenario` within msw's scopes (server.boundary, resetHandlers) from now on. */
  overrideActiveScenarioWith(override: ActiveScenarioOverride): void {
    this.#override = override
  }

  /**
   * Drops every world written into and every fault count; the next request starts from its scenario's seed.
   * The clock stays where it is unless `clock: true`, which puts it back where it started.
   */
  reset({ clock = false }: { clock?: boolean } = {}): void {
    if (clock) this.clock.reset()
    for (const world of [...this.#worlds.values(), ...[...this.#sessions.entries()].map(([, world]) => world)]) {
      this.files.release(world)
    }
    this.#worlds.clear()
    this.#sessions.clear()
    this.#faults.clear()
  }

  /** What a request asks for: its scenario, session and forced error (throws BAD_USER_INPUT for unknown ones). */
  select(request: Request): Selection {
    return select(request, this.activeScenario, this.catalogue)
  }

  async envFor(request: Request): Promise<Env> {
    return this.#env(this.select(request), requestNow(request))
  }

  async #env({ combination, session }: Selection, now: (() => number) | undefined): Promise<Env> {
    const key = worldKey(combination, session)
    const base = await this.#scenarioWorld(combination)
    const worlds = this.#worlds
    const sessions = this.#sessions
    const written = () => worlds.get(key) ?? sessions.get(key)
    return {
      get world() {
        return written() ?? base
      },
      writable: () => this.#writable(key, base),
      files: this.files,
      limits: this.#limitsOf(combination),
      cdnUrl: this.cdnUrl,
      now: now ?? this.now,
    }
  }

  #faultsOf(key: string, combination: Combination): FaultState {
    // Only flaky's count and slow's delays need a state kept per world: others get one that is dropped.
    if (combination.failure !== 'flaky' && combination.delayMs === undefined) return new FaultState(key)
    let faults = this.#faults.get(key)
    if (!faults) this.#faults.set(key, (faults = new FaultState(`${this.seed}:${key}`)))
    return faults
  }

  /** What is held now: worlds written into (the mock's and the sessions'), scenario worlds, stored files. */
  get usage() {
    return {
      worlds: this.#worlds.size,
      sessions: this.#sessions.size,
      scenarioWorlds: this.#scenarioWorlds.size,
      ...this.files.usage,
    }
  }

  /**
   * Runs one API request: picks its scenario and world, applies the scenario's
   * faults, then `handle` (given the request without the mock's own query
   * parameters). Any error becomes a response through `onError`.
   */
  async respond(
    request: Request,
    handle: (env: () => Promise<Env>, request: Request) => Promise<Response> | Response,
    onError: (error: unknown) => Response,
  ): Promise<Response> {
    const started = performance.now()
    const notices: string[] = []
    let selection: Selection | undefined
    let response: Response
    try {
      selection = this.select(request)
      const { combination, session, forcedError } = selection
      const chosen = selection
      const now = requestNow(request)
      const dropped = session === undefined ? undefined : this.#notices.delete(worldKey(combination, session))
      if (dropped) notices.push(dropped)
      response =
        (await injectFault({ combination, forcedError, state: this.#faultsOf(worldKey(combination, session), combination), sleep: this.sleep })) ??
        // The world is looked up only once the handler's checks that need none have passed.
        (await handle(() => this.#env(chosen, now), selection.request))
    } catch (error) {
      response = onError(error)
    }
    notices.push(...this.#evictions.splice(0))
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
      notice: notices.length ? notices.join('; ') : null,
    })
    return response
  }
}

/** `X-Mock-Now: <ms or ISO date>`: that request's time, for parallel tests at different times on one mock. */
function requestNow(request: Request): (() => number) | undefined {
  const header = request.headers.get('X-Mock-Now')
  if (header === null) return undefined
  const ms = parseInstant(header)
  if (ms === undefined) throw badInput(messages.mockNowInvalid)
  return () => ms
}

/** Runs a user's setup; what it throws names whose setup it was. */
async function runSetup(whose: string, setup: () => unknown): Promise<void> {
  try {
    await setup()
  } catch (error) {
    throw new Error(`[raster-mock] The setup of ${whose} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
}

/** Which world a request runs against: one per scenario combination, and one more per session. */
function worldKey(combination: Combination, session: string | undefined): string {
  return session === undefined ? combination.name : `${combination.name}\u0000${session}`
}

const scenarioOf = (key: string) => key.split('\u0000')[0]!
const sessionOf = (key: string): string | undefined => (key.includes('\u0000') ? key.slice(key.indexOf('\u0000') + 1) : undefined)

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}
