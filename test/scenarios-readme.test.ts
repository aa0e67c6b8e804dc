import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { withScenarioTable } from '../scenarios/readme.js'

/** README.md's scenario table is generated from the catalogue: after a change, run `npm run docs`. */
describe('README scenario table', () => {
  it('matches the catalogue', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    expect(readme, 'README.md is out of date: run `npm run docs`').toBe(withScenarioTable(readme))
  })
})
