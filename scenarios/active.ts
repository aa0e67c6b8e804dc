import { http, type RequestHandler } from 'msw'

/** The part of msw's `setupServer` API that scopes handlers: `use` inside `server.boundary()` stays within it. */
export interface HandlerScope {
  use(...handlers: RequestHandler[]): void
  listHandlers(): ReadonlyArray<unknown>
}

/** Where the active scenario is kept when `useScenario` is called. */
export interface ActiveScenarioOverride {
  set(scenario: string): void
  /** The scenario in force here, if `set` was called in this scope. */
  get(): string | undefined
}

/**
 * The active scenario as an msw runtime handler, so msw's own scoping applies
 * to it without AsyncLocalStorage of ours: set inside `server.boundary()`, it
 * stays within the boundary; `server.resetHandlers()` clears it. The handler
 * never matches a request; it only carries the scenario, read back from
 * `server.listHandlers()` (which lists the current boundary's handlers).
 */
export function handlerScopedOverride(server: HandlerScope): ActiveScenarioOverride {
  const carried = new WeakMap<object, string>()
  return {
    set(scenario) {
      const marker = http.all(() => false, () => undefined)
      carried.set(marker, scenario)
      server.use(marker)
    },
    get() {
      // `use` prepends, so the first marker is the latest.
      for (const handler of server.listHandlers()) {
        const scenario = carried.get(handler as object)
        if (scenario !== undefined) return scenario
      }
      return undefined
    },
  }
}
