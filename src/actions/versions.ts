import type { RasterError } from '../contract/errors.js'

/**
 * Dated versions, the way Stripe keeps them: the operations speak one shape (the oldest version's), and each
 * later version is the sum of small changes, each a module that says how one version differs from the one
 * before it for the actions it lists. Answering a request pinned to version V runs the operation, then every
 * change up to V, oldest first; its input goes through the same changes backwards.
 */
export interface VersionChange {
  /** The version that made the change: it applies to requests pinned to this version or a later one. */
  version: string
  /** What changed, as a changelog says it. */
  description: string
  /** This version's input in the shape of the version before it. */
  request?(input: Record<string, unknown>): Record<string, unknown>
  /** The result of the version before it in this version's shape. */
  response?(data: unknown): unknown
  /** The error of the version before it as this version reports it. */
  error?(error: RasterError): RasterError
}

/**
 * Defines a version change.
 *
 * @example
 * export const variantsNotViews = defineVersionChange({
 *   version: '2026-07-08',
 *   description: 'An asset lists its child images as `variants`, not `views`.',
 *   response: ({ views, ...asset }: any) => ({ ...asset, variants: views }),
 * })
 */
export function defineVersionChange(change: VersionChange): VersionChange {
  return change
}

/** The versions a mock answers, oldest first; ISO dates, so they compare as strings. */
export type VersionList = readonly [string, ...string[]]

/** Every dated version of the REST API the mock answers, oldest first. */
export const apiVersions: VersionList = ['2026-05-20', '2026-07-08']

const none: readonly VersionChange[] = []

/** The changes that turn an answer of the oldest version into one of `version`, oldest first. */
export function changesUpTo(changes: readonly VersionChange[] | undefined, version: string): readonly VersionChange[] {
  if (changes === undefined) return none
  const due = changes.filter((change) => change.version <= version)
  return due.length === 0 ? none : due.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0))
}

/** The operation's input for a request made in the version whose `changes` these are (newest change first). */
export function inputFrom(changes: readonly VersionChange[], input: Record<string, unknown>): Record<string, unknown> {
  let value = input
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i]!
    if (change.request) value = change.request(value)
  }
  return value
}

/** The operation's result as the version of `changes` shows it. */
export function resultIn(changes: readonly VersionChange[], data: unknown): unknown {
  let value = data
  for (const change of changes) if (change.response) value = change.response(value)
  return value
}

/** An error as the version of `changes` reports it. */
export function errorIn(changes: readonly VersionChange[], error: RasterError): RasterError {
  let value = error
  for (const change of changes) if (change.error) value = change.error(value)
  return value
}
