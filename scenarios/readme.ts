import { scenarios } from './catalogue.js'

/** README.md holds the generated table between these markers; `npm run docs` rewrites it. */
export const TABLE_START = '<!-- scenarios:start -->'
export const TABLE_END = '<!-- scenarios:end -->'

/** The scenario table, generated from the catalogue so the README cannot drift from it. */
export function scenarioTable(): string {
  const rows = scenarios.map(({ name, description }) => `| \`${name}\` | ${description.replaceAll('|', '\\|')} |`)
  return ['| scenario | what a client sees |', '|---|---|', ...rows].join('\n')
}

/** `readme` with the block between the markers replaced by the current table. */
export function withScenarioTable(readme: string): string {
  const start = readme.indexOf(TABLE_START)
  const end = readme.indexOf(TABLE_END)
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${TABLE_START} and ${TABLE_END}, in that order.`)
  return `${readme.slice(0, start + TABLE_START.length)}\n${scenarioTable()}\n${readme.slice(end)}`
}
