import { isInstant } from '../clock.js'
import { applyState, type Combination, type ScenarioCatalogue } from '../../scenarios/combine.js'
import { DEFAULT_SEED, REFERENCE_DATE, type Limits } from '../config.js'
import { RasterError } from '../contract/errors.js'
import { DEFAULT_API_VERSION } from '../contract/versions.js'
import type { Env } from '../domain/context.js'
import { shiftTimes } from '../model/anchor.js'
import { scenarioChanges } from '../model/changes.js'
import type { FileStore } from '../model/files.js'
import { Lru } from '../util/bounded-cache.js'
import { LeasedLru } from './leased-lru.js'
import { DEFAULT_SETUP_TIMEOUT_MS } from './options.js'
import { within } from './within.js'
import type { WorldRecords } from '../model/records.js'
import { World } from '../model/world.js'

/** What the registry is built from: the mock's settings that shape its worlds. */
export interface WorldSettings {
  readonly seed: number
  readonly now: () => number
  /**
   * Where the mock's clock started: the seeded world is anchored there (its instants keep their distance to it).
   * Default: the reference date, where the fixture is written.
   */
  readonly anchor?: number
  readonly limits: Limits
  readonly cdnUrl: string
  readonly files: FileStore
  readonly catalogue: ScenarioCatalogue
  /** The `world` option: shapes the seeded world before any scenario. */
  readonly shape: ((world: World) => unknown) | undefined
  /** The seeded world as plain data, when it is already at hand. */
  readonly seeded: WorldRecords | undefined
  readonly maxSessions: number
  readonly maxScenarioWorlds: number
  /** How long a user's setup may take before it fails; DEFAULT_SETUP_TIMEOUT_MS by default. */
  readonly setupTimeoutMs?: number
  /** The mock's current version: what a request without an Api-Version of its own (GraphQL) is answered in. */
  readonly apiVersion?: string
}

/** Which world a request runs against: one per scenario combination, and one more per session. */
export function worldKey(combination: Combination, session: string | undefined): string {
  return session === undefined ? combination.name : `${combination.name}\u0000${session}`
}

const scenarioOf = (key: string) => key.split('\u0000')[0]!
const sessionOf = (key: string): string | undefined => (key.includes('\u0000') ? key.slice(key.indexOf('\u0000') + 1) : undefined)

/**
 * What one request holds in the registry while it runs: leases on its scenario world and its session's world (so
 * neither is evicted under it), released once it is answered, and the evictions it caused, for its log entry.
 */
export class Hold {
  /** The notices of the worlds this request pushed out. */
  readonly evictions: string[] = []
  readonly #releases: Array<() => void> = []

  add(release: () => void): void {
    this.#releases.push(release)
  }

  /** Gives up every lease: the worlds may be evicted again, and requests waiting for a slot go on. */
  release(): void {
    for (const release of this.#releases.splice(0)) release()
  }
}

/**
 * The world registry. Worlds are layers (see src/model/world.ts): the seeded
 * world is built once and frozen; each scenario combination's world is a frozen
 * layer over it holding what its state changes; the world a mock, or a session,
 * writes into is a layer over that, made on the first write and dropped by
 * `reset()`. Session worlds and scenario worlds are kept least-recently-used
 * within `maxSessions` and `maxScenarioWorlds`, never evicting one a request in
 * flight holds (see `Hold`, `LeasedLru`); a session whose world was dropped is
 * told so (an eviction notice) on its next request, and the request that
 * dropped it names it in its log entry.
 */
export class Worlds {
  #snapshot: Promise<WorldRecords> | undefined
  #seeded: Promise<World> | undefined
  #empty: Promise<World> | undefined
  /** Per scenario combination but `default`: its frozen seeded world. */
  readonly #scenarioWorlds: LeasedLru<Promise<World>>
  /** The worlds written into, per scenario combination and session: the mock's own ones and the sessions'. */
  readonly #worlds = new Map<string, World>()
  readonly #sessions: LeasedLru<World>
  /** What a session learns on its next request after its world was dropped (bounded like the sessions). */
  readonly #notices: Lru<string>
  /** Evictions made outside any request (`runtime.world()`, a restore) since they were last taken. */
  #evictions: string[] = []
  /** Where the evictions of the synchronous step under way go: the request's that made it, else `#evictions`. */
  #sink: string[] | undefined

  constructor(private readonly settings: WorldSettings) {
    const { maxSessions, maxScenarioWorlds } = settings
    if (settings.seeded) this.#snapshot = Promise.resolve(settings.seeded)
    this.#sessions = new LeasedLru(maxSessions, (key, world) => this.#drop(key, world, `over maxSessions (${maxSessions})`))
    this.#notices = new Lru(maxSessions * 10)
    this.#scenarioWorlds = new LeasedLru(maxScenarioWorlds, (name) => {
      // Its layers read through to it: they go with it, and start again from its seed when next used.
      const reason = `its scenario's world was dropped, over maxScenarioWorlds (${maxScenarioWorlds})`
      for (const [key, world] of [...this.#worlds, ...this.#sessions.entries()]) {
        if (scenarioOf(key) === name) this.#drop(key, world, reason)
      }
    })
  }

  /**
   * The seeded world as plain data, at the reference date, made once: the default seed's is precomputed
   * (src/model/seeded-world.ts), another seed's is seeded here, importing faker on first use.
   */
  snapshot(): Promise<WorldRecords> {
    const { seed } = this.settings
    return (this.#snapshot ??=
      seed === DEFAULT_SEED
        ? import('../model/seeded-world.js').then(({ seededWorld }) => seededWorld)
        : import('../model/seed.js').then(({ seedWorld }) => seedWorld(seed)))
  }

  /**
   * How far the seeded world moves from the reference date to the clock's start: 0 when it starts there, or when a
   * `now` of the user's gave no time the clock can show (the world stays where it is written rather than break).
   */
  get #shift(): number {
    const { anchor } = this.settings
    return anchor !== undefined && isInstant(anchor) ? anchor - REFERENCE_DATE : 0
  }

  /**
   * The world of a scenario combination (`'a,b'`), or of a session within it, that writes go into: made here if
   * it does not exist yet.
   */
  async world(scenario = 'default', session?: string): Promise<World> {
    const combination = this.settings.catalogue.combine(scenario)
    const base = await this.#scenarioWorld(combination)
    return this.#writable(worldKey(combination, session), base)
  }

  /** Makes the world of a scenario (or of a session within it) these records, as saved from `toRecords()`. */
  async restore(scenario: string, session: string | undefined, records: WorldRecords): Promise<World> {
    const world = await World.load(records, this.settings.now)
    this.#keep(worldKey(this.settings.catalogue.combine(scenario), session), world)
    return world
  }

  /**
   * The environment a request runs in: the world of its combination and session (its scenario's frozen one until
   * it writes), the files, the combination's limits, its time (`now`, else the mock's clock).
   *
   * With a `hold` (a request's), the scenario world and the session's world are leased to it until it releases
   * them: when every slot of a cap is leased to other requests, this waits for one, so the caps hold under any
   * concurrency; and the evictions it causes are noted on the hold.
   */
  async env(
    combination: Combination,
    session: string | undefined,
    now: (() => number) | undefined,
    hold?: Hold,
    apiVersion: string = this.settings.apiVersion ?? DEFAULT_API_VERSION,
  ): Promise<Env> {
    const key = worldKey(combination, session)
    // The scenario's lease first, then the session's: a request never waits for a scenario slot holding a session one.
    if (hold && combination.name !== 'default') hold.add(await this.#scenarioWorlds.lease(combination.name))
    if (hold && session !== undefined) hold.add(await this.#sessions.lease(key))
    const base = await this.#attributed(hold, () => this.#scenarioWorld(combination))
    const worlds = this.#worlds
    const sessions = this.#sessions
    // A request at its own time (X-Mock-Now) sees the uploads whose processing ended by then, as if the clock were there.
    const at = (world: World) => (now ? world.finishProcessingBy(now()) : world)
    const written = () => worlds.get(key) ?? sessions.get(key)
    const { files, cdnUrl } = this.settings
    return {
      get world() {
        return at(written() ?? base)
      },
      writable: () => at(this.#attributed(hold, () => this.#writable(key, base))),
      files,
      limits: this.#limitsOf(combination),
      cdnUrl,
      now: now ?? this.settings.now,
      apiVersion,
      tokensUnverifiable: combination.failure === 'token-unverifiable',
    }
  }

  /** The notice of a session whose world was dropped since its last request, taken: it is told once. */
  takeNotice(combination: Combination, session: string | undefined): string | undefined {
    return session === undefined ? undefined : this.#notices.delete(worldKey(combination, session))
  }

  /** The evictions since the last call, taken. */
  takeEvictions(): readonly string[] {
    if (this.#evictions.length === 0) return noEvictions
    const taken = this.#evictions
    this.#evictions = []
    return taken
  }

  /** Runs a synchronous step of `hold`'s request: the evictions it causes are that request's. */
  #attributed<T>(hold: Hold | undefined, step: () => T): T {
    this.#sink = hold?.evictions
    try {
      return step()
    } finally {
      this.#sink = undefined
    }
  }

  /** Drops every world written into (the mock's and the sessions'); scenario worlds stay. */
  reset(): void {
    for (const world of [...this.#worlds.values(), ...[...this.#sessions.entries()].map(([, world]) => world)]) {
      this.settings.files.release(world)
    }
    this.#worlds.clear()
    this.#sessions.clear()
  }

  /** How many worlds are held: written into (the mock's and the sessions'), and scenario worlds. */
  get usage(): { worlds: number; sessions: number; scenarioWorlds: number } {
    return { worlds: this.#worlds.size, sessions: this.#sessions.size, scenarioWorlds: this.#scenarioWorlds.size }
  }

  /** The seeded world, shaped by the `world` option if any, frozen: what every other world is a layer over. */
  #seedWorld(): Promise<World> {
    return (this.#seeded ??= this.snapshot().then(async (records) => {
      const seeded = (await World.load(shiftTimes(records, this.#shift), this.settings.now)).freeze()
      const { shape } = this.settings
      if (!shape) return seeded
      const shaped = seeded.fork()
      await this.#runSetup('the world option of createRasterMock', () => shape(shaped))
      return shaped.freeze()
    }))
  }

  /** A world with no organizations at all, for scenarios on an `empty` base. */
  #emptyWorld(): Promise<World> {
    return (this.#empty ??= World.load({ organizations: [], libraries: [], keys: [], assets: [], sequence: 0 }, this.settings.now).then((world) => world.freeze()))
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
      if (scenario.setup) await this.#runSetup(`scenario "${scenario.name}"`, () => scenario.setup!(layer))
    }
    return layer.freeze()
  }

  async #builtInState(combination: Combination): Promise<World> {
    const base = await this.#seedWorld()
    const layer = base.fork()
    if (!combination.plan && !combination.barcelona && !combination.scenarios.some((scenario) => scenario.preset)) return layer
    // The presets write at the reference date, like the seed: their changes move to the clock's start with it.
    const seeded = this.settings.shape ? shiftTimes(base.toRecords(), -this.#shift) : await this.snapshot()
    const changed = structuredClone(seeded)
    await applyState(combination, changed, { limits: this.#limitsOf(combination), seed: this.settings.seed })
    await layer.apply(shiftTimes(scenarioChanges(seeded, changed), this.#shift))
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
    if (previous && previous !== world) this.settings.files.release(previous)
    if (sessionOf(key) === undefined) this.#worlds.set(key, world)
    else this.#sessions.set(key, world)
  }

  /** Drops a world that was pushed out: its files go, and its session is told on its next request. */
  #drop(key: string, world: World, reason: string): void {
    this.#worlds.delete(key)
    this.#sessions.delete(key)
    this.settings.files.release(world)
    const session = sessionOf(key)
    if (session === undefined) return
    const notice = `session ${JSON.stringify(session)} was evicted (${reason}): it starts again from its scenario's seed`
    this.#notices.set(key, notice)
    const evictions = this.#sink ?? this.#evictions
    evictions.push(notice)
  }

  /**
   * Runs a user's setup; what it throws, or its not settling within `setupTimeoutMs`, fails with a 500 naming
   * whose setup it was (a world that failed is never kept: the next request tries again).
   */
  async #runSetup(whose: string, setup: () => unknown): Promise<void> {
    const { setupTimeoutMs = DEFAULT_SETUP_TIMEOUT_MS } = this.settings
    try {
      await within((async () => setup())(), setupTimeoutMs, `it did not settle within ${setupTimeoutMs} ms`)
    } catch (error) {
      const message = `[raster-mock] The setup of ${whose} failed: ${error instanceof Error ? error.message : String(error)}`
      throw Object.assign(new RasterError('INTERNAL_SERVER_ERROR', message), { cause: error })
    }
  }

  #limitsOf(combination: Combination): Limits {
    return { ...this.settings.limits, ...combination.limits }
  }
}

const noEvictions: readonly string[] = Object.freeze([])
