// Type tests, checked by `npm run typecheck` (never run): scenario names are typed wherever a scenario is named.
// Each @ts-expect-error is a typo that must not compile; the lines without one must.
import { createRasterMock, defineConfig, defineScenario, type ScenarioChoice } from '../src/index.js'
import { setupRasterServer } from '../src/node.js'
import { startRasterMock } from '../src/browser.js'
import { rasterMock } from '../src/storybook.js'
import { test } from '../src/playwright.js'

const ourOrg = defineScenario({ name: 'our-org', description: 'Ours.', setup: () => {} })

export async function typed(): Promise<void> {
  // createRasterMock: one name, two joined by a comma, a list of any length.
  createRasterMock({ scenario: 'library-locked' })
  createRasterMock({ scenario: 'library-locked,slow' })
  createRasterMock({ scenario: ['library-locked', 'slow', 'flaky'] })
  // @ts-expect-error a typo
  createRasterMock({ scenario: 'library-lokced' })
  // @ts-expect-error a typo in the second name of a combination
  createRasterMock({ scenario: 'library-locked,slwo' })
  // @ts-expect-error a typo in a list
  createRasterMock({ scenario: ['library-locked', 'flakey'] })

  // Custom scenarios join the union, for `scenario` and `useScenario` alike.
  const mock = createRasterMock({ scenarios: [ourOrg], scenario: 'our-org,slow' })
  await mock.useScenario('our-org')
  await mock.useScenario('library-locked,slow')
  await mock.useScenario('our-org', 'slow', 'flaky')
  // @ts-expect-error a typo
  await mock.useScenario('our-orgg')
  // @ts-expect-error a custom name the mock was not given
  createRasterMock({ scenario: 'our-org' })

  // setupRasterServer
  setupRasterServer({ scenario: 'library-locked,slow' })
  const raster = setupRasterServer({ scenarios: [ourOrg], scenario: ['our-org', 'slow'] })
  await raster.mock.useScenario('our-org,slow')
  // @ts-expect-error a typo
  setupRasterServer({ scenario: 'library-lokced' })
  // @ts-expect-error a typo
  await raster.mock.useScenario('library-lokced')

  // startRasterMock's useScenario (its starting scenario comes from the page's ?scenario=)
  const browser = await startRasterMock({ scenarios: [ourOrg] })
  await browser.useScenario('our-org,library-locked')
  // @ts-expect-error a typo
  await browser.useScenario('our-orgg')

  // Storybook
  rasterMock({ scenario: 'library-locked,slow' })
  rasterMock({ scenarios: [ourOrg], scenario: 'our-org' })
  // @ts-expect-error a typo
  rasterMock({ scenario: 'library-lokced' })

  // A config file
  defineConfig({ scenarios: [ourOrg], scenario: 'our-org,slow' })
  defineConfig({ scenario: ['library-locked', 'slow'] })
  // @ts-expect-error a typo
  defineConfig({ scenario: 'library-lokced' })

  // The type itself
  const choice: ScenarioChoice = ['library-locked', 'slow']
  // @ts-expect-error a typo
  const typo: ScenarioChoice = 'slwo'
  void [choice, typo]
}

// Playwright's option
test.use({ rasterScenario: 'library-locked' })
test.use({ rasterScenario: 'library-locked,slow' })
test.use({ rasterScenario: ['library-locked', 'slow', 'flaky'] })
// @ts-expect-error a typo
test.use({ rasterScenario: 'library-lokced' })
