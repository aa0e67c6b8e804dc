import { readFileSync, writeFileSync } from 'node:fs'
import { generatedDocs } from '../handlers/docs-tables.js'
import { withGenerated } from '../src/util/generated-block.js'
import { rasterApi } from '../src/actions/index.js'
import { withScenarioTable } from '../scenarios/readme.js'

/** `npm run docs`: rewrites README.md's scenario table from the catalogue (test/scenarios-readme.test.ts checks it). */
const readme = new URL('../README.md', import.meta.url)
const before = readFileSync(readme, 'utf8')
const after = withScenarioTable(before)
if (after !== before) writeFileSync(readme, after)
console.log(after === before ? 'README.md: scenario table already up to date.' : 'README.md: scenario table rewritten.')

/** The endpoint tables of docs/ from the action definitions (test/actions.test.ts checks them). */
for (const [page, tables] of Object.entries(generatedDocs(rasterApi))) {
  const file = new URL(`../${page}`, import.meta.url)
  const was = readFileSync(file, 'utf8')
  const now = Object.entries(tables).reduce((text, [name, table]) => withGenerated(text, name, table), was)
  if (now !== was) writeFileSync(file, now)
  console.log(now === was ? `${page}: tables already up to date.` : `${page}: tables rewritten.`)
}
