import type { z } from 'zod'
import type { RasterError } from '../contract/errors.js'
import { API_VERSIONS } from '../contract/versions.js'
import type { Env } from '../domain/context.js'

/** How a REST endpoint reads one query parameter before the operation's schema judges it. */
export type QueryParameter = 'number' | 'list' | 'string'

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
  /** The query parameters this version adds to the REST endpoints of the actions it lists, and how they are read. */
  query?: Readonly<Record<string, QueryParameter>>
  /** This version's input in the shape of the version before it. */
  request?(input: Record<string, unknown>): Record<string, unknown>
  /** The result of the version before it in this version's shape; `env` is the request's, to read the records. */
  response?(data: unknown, env: Env): unknown
  /** The error of the version before it as this version reports it. */
  error?(error: RasterError): RasterError
  /** The schema of a result of the version before it, in this version's shape (for the OpenAPI document and the tests). */
  schema?(output: z.ZodType): z.ZodType
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
export const apiVersions: VersionList = API_VERSIONS

export type { ApiVersion } from '../contract/versions.js'

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
export function resultIn(changes: readonly VersionChange[], data: unknown, env: Env): unknown {
  let value = data
  for (const change of changes) if (change.response) value = change.response(value, env)
  return value
}

/** The schema of an operation's result as the version of `changes` shows it. */
export function schemaIn(changes: readonly VersionChange[], output: z.ZodType): z.ZodType {
  let schema = output
  for (const change of changes) if (change.schema) schema = change.schema(schema)
  return schema
}

/** The query parameters the `changes` add, by name. */
export function queryOf(changes: readonly VersionChange[]): Readonly<Record<string, QueryParameter>> | undefined {
  const added = changes.filter((change) => change.query)
  return added.length === 0 ? undefined : Object.assign({}, ...added.map((change) => change.query))
}

/** An error as the version of `changes` reports it. */
export function errorIn(changes: readonly VersionChange[], error: RasterError): RasterError {
  let value = error
  for (const change of changes) if (change.error) value = change.error(value)
  return value
}
