/** One line of the results: what was measured, the numbers, the ratio, and the target it is held to. */
export interface Row {
  section: string
  what: string
  value: string
  ratio?: number
  target?: string
  met?: boolean
}

/** A row whose target is "at most `limit`": for ratios, and for budgets read as measured ÷ budget. */
export function atMost(row: Omit<Row, 'target' | 'met'>, measured: number, limit: number, unit = '×'): Row {
  return { ...row, target: `≤ ${limit}${unit === '×' ? '×' : ` ${unit}`}`, met: measured <= limit }
}

/** A row whose target is "at least `limit`" (a ratio of throughputs). */
export function atLeast(row: Omit<Row, 'target' | 'met'>, measured: number, limit: number): Row {
  return { ...row, target: `≥ ${limit.toFixed(Number.isInteger(limit * 10) ? 1 : 2)}×`, met: measured >= limit }
}

export function printTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => [
    row.section,
    row.what,
    row.value,
    row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`,
    row.target ?? '',
    row.met === undefined ? '' : row.met ? 'met' : 'MISSED',
  ])
  const header = ['section', 'measured', 'value', 'ratio', 'target', '']
  const lines = [header, header.map(() => '---'), ...cells].map((line) => `| ${line.join(' | ')} |`)
  return lines.join('\n')
}
