import { sortFindings, type Finding, type Severity } from './findings.js'

/** A key as verify shows it anywhere: its first 7 characters (`pk_` and 4), then an ellipsis. */
export const maskKey = (key: string) => `${key.slice(0, 7)}…`

/** Replaces every occurrence of `key` in a text by its mask. */
export const scrubber = (key: string | undefined) => (text: string) => (key ? text.replaceAll(key, maskKey(key)) : text)

/** One probe as the report lists it. */
export interface ProbeResult {
  id: string
  surface: string
  real: number
  mock: number
  /** Paths whose values differed between the two real answers, left out of the comparison. */
  volatile: string[]
}

/** The JSON report (`--report`): keys in a fixed order, findings and probes sorted, no times, the key masked. */
export interface Report {
  tool: 'raster-mock verify'
  against: string
  apiVersion: string
  key: string | null
  verdict: 'faithful' | 'drift'
  summary: { probes: number; findings: number; new: number; accepted: number; error: number; warning: number; info: number }
  findings: (Finding & { accepted: boolean })[]
  probes: ProbeResult[]
}

/** A baseline file: the ids of the findings a team has accepted. */
export interface Baseline {
  accepted: { id: string; kind: string; real: string; mock: string }[]
}

/** Findings that fail a run: errors, unless the baseline accepts them. Warnings and info are shown, never fail. */
export const failing = (report: Report) => report.findings.filter((found) => !found.accepted && found.severity === 'error')

/** Builds the report from the run's findings and probes. */
export function buildReport(input: {
  against: string
  apiVersion: string
  key: string | undefined
  findings: readonly Finding[]
  probes: readonly ProbeResult[]
  baseline?: Baseline | undefined
}): Report {
  const accepted = new Set(input.baseline?.accepted.map((entry) => entry.id) ?? [])
  const findings = sortFindings(input.findings).map((found) => ({ ...found, accepted: accepted.has(found.id) }))
  const count = (severity: Severity) => findings.filter((found) => found.severity === severity).length
  const report: Report = {
    tool: 'raster-mock verify',
    against: input.against,
    apiVersion: input.apiVersion,
    key: input.key ? maskKey(input.key) : null,
    verdict: 'faithful',
    summary: {
      probes: input.probes.length,
      findings: findings.length,
      new: findings.filter((found) => !found.accepted).length,
      accepted: findings.filter((found) => found.accepted).length,
      error: count('error'),
      warning: count('warning'),
      info: count('info'),
    },
    findings,
    probes: [...input.probes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  }
  report.verdict = failing(report).length > 0 ? 'drift' : 'faithful'
  return report
}

/** The baseline that accepts every finding of `report`. */
export const baselineOf = (report: Report): Baseline => ({
  accepted: report.findings.map(({ id, kind, real, mock }) => ({ id, kind, real, mock })),
})

/** `1 finding`, `2 findings`. */
export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`
const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text)

/** The terminal summary: one row per finding (new ones first), then the counts and the verdict. */
export function summaryTable(report: Report): string {
  const rows = [...report.findings].sort((a, b) => Number(a.accepted) - Number(b.accepted))
  const header = ['severity', 'kind', 'probe', 'path', 'real', 'mock']
  const cells = rows.map((found) => [
    found.accepted ? `${found.severity} (accepted)` : found.versionSkew ? `${found.severity} (skew ${found.versionSkew})` : found.severity,
    found.kind,
    found.probe,
    clip(found.path, 40),
    clip(found.real, 40),
    clip(found.mock, 40),
  ])
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((row) => row[i]!.length)))
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()
  const { summary } = report
  const counts = `${plural(summary.probes, 'probe')}, ${plural(summary.findings, 'finding')} (${summary.error} error, ${summary.warning} warning, ${summary.info} info; ${summary.accepted} accepted by the baseline)`
  const verdict =
    report.verdict === 'faithful'
      ? `faithful: the mock matches ${report.against} (Api-Version ${report.apiVersion}) beyond the baseline`
      : `drift: ${plural(failing(report).length, 'new error finding')} against ${report.against} (Api-Version ${report.apiVersion})`
  return [...(cells.length ? [line(header), ...cells.map(line), ''] : []), counts, verdict].join('\n')
}
