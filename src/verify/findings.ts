/** What a finding says about the mock: `error` breaks a client, `warning` may, `info` is a limit of the check. */
export type Severity = 'error' | 'warning' | 'info'

/** The kinds of difference verify reports (docs/verify.md, "Finding kinds"). */
export type FindingKind =
  | 'status'
  | 'envelope'
  | 'error-code'
  | 'graphql-status'
  | 'media-type'
  | 'vary'
  | 'type'
  | 'nullability'
  | 'null-absent'
  | 'missing-field'
  | 'extra-field'
  | 'renamed-field'
  | 'timestamp-format'
  | 'unverified'
  | 'message'
  | 'openapi-path'
  | 'volatile'

/** One difference between the real API and the mock, at one JSON path of one probe's answer. */
export interface Finding {
  /** `probe kind path`: stable across runs, the key a baseline accepts. */
  id: string
  probe: string
  kind: FindingKind
  /** `$` for the answer's classification, else a JSON path with `[]` for any array element. */
  path: string
  real: string
  mock: string
  severity: Severity
  /** Set when the difference disappears against the mock answering in this version: a known version change, not drift. */
  versionSkew?: string
}

const kindSeverity: Record<FindingKind, Severity> = {
  status: 'error',
  envelope: 'error',
  'error-code': 'error',
  'graphql-status': 'error',
  'media-type': 'error',
  vary: 'error',
  type: 'error',
  nullability: 'warning',
  'null-absent': 'error',
  'missing-field': 'error',
  'extra-field': 'warning',
  'renamed-field': 'error',
  'timestamp-format': 'error',
  unverified: 'info',
  message: 'warning',
  'openapi-path': 'error',
  volatile: 'info',
}

/** A finding of `kind`, with the kind's severity unless `severity` says otherwise. */
export function finding(probe: string, kind: FindingKind, path: string, real: string, mock: string, severity = kindSeverity[kind]): Finding {
  return { id: `${probe} ${kind} ${path}`, probe, kind, path, real, mock, severity }
}

/** Findings in a stable order: by probe, then path, then kind. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
