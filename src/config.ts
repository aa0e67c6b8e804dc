/** Sizes are binary: 1 MB = 1024 × 1024 bytes, 1 GB = 1024 MB. */
export const MB = 1024 * 1024
export const GB = 1024 * MB
export const DAY_MS = 24 * 60 * 60 * 1000

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

export const DEFAULT_BASE_URL = 'https://api.raster.app'
export const DEFAULT_CDN_URL = 'https://cdn.raster.app'
export const DEFAULT_SEED = 20260520
/** Faker's reference date: every seeded date is relative to it, so the world never drifts. */
export const REFERENCE_DATE = Date.UTC(2026, 4, 20)

export const PAGE_SIZE_DEFAULT = 50
export const PAGE_SIZE_MAX = 500
