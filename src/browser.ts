import { setupWorker, type SetupWorker } from 'msw/browser'
import { CHANGE_EVENT } from './browser/change-event.js'
import { mountOverlay } from './browser/overlay.js'
import { pageScenario, rememberScenario } from './browser/page-scenario.js'
import { quietImageBodies } from './browser/quiet-images.js'
import { SavedWorlds } from './browser/saved-worlds.js'
import { realTime, type Clock } from './clock.js'
import { RasterError } from './contract/errors.js'
import type { Scenario } from '../scenarios/catalogue.js'
import { createRasterMock, type RasterMock, type ScenarioList, type ScenarioName } from './index.js'
import { unhandledRequests, type UnhandledStrategy } from './msw-compat.js'
import type { LoggedRequest } from './request-log.js'
import type { RasterMockOptions } from './runtime.js'

export interface StartRasterMockOptions extends Omit<RasterMockOptions, 'scenario' | 'seeded'> {
  /** Where msw's worker script is served. Default `/mockServiceWorker.js`, where `npx msw init public` puts it. */
  workerUrl?: string
  /** The worker's scope, when it must be wider than the script's folder (the server then sends `Service-Worker-Allowed`). */
  workerScope?: string
  /** Show the dev overlay. Default true. */
  overlay?: boolean
  /** Requests the mock does not answer (the app's own files, other APIs). Default `bypass`: passed on without a warning. */
  onUnhandled?: UnhandledStrategy
  /** Silence msw's console line for each mocked request. Default false. */
  quiet?: boolean
}

/** `window.rasterMock`: the mock of this page, for the console and for browser tests. `Name`: the scenario names it knows. */
export interface BrowserRasterMock<Name extends string = string> {
  /** The active scenario (`default`, `library-locked`, `library-locked,slow`). */
  readonly scenario: string
  readonly scenarios: ReadonlyArray<{ name: string; description: string }>
  /**
   * Switches scenario without a reload and remembers it for the tab; `useScenario('default')` clears. Unknown
   * names are a type error, and reject (BAD_USER_INPUT, naming the closest known one).
   */
  useScenario(...names: Array<ScenarioList<Name>>): Promise<string>
  /** Restores the seeded worlds, dropping every change, also the ones kept for reloads. The scenario stays. */
  reset(): Promise<void>
  /**
   * The mock's time: `clock.now()`, `clock.set(ms)`, `clock.advance('30d')`. Set and advance fire the change
   * event, so an app showing a countdown or a trash can fetch again. Saved worlds do not keep it: a reload
   * starts the clock again.
   */
  readonly clock: Pick<Clock, 'now' | 'set' | 'advance'>
  /** The last API calls, newest first: method, path, status (0 for a network error), code, scenario. */
  requests(): LoggedRequest[]
  /** Calls back after each API call, scenario switch and reset; returns the unsubscribe. */
  subscribe(listener: () => void): () => void
  readonly mock: RasterMock<Name>
  readonly worker: SetupWorker
  /** Stops the worker and removes the overlay. */
  stop(): void
}

declare global {
  interface Window {
    rasterMock?: BrowserRasterMock
  }
}

export { CHANGE_EVENT } from './browser/change-event.js'

/**
 * Starts the Raster mock in a service worker: resolves once the page's
 * requests are intercepted. The scenario comes from the page URL's
 * `?scenario=` (kept for the tab); worlds changed by the page are kept across
 * reloads in sessionStorage. Needs msw's worker script (`npx msw init public
 * --save`); the answer is also `window.rasterMock`.
 *
 * @example
 * // src/main.ts: in development only, before the app's first request
 * if (import.meta.env.DEV) {
 *   const { startRasterMock } = await import('raster-mock/browser')
 *   await startRasterMock({ overlay: true, quiet: true })
 * }
 * await import('./app')
 */
export async function startRasterMock<const Custom extends readonly Scenario[] = []>(
  options: StartRasterMockOptions & { scenarios?: Custom } = {},
): Promise<BrowserRasterMock<ScenarioName<Custom[number]['name']>>> {
  const { workerUrl = '/mockServiceWorker.js', workerScope, overlay = true, onUnhandled = 'bypass', quiet = false, ...mockOptions } = options
  const create = (scenario: string) =>
    createRasterMock({
      ...mockOptions,
      // What a person looks at: the real time, so the page's own clock agrees with the mock's.
      now: mockOptions.now ?? realTime,
      scenario,
    })
  const asked = pageScenario()
  // A typo in `?scenario=` must not leave a blank page: the page runs on `default` and the overlay says why.
  let problem: string | undefined
  let mock: RasterMock
  try {
    mock = create(asked)
  } catch (error) {
    if (!(error instanceof RasterError)) throw error
    problem = error.message
    console.warn(`[raster-mock] scenario "${asked}": ${error.message}`)
    mock = create('default')
  }
  rememberScenario(mock.runtime.activeScenario, false)
  const saved = new SavedWorlds(mock.runtime)
  await saved.restore()
  mock.runtime.requests.subscribe((entry) => void saved.afterRequest(entry))

  const worker = setupWorker(...quietImageBodies(mock.handlers))
  await worker.start({
    serviceWorker: { url: workerUrl, ...(workerScope ? { options: { scope: workerScope } } : {}) },
    quiet,
    ...unhandledRequests(onUnhandled),
  })

  const changed = () => window.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail: { scenario: api.scenario } }))
  const api: BrowserRasterMock = {
    get scenario() {
      return mock.runtime.activeScenario
    },
    scenarios: mock.runtime.catalogue.scenarios.map(({ name, description }) => ({ name, description })),
    async useScenario(...names) {
      await mock.useScenario(...names)
      rememberScenario(api.scenario)
      changed()
      return api.scenario
    },
    async reset() {
      saved.clear()
      await mock.reset()
      changed()
    },
    clock: {
      now: () => mock.clock.now(),
      set(ms) {
        const now = mock.clock.set(ms)
        changed()
        return now
      },
      advance(duration) {
        const now = mock.clock.advance(duration)
        changed()
        return now
      },
    },
    requests: () => mock.runtime.requests.recent(),
    subscribe(listener) {
      const unsubscribe = mock.runtime.requests.subscribe(listener)
      window.addEventListener(CHANGE_EVENT, listener)
      return () => {
        unsubscribe()
        window.removeEventListener(CHANGE_EVENT, listener)
      }
    },
    mock,
    worker,
    stop() {
      removeOverlay?.()
      worker.stop()
      delete window.rasterMock
    },
  }
  const removeOverlay = overlay ? mountOverlay(api, problem === undefined ? {} : { problem: { asked, message: problem } }) : undefined
  window.rasterMock = api
  return api
}
