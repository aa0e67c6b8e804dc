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

/** An image as the CDN serves it and an asset describes it. */
export const ImageFacts = z.object({
  source: z.string(),
  name: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  contentType: z.string(),
  size: z.number().int(),
  blurhash: z.string(),
  metadata: z.record(z.string(), z.string()),
})

/**
 * A promote of a variant: until `completesAt` (the mock's clock) it is running; from then on the asset shows
 * `image` (the variant's, as it was) and the variant shows `previous` (the asset's). The next promote of the asset
 * writes both into the records' `shown` first.
 */
export const Promotion = z.object({
  variantId: z.string(),
  completesAt: z.number(),
  image: ImageFacts,
  previous: ImageFacts,
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
  /**
   * What an asset or a variant shows instead of its own image since a promote completed (null: its own). The
   * fields above keep the image it was made with, which its `url` names for good: a promote changes the bytes, not
   * the URL (src/model/promotion.ts).
   */
  shown: ImageFacts.nullable().default(null),
  /** On a main asset, the promote of one of its variants (2026-07-08), running until `completesAt`, then done. */
  promotion: Promotion.nullable().default(null),
})

/** A user's part in an organization: an Owner reaches every library with Write; a Member, the libraries of `grants`. */
export const Membership = z.object({
  role: z.enum(['owner', 'member']),
  /** libraryId → access, for a Member (an Owner's are every library's, present and future). */
  grants: z.record(z.string(), Access),
})

/** A person who signs in with OAuth (Api-Version 2026-07-08): the organizations they belong to, and how. */
export const UserRecord = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  /** organizationId → membership. */
  memberships: z.record(z.string(), Membership),
})

/**
 * An OAuth token of a user. `access` tokens (`oat_…`) are bearer credentials; a `refresh` token gets new ones;
 * a `code` is an authorization code waiting for its exchange (with its PKCE challenge and redirect URI).
 */
export const TokenRecord = z.object({
  id: z.string(),
  kind: z.enum(['access', 'refresh', 'code']),
  userId: z.string(),
  /** The organization the user granted at consent; null: every organization the user belongs to. */
  organizationId: z.string().nullable(),
  createdAt: z.number(),
  /** Unix ms from which it is refused; null: never expires. */
  expiresAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
  clientId: z.string().nullable().default(null),
  redirectUri: z.string().nullable().default(null),
  codeChallenge: z.string().nullable().default(null),
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
/** An asset record; the fields added with Api-Version 2026-07-08 may be left out when writing one (they default to null). */
export type Asset = z.input<typeof AssetRecord>
export type AccessLevel = z.infer<typeof Access>
export type User = z.infer<typeof UserRecord>
export type Token = z.infer<typeof TokenRecord>
export type Role = z.infer<typeof Membership>['role']
export type Image = z.infer<typeof ImageFacts>
export type AssetPromotion = z.infer<typeof Promotion>

/** A whole world as plain data: what a seed produces and a snapshot holds. */
export interface WorldRecords {
  organizations: Organization[]
  libraries: Library[]
  keys: Key[]
  assets: Asset[]
  /** OAuth users and their tokens (absent in snapshots made before they existed). */
  users?: User[]
  tokens?: Token[]
  /** The next number of the world's id sequence, so ids made after a restore never repeat. */
  sequence: number
}
