import { withGenerated } from '../src/util/generated-block.js'
import { scenarios } from './catalogue.js'

/** The scenario table, generated from the catalogue so the README cannot drift from it. */
export function scenarioTable(): string {
  const rows = scenarios.map(({ name, description }) => `| \`${name}\` | ${description.replaceAll('|', '\\|')} |`)
  return ['| scenario | what a client sees |', '|---|---|', ...rows].join('\n')
}

/** `readme` with its generated block (`<!-- scenarios:start -->` … `<!-- scenarios:end -->`) replaced by the current table. */
export function withScenarioTable(readme: string): string {
  return withGenerated(readme, 'scenarios', scenarioTable())
}
