import { DEFAULT_BASE_URL, DEFAULT_CDN_URL, DEFAULT_SEED, defaultLimits, type Limits } from './config.js'
import type { Env } from './domain/context.js'
import { FileStore } from './images.js'
import type { WorldRecords } from './model/records.js'
import { seedWorld } from './model/seed.js'
import { World } from './model/world.js'

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
}

/**
 * What every handler shares: settings, the uploaded files, and the worlds. A
 * world is made from the seed snapshot on first use and dropped on reset.
 */
export class Runtime {
  readonly baseUrl: string
  readonly cdnUrl: string
  readonly limits: Limits
  readonly files = new FileStore()
  readonly now: () => number
  readonly seed: number
  #snapshot: WorldRecords | undefined
  #worlds = new Map<string, Promise<World>>()

  constructor(options: RasterMockOptions = {}) {
    this.baseUrl = trimSlash(options.baseUrl ?? DEFAULT_BASE_URL)
    this.cdnUrl = trimSlash(options.cdnUrl ?? DEFAULT_CDN_URL)
    this.limits = { ...defaultLimits, ...options.limits }
    this.now = options.now ?? Date.now
    this.seed = options.seed ?? DEFAULT_SEED
  }

  /** The seeded world as plain data, generated once per runtime. */
  get snapshot(): WorldRecords {
    return (this.#snapshot ??= seedWorld(this.seed))
  }

  world(name = 'default'): Promise<World> {
    let world = this.#worlds.get(name)
    if (!world) {
      world = World.load(structuredClone(this.snapshot), this.now)
      this.#worlds.set(name, world)
    }
    return world
  }

  /** Forgets every world; the next request gets a fresh copy of the seeded one. */
  reset(): void {
    this.#worlds.clear()
  }

  async envFor(_request: Request): Promise<Env> {
    return { world: await this.world(), files: this.files, limits: this.limits, cdnUrl: this.cdnUrl, now: this.now }
  }

  /** Runs one API request against its world; any error becomes a response through `onError`. */
  async respond(
    request: Request,
    handle: (env: Env) => Promise<Response> | Response,
    onError: (error: unknown) => Response,
  ): Promise<Response> {
    try {
      return await handle(await this.envFor(request))
    } catch (error) {
      return onError(error)
    }
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}
