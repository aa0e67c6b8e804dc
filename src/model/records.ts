import { z } from 'zod'

/**
 * What the world stores, one zod schema per @msw/data collection. These are
 * records, not API objects: the API shapes are derived from them in
 * src/domain/present.ts. Relations are plain foreign ids (see README, "Data model").
 */
export const OrganizationRecord = z.object({
  id: z.string(),
  name: z.string(),
  plan: z.enum(['free', 'pro']),
  planStatus: z.enum(['active', 'canceled']),
  /** An unclaimed organization made by anonymous `POST /libraries`. */
  temporary: z.boolean(),
  email: z.string().nullable(),
  claimToken: z.string().nullable(),
  expiresAt: z.number().nullable(),
  createdAt: z.number(),
})

export const LibraryRecord = z.object({
  id: z.string(),
  organizationId: z.string(),
  name: z.string(),
  createdAt: z.number(),
  /** Creation order within the organization, from 0: a Free plan locks every library past its first few. */
  position: z.number().int(),
})

export const Access = z.enum(['read', 'write'])

export const KeyRecord = z.object({
  id: z.string(),
  organizationId: z.string(),
  /** libraryId → access; a library that is absent is one the key cannot see. */
  grants: z.record(z.string(), Access),
})

export const AssetRecord = z.object({
  id: z.string(),
  organizationId: z.string(),
  libraryId: z.string(),
  /** Set on a variant (an AssetView): the main asset it belongs to. */
  parentId: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  /** A leading `*` marks a tag Raster generated; the API shows tags without it. */
  tags: z.array(z.string()),
  width: z.number().int(),
  height: z.number().int(),
  contentType: z.string(),
  size: z.number().int(),
  /** Free-form facts about a variant (an AssetView), e.g. its crop. */
  metadata: z.record(z.string(), z.string()),
  blurhash: z.string(),
  /** Where the bytes are: a generated image (`generated:<hue>`) or an uploaded file (`file:<sha256>`). */
  source: z.string(),
  uploadedBy: z.string(),
  created: z.number(),
  updated: z.number(),
  trashedAt: z.number().nullable(),
  /** Until this time the asset is processing: no thumbs, absent from lists. */
  processingUntil: z.number().nullable(),
  /**
   * An older asset, from before Raster recorded its size, upload time, uploader and large thumbnail: the API
   * answers those null, as Raster's document allows (docs/fixture.md). The record keeps its own for order and storage.
   */
  legacy: z.literal(true).optional(),
  /** Api-Version 2026-07-08's review state of a main asset; null when nobody asked for one. */
  approval: z.enum(['in_review', 'approved', 'needs_changes']).nullable().default(null),
  /** The note of the last approval call, if it had one. */
  approvalNote: z.string().nullable().default(null),
})

/**
 * A stored tag as clients see it: Raster marks generated tags with a leading `*`, and the API shows them bare.
 *
 * @example
 * tagName('*beach') // 'beach'
 */
export function tagName(storedTag: string): string {
  return storedTag.startsWith('*') ? storedTag.slice(1) : storedTag
}

export type Organization = z.infer<typeof OrganizationRecord>
export type Library = z.infer<typeof LibraryRecord>
export type Key = z.infer<typeof KeyRecord>
export type Asset = z.infer<typeof AssetRecord>
export type AccessLevel = z.infer<typeof Access>

/** A whole world as plain data: what a seed produces and a snapshot holds. */
export interface WorldRecords {
  organizations: Organization[]
  libraries: Library[]
  keys: Key[]
  assets: Asset[]
  /** The next number of the world's id sequence, so ids made after a restore never repeat. */
  sequence: number
}
