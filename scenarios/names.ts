import type { BuiltInScenarioName } from './catalogue.js'

/** A scenario's name: a built-in one, or one of yours (`Custom`: the names given in `scenarios`). */
export type ScenarioName<Custom extends string = never> = BuiltInScenarioName | Custom

/**
 * One scenario, or two in force together joined by a comma (`'library-locked,slow'`), where a function takes a
 * scenario as text (`useScenario`). Two, not any number: every pair of names is a member of this union (about
 * 400 for the built-in ones), so a typo in either is a type error and the check stays fast; three or more are
 * `useScenario('a', 'b', 'c')` or the list form of {@link ScenarioChoice}.
 */
export type ScenarioList<Name extends string = ScenarioName> = Name | `${Name},${Name}`

/**
 * How an option names the scenario a mock starts on (`scenario`, Playwright's `rasterScenario`, a config file's
 * `scenario`): as text (`'library-locked'`, `'library-locked,slow'`) or as a list of any length
 * (`['library-locked', 'slow', 'flaky']`).
 *
 * @example
 * const scenario: ScenarioChoice = ['library-locked', 'slow']
 */
export type ScenarioChoice<Name extends string = ScenarioName> = ScenarioList<Name> | readonly Name[]
