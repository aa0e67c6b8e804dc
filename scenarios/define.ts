import type { World } from '../src/model/world.js'
import type { Scenario } from './catalogue.js'

/** What `defineScenario` takes. */
export interface ScenarioDefinition<Name extends string> {
  /** Lowercase letters, digits and dashes: how requests, the page and the CLI name it (`X-Mock-Scenario: our-org`). */
  name: Name
  /** One line, shown by `GET /__mock/scenarios` and in the overlay. */
  description: string
  /** Shapes the scenario's world with the world's factories (`world.createOrganization(…)`, …). */
  setup(world: World): unknown
  /** What the world starts from: the fixture world (default) or `empty`, no organizations at all. */
  base?: 'fixture' | 'empty'
}

const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * A scenario of your own, selected like the built-in ones (header, `?__scenario=`, `?scenario=`, `useScenario`,
 * `--scenario`, `PUT /__mock/scenario`) once given to the mock: `createRasterMock({ scenarios: [ourOrg] })`. Its
 * setup runs once, on the first request that selects it, after the presets of the built-in scenarios it is
 * combined with; its world is then frozen, and each session writes into a layer over it.
 *
 * @example
 * import { createRasterMock, defineScenario } from 'raster-mock'
 *
 * const ourOrg = defineScenario({
 *   name: 'our-org',
 *   description: 'Our organization on the Free plan, one library.',
 *   async setup(world) {
 *     await world.createOrganization({ id: 'our-org', plan: 'free' })
 *     await world.createLibrary({ organizationId: 'our-org', id: 'logos' })
 *     await world.createKey({ id: 'pk_our', organizationId: 'our-org', grants: { logos: 'write' } })
 *   },
 * })
 *
 * const mock = createRasterMock({ scenarios: [ourOrg] })
 * await mock.useScenario('our-org') // or per request: `X-Mock-Scenario: our-org`
 */
export function defineScenario<const Name extends string>(definition: ScenarioDefinition<Name>): Scenario<Name> {
  const { name, description, setup, base } = definition
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new Error(`[raster-mock] defineScenario: name ${JSON.stringify(name)} must be lowercase letters, digits and single dashes.`)
  }
  if (typeof description !== 'string' || description.trim() === '') {
    throw new Error(`[raster-mock] defineScenario "${name}": description must be a non-empty string.`)
  }
  if (typeof setup !== 'function') throw new Error(`[raster-mock] defineScenario "${name}": setup must be a function.`)
  if (base !== undefined && base !== 'fixture' && base !== 'empty') {
    throw new Error(`[raster-mock] defineScenario "${name}": base must be 'fixture' or 'empty', not ${JSON.stringify(base)}.`)
  }
  return { name, description, setup, ...(base ? { base } : {}) }
}
