import type { ActiveScenarioOverride } from '../../scenarios/active.js'
import type { Scenario } from '../../scenarios/catalogue.js'
import { ScenarioCatalogue } from '../../scenarios/combine.js'
import { select, type Selection } from '../../scenarios/selection.js'
import type { RequestHead } from '../contract/request-head.js'

/**
 * Which scenario is active, and what each request selects: the mock's active
 * scenario, or the one `useScenario` set in the current msw scope when an
 * override is in place (setupRasterServer), unless the request asks for another.
 */
export class ScenarioControl {
  /** The scenarios this mock knows: the built-in ones, then the user's. */
  readonly catalogue: ScenarioCatalogue
  #active: string
  #override: ActiveScenarioOverride | undefined

  /** Throws BAD_USER_INPUT for an unknown `active` scenario, like a request asking for one. */
  constructor(custom: readonly Scenario[] | undefined, active: string | readonly string[] = 'default') {
    this.catalogue = new ScenarioCatalogue(custom)
    this.#active = this.catalogue.combine(active).name
  }

  /** The active scenario here: the override in this scope (see scenarios/active.ts) if any, else the mock's. */
  get active(): string {
    return this.#override?.get() ?? this.#active
  }

  /** Makes `scenario` (`'a,b'`) the active one, with an override only in the current scope; returns its name. */
  use(scenario: string): string {
    const { name } = this.catalogue.combine(scenario)
    if (this.#override) this.#override.set(name)
    else this.#active = name
    return name
  }

  /** Keeps `use` within msw's scopes (server.boundary, resetHandlers) from now on. */
  overrideWith(override: ActiveScenarioOverride): void {
    this.#override = override
  }

  /** What a request asks for: its scenario, session, forced error and time (throws BAD_USER_INPUT for unknown ones). */
  select<R extends RequestHead>(request: R, url?: URL): Selection<R> {
    return select(request, this.active, this.catalogue, url)
  }
}
