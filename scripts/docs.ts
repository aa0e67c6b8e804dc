import { readFileSync, writeFileSync } from 'node:fs'
import { withScenarioTable } from '../scenarios/readme.js'

/** `npm run docs`: rewrites README.md's scenario table from the catalogue (test/scenarios-readme.test.ts checks it). */
const readme = new URL('../README.md', import.meta.url)
const before = readFileSync(readme, 'utf8')
const after = withScenarioTable(before)
if (after !== before) writeFileSync(readme, after)
console.log(after === before ? 'README.md: scenario table already up to date.' : 'README.md: scenario table rewritten.')
