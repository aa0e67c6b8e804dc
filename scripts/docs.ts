import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { endpointsPage } from '../src/actions/docs.js'
import { rasterApi } from '../src/actions/index.js'
import { withScenarioTable } from '../scenarios/readme.js'

/** `npm run docs`: rewrites README.md's scenario table from the catalogue (test/scenarios-readme.test.ts checks it). */
const readme = new URL('../README.md', import.meta.url)
const before = readFileSync(readme, 'utf8')
const after = withScenarioTable(before)
if (after !== before) writeFileSync(readme, after)
console.log(after === before ? 'README.md: scenario table already up to date.' : 'README.md: scenario table rewritten.')

/** docs/endpoints.md from the action definitions (test/actions.test.ts checks it). */
const endpoints = new URL('../docs/endpoints.md', import.meta.url)
const page = endpointsPage(rasterApi)
const stale = !existsSync(endpoints) || readFileSync(endpoints, 'utf8') !== page
if (stale) writeFileSync(endpoints, page)
console.log(stale ? 'docs/endpoints.md: rewritten.' : 'docs/endpoints.md: already up to date.')
