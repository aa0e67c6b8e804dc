import { z } from 'zod'

/** Sizes are binary: 1 MB = 1024 × 1024 bytes, 1 GB = 1024 MB. */
export const MB = 1024 * 1024
export const GB = 1024 * MB
export const DAY_MS = 24 * 60 * 60 * 1000
/**
 * The longest side of an image, in pixels, wherever one is made or taken: an upload, the CDN's generated images,
 * the world's factories (docs/decisions.md, "REST and the data"); far inside GraphQL's 32-bit `Int`.
 */
export const MAX_IMAGE_SIDE = 20_000
/**
 * The mock CDN's transforms (docs/images.md, "Resizing"): the longest side of a transformed answer (a larger `w`,
 * `h` or `w` × `dpr` is brought down to it), the largest `dpr`, and the most pixels of an upload it decodes (24 MP,
 * a 6000 × 4000 photo: its RGBA pixels are 96 MB while it is resized).
 */
export const MAX_CDN_SIDE = 4096
export const MAX_CDN_DPR = 5
export const MAX_DECODED_PIXELS = 24_000_000
/** The longest a time limit may be: 1,000 years of 365 days (docs/decisions.md, "Time"). */
export const MAX_SPAN_MS = 1000 * 365 * DAY_MS

/** The configurable limits (docs/errors.md, "Limits"; the time limits in docs/time.md). */
export interface Limits {
  /** Largest accepted file, in bytes. */
  fileBytes: number
  /** Storage of a Free organization, in bytes. */
  freePlanBytes: number
  /** Libraries a Free organization can use; the ones created after are locked. */
  freePlanLibraries: number
  /** Storage of a temporary (unclaimed) library, in bytes. */
  temporaryLibraryBytes: number
  /** Active unclaimed libraries one email may hold. */
  unclaimedPerEmail: number
  /** How long an upload stays in processing (null thumbs, absent from lists), in ms. */
  processingMs: number
  /** How long an unclaimed temporary organization lives after its creation, in ms (its `expiresAt`). */
  temporaryLifetimeMs: number
  /** How long a trashed asset is kept before it is purged, in ms. */
  trashRetentionMs: number
}

export const defaultLimits: Limits = {
  fileBytes: 100 * MB,
  freePlanBytes: GB,
  freePlanLibraries: 3,
  temporaryLibraryBytes: 100 * MB,
  unclaimedPerEmail: 3,
  processingMs: 0,
  temporaryLifetimeMs: 30 * DAY_MS,
  trashRetentionMs: 30 * DAY_MS,
}

/** A whole number from 0 to `max`; every failure says the same `must be …`. */
function whole(what: string, max = Number.MAX_SAFE_INTEGER) {
  const error = `must be ${what}`
  return z.number({ error }).int({ error }).min(0, { error }).max(max, { error })
}
const bytes = whole('a whole number of bytes (1 MB is 1048576)')
const count = whole('a whole number from 0')
const span = whole(`a whole number of milliseconds from 0 to ${MAX_SPAN_MS} (1,000 years)`, MAX_SPAN_MS)

/** What `limits` may hold: each limit a whole number in its range, nothing else (docs/errors.md, "Limits"). */
const LimitOverrides = z.strictObject({
  fileBytes: bytes,
  freePlanBytes: bytes,
  freePlanLibraries: count,
  temporaryLibraryBytes: bytes,
  unclaimedPerEmail: count,
  processingMs: span,
  temporaryLifetimeMs: span,
  trashRetentionMs: span,
} satisfies Record<keyof Limits, z.ZodType>).partial()

/**
 * Checks overrides of the limits as a user gives them (the `limits` option, a config file's `limits`) and returns
 * them; throws an Error naming the first setting that is unknown or out of its range, e.g. `limits.fileBytes must
 * be a whole number of bytes (1 MB is 1048576), got "1MB"`. Undefined is no overrides.
 */
export function checkLimits(overrides: unknown): Partial<Limits> {
  if (overrides === undefined) return {}
  const result = LimitOverrides.safeParse(overrides)
  // A limit given as undefined is not given: it must not replace the default.
  if (result.success) return Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== undefined))
  const [issue] = result.error.issues
  if (issue?.code === 'unrecognized_keys') {
    throw new Error(`unknown limit "limits.${issue.keys[0]}" (known: ${Object.keys(defaultLimits).join(', ')})`)
  }
  if (!issue?.path.length) throw new Error('limits must be an object such as { fileBytes: 10 * 1024 * 1024 }')
  const value = (overrides as Record<string, unknown>)[String(issue.path[0])]
  throw new Error(`limits.${String(issue.path[0])} ${issue.message}, got ${JSON.stringify(value) ?? String(value)}`)
}

/** The limits in force: the defaults with the checked overrides (see checkLimits, which throws). */
export function resolveLimits(overrides?: unknown): Limits {
  return { ...defaultLimits, ...checkLimits(overrides) }
}

export const DEFAULT_BASE_URL = 'https://api.raster.app'
export const DEFAULT_CDN_URL = 'https://cdn.raster.app'
export const DEFAULT_MCP_URL = 'https://mcp.raster.app'
export const DEFAULT_SEED = 20260520
/** Faker's reference date: every seeded date is relative to it, so the world never drifts. */
export const REFERENCE_DATE = Date.UTC(2026, 4, 20)

export const PAGE_SIZE_DEFAULT = 50
export const PAGE_SIZE_MAX = 500
