import { badInput, messages } from '../src/contract/errors.js'
import type { WorldRecords } from '../src/model/records.js'
import { scenarios, type Scenario, type Settings } from './catalogue.js'
import { setBarcelonaContents, setPlan, type PresetContext } from './presets.js'

/** One or more scenarios in force together. */
export interface Combination extends Settings {
  /** The scenarios in catalogue order, joined by commas; `default` when there are none. */
  name: string
  scenarios: readonly Scenario[]
}

const byName = new Map(scenarios.map((scenario) => [scenario.name, scenario]))
export const scenarioNames: readonly string[] = scenarios.map((scenario) => scenario.name)

/** Each setting a scenario makes, under the name a conflict message uses for it. */
function settingsOf(scenario: Scenario): Array<[setting: string, value: unknown]> {
  const settings: Array<[string, unknown]> = [
    ['the plan', scenario.plan],
    ["barcelona's assets", scenario.barcelona],
    ['how API calls fail', scenario.failure],
    ['a delay', scenario.delayMs],
    ...Object.entries(scenario.limits ?? {}).map(([limit, value]): [string, unknown] => [`the ${limit} limit`, value]),
  ]
  return settings.filter(([, value]) => value !== undefined)
}

/**
 * Parses `a,b` (names trimmed, case-insensitive, repeats and `default` ignored).
 * Presets always combine; two scenarios that set the same setting to different
 * values (library-locked and pro-plan-canceled both set the plan) are refused
 * rather than one silently winning. Unknown names are refused too.
 */
export function combine(list: string): Combination {
  const names = new Set(list.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== ''))
  for (const name of names) if (!byName.has(name)) throw badInput(messages.unknownScenario(scenarioNames))
  const chosen = scenarios.filter((scenario) => names.has(scenario.name) && scenario.name !== 'default')

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
    plan: first('plan'),
    barcelona: first('barcelona'),
    failure: first('failure'),
    delayMs: first('delayMs'),
    limits: Object.assign({}, ...chosen.map((scenario) => scenario.limits)),
  }
}

/** Applies a combination's state to a fresh copy of the seeded world: the plan, the presets, then barcelona's contents. */
export async function applyState(combination: Combination, world: WorldRecords, context: PresetContext): Promise<void> {
  if (combination.plan) setPlan(world, combination.plan)
  for (const scenario of combination.scenarios) scenario.preset?.(world, context)
  if (combination.barcelona) await setBarcelonaContents(world, combination.barcelona, context)
}
