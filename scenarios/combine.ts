import { badInput, messages } from '../src/contract/errors.js'
import type { WorldRecords } from '../src/model/records.js'
import { BoundedCache } from '../src/util/bounded-cache.js'
import { scenarios, type Scenario, type Settings } from './catalogue.js'
import { setBarcelonaContents, setPlan, type PresetContext } from './presets.js'

/** One or more scenarios in force together. */
export interface Combination extends Settings {
  /** The scenarios in catalogue order, joined by commas; `default` when there are none. */
  name: string
  scenarios: readonly Scenario[]
  /** What the world starts from: `empty` only when a chosen scenario says so. */
  base: 'fixture' | 'empty'
}

/**
 * The longest scenario list (`X-Mock-Scenario`, `?__scenario=`, `useScenario`, `PUT /__mock/scenario`) the mock
 * reads: every name of the catalogue fits many times over, and a text from a request is never kept whatever its size.
 */
export const MAX_SCENARIO_LIST = 4096

/** Each setting a scenario makes, under the name a conflict message uses for it. */
function settingsOf(scenario: Scenario): Array<[setting: string, value: unknown]> {
  // A scenario that changes the fixture's records needs the fixture world: it cannot start from an empty one.
  const needsFixture = scenario.plan || scenario.barcelona || scenario.preset
  const settings: Array<[string, unknown]> = [
    ['the plan', scenario.plan],
    ["barcelona's assets", scenario.barcelona],
    ['how API calls fail', scenario.failure],
    ['a delay', scenario.delayMs],
    ['the world it starts from', scenario.base ?? (needsFixture || scenario.setup ? 'fixture' : undefined)],
    ...Object.entries(scenario.limits ?? {}).map(([limit, value]): [string, unknown] => [`the ${limit} limit`, value]),
  ]
  return settings.filter(([, value]) => value !== undefined)
}

/**
 * The scenarios a mock knows: the built-in ones (docs/scenarios.md), then the user's
 * (`createRasterMock({ scenarios })`), in that order.
 */
export class ScenarioCatalogue {
  readonly scenarios: readonly Scenario[]
  readonly names: readonly string[]
  readonly #byName: ReadonlyMap<string, Scenario>
  /**
   * Combinations by the text asked (256 texts of at most MAX_SCENARIO_LIST characters, since texts come from
   * requests): nearly every request asks one of a few. A hit is read with `peek`, the cheapest read, as it runs
   * for every request. What is kept per world (worlds, fault counts, the request log) is keyed by the
   * combination's name, the normalized text.
   */
  readonly #combined = new BoundedCache<string, Combination>({ maxEntries: 256 })

  constructor(custom: readonly Scenario[] = []) {
    const byName = new Map<string, Scenario>(builtIns.map((scenario) => [scenario.name, scenario]))
    for (const scenario of custom) {
      const name = scenario.name
      if (byName.has(name)) {
        throw new Error(`[raster-mock] Scenario "${name}": ${builtInNames.has(name) ? 'a built-in scenario has that name' : 'two scenarios have that name'}; pick another.`)
      }
      byName.set(name, scenario)
    }
    this.scenarios = [...byName.values()]
    this.names = [...byName.keys()]
    this.#byName = byName
  }

  /**
   * Parses `a,b` or `['a', 'b']` (names trimmed, case-insensitive, repeats and `default` ignored).
   * Presets always combine; two scenarios that set the same setting to different
   * values (library-locked and pro-plan-canceled both set the plan) are refused
   * rather than one silently winning. Unknown names are refused too.
   */
  combine(choice: string | readonly string[]): Combination {
    const list = typeof choice === 'string' ? choice : choice.join(',')
    const hit = this.#combined.peek(list)
    if (hit) return hit
    if (list.length > MAX_SCENARIO_LIST) throw badInput(messages.scenarioListTooLong(MAX_SCENARIO_LIST))
    return this.#combined.set(list, this.#combine(list))
  }

  #combine(list: string): Combination {
    const names = new Set(list.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== ''))
    for (const name of names) if (!this.#byName.has(name)) throw badInput(messages.unknownScenario(name, this.names))
    const chosen = this.scenarios.filter((scenario) => names.has(scenario.name) && scenario.name !== 'default')

    const setBy = new Map<string, { by: string; value: string }>()
    for (const scenario of chosen) {
      for (const [setting, value] of settingsOf(scenario)) {
        const earlier = setBy.get(setting)
        if (earlier && earlier.value !== JSON.stringify(value)) {
          throw badInput(messages.conflictingScenarios(earlier.by, scenario.name, setting))
        }
        setBy.set(setting, { by: scenario.name, value: JSON.stringify(value) })
      }
    }
    // No two chosen scenarios disagree on a setting now, so taking the first that sets each one is exact.
    const first = <K extends keyof Settings>(setting: K) => chosen.find((scenario) => scenario[setting] !== undefined)?.[setting]
    return {
      name: chosen.map((scenario) => scenario.name).join(',') || 'default',
      scenarios: chosen,
      base: chosen.some((scenario) => scenario.base === 'empty') ? 'empty' : 'fixture',
      plan: first('plan'),
      barcelona: first('barcelona'),
      failure: first('failure'),
      delayMs: first('delayMs'),
      limits: Object.assign({}, ...chosen.map((scenario) => scenario.limits)),
    }
  }
}

const builtIns: readonly Scenario[] = scenarios
const builtInNames = new Set(builtIns.map((scenario) => scenario.name))
const builtInCatalogue = new ScenarioCatalogue()
export const scenarioNames: readonly string[] = builtInCatalogue.names

/** `combine` over the built-in scenarios only. */
export function combine(list: string | readonly string[]): Combination {
  return builtInCatalogue.combine(list)
}

/** Applies a combination's state to a fresh copy of the seeded world: the plan, the presets, then barcelona's contents. */
export async function applyState(combination: Combination, world: WorldRecords, context: PresetContext): Promise<void> {
  if (combination.plan) setPlan(world, combination.plan)
  for (const scenario of combination.scenarios) scenario.preset?.(world, context)
  if (combination.barcelona) await setBarcelonaContents(world, combination.barcelona, context)
}
