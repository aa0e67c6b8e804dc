import { MB } from '../config.js'
import type { WorldRecords } from '../model/records.js'
import type { LoggedRequest } from '../request-log.js'
import type { Runtime } from '../runtime.js'

const STORAGE_KEY = 'raster-mock:worlds'
/** Bumped when the saved shape changes, so an older tab's state is dropped rather than misread. */
const FORMAT = 1
/**
 * Uploaded bytes saved with the worlds, at most. sessionStorage holds about 5 MB
 * per origin and base64 grows bytes by a third; files past the cap are not saved
 * (their assets are, so after a reload those images answer RESOURCE_NOT_FOUND).
 */
export const SAVED_FILES_CAP = 2 * MB

interface SavedWorld {
  scenario: string
  session: string | null
  records: WorldRecords
}

interface Saved {
  format: typeof FORMAT
  seed: number
  worlds: SavedWorld[]
  files: Array<{ contentType: string; base64: string }>
}

/**
 * Keeps the worlds a page changed in sessionStorage, so an upload survives a
 * reload: after each successful write (any API call but GET) the world it ran
 * in is saved, with the uploaded files; `restore()` loads them at the next start.
 */
export class SavedWorlds {
  #worlds = new Map<string, SavedWorld>()
  #warned = false

  constructor(private readonly runtime: Runtime) {}

  /** Loads what an earlier page of this tab saved; call before the first request. */
  async restore(): Promise<void> {
    let saved: Saved | undefined
    try {
      saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') ?? undefined
    } catch {
      // Unreadable state is dropped below, like state from another format or seed.
    }
    if (saved?.format !== FORMAT || saved.seed !== this.runtime.seed) return this.clear()
    const restored = []
    for (const world of saved.worlds) {
      this.#worlds.set(keyOf(world), world)
      restored.push(await this.runtime.restoreWorld(world.scenario, world.session ?? undefined, structuredClone(world.records)))
    }
    // Each restored world owns the saved files, so they stay until the last of those worlds is dropped.
    for (const file of saved.files) {
      for (const world of restored) await this.runtime.files.ownedBy(world).put(fromBase64(file.base64), file.contentType)
    }
  }

  /** Saves the world a logged call ran in, when that call was a successful write. */
  async afterRequest(entry: LoggedRequest): Promise<void> {
    if (entry.method === 'GET' || entry.status === 0 || entry.status >= 400) return
    const world = await this.runtime.world(entry.scenario, entry.session ?? undefined)
    const saved = { scenario: entry.scenario, session: entry.session, records: world.toRecords() }
    this.#worlds.set(keyOf(saved), saved)
    this.#write()
  }

  clear(): void {
    this.#worlds.clear()
    sessionStorage.removeItem(STORAGE_KEY)
  }

  #write(): void {
    let bytes = 0
    const files = this.runtime.files.all().filter((file) => (bytes += file.bytes.length) <= SAVED_FILES_CAP)
    const saved: Saved = {
      format: FORMAT,
      seed: this.runtime.seed,
      worlds: [...this.#worlds.values()],
      files: files.map((file) => ({ contentType: file.contentType, base64: toBase64(file.bytes) })),
    }
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(saved))
      if (files.length < this.runtime.files.all().length) this.#warn(`uploads past ${SAVED_FILES_CAP / MB} MB are not kept`)
    } catch {
      // Over the storage quota (e.g. the 10,000 assets of many-assets): better nothing than half a state.
      sessionStorage.removeItem(STORAGE_KEY)
      this.#warn('the worlds are too large for sessionStorage and reset on reload')
    }
  }

  #warn(what: string): void {
    if (!this.#warned) console.warn(`[raster-mock] Across reloads, ${what}.`)
    this.#warned = true
  }
}

const keyOf = ({ scenario, session }: Pick<SavedWorld, 'scenario' | 'session'>) => JSON.stringify([scenario, session])

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  // In chunks: spreading a large array into fromCharCode overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

function fromBase64(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
}
