/**
 * The dated versions of Raster's REST API the mock answers, oldest first. ISO dates, so they compare as strings.
 * Lower than the actions (which list each version's changes) so the operations can ask which version a request
 * is answered in, for the changes that are behaviour rather than shape (docs/rest.md, "Versions").
 */
export const API_VERSIONS = ['2026-05-20', '2026-07-08'] as const

/** A dated version of the REST API: `'2026-05-20'` or `'2026-07-08'`. */
export type ApiVersion = (typeof API_VERSIONS)[number]

/** The version a mock answers when nothing says otherwise: the seed's. */
export const DEFAULT_API_VERSION: ApiVersion = '2026-05-20'

/**
 * Whether a request answered in `version` has what `since` brought.
 *
 * @example
 * answersSince('2026-07-08', '2026-07-08') // true
 * answersSince('2026-05-20', '2026-07-08') // false
 */
export function answersSince(version: string, since: ApiVersion): boolean {
  return version >= since
}

export function isApiVersion(value: unknown): value is ApiVersion {
  return typeof value === 'string' && (API_VERSIONS as readonly string[]).includes(value)
}
