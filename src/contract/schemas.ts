import { z } from 'zod'
import { errorCodes } from './errors.js'

/**
 * The API objects of contract §2, as clients receive them. Responses are built
 * to these types, and the tests check every response against these schemas.
 */
export const Tag = z.strictObject({
  id: z.string(),
  count: z.number().int().nonnegative(),
  /** `user` for tags people added, `ai` for the ones Raster generated (stored with a leading `*`). */
  type: z.enum(['user', 'ai']),
})

export const AssetView = z.strictObject({
  id: z.string(),
  parentId: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  name: z.string(),
  url: z.url(),
  thumbUrl: z.url(),
  type: z.literal('variant'),
  metadata: z.record(z.string(), z.string()),
})

export const Asset = z.strictObject({
  id: z.string(),
  name: z.string(),
  libraryId: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  blurhash: z.string().nullable(),
  url: z.url(),
  thumbUrl: z.url().nullable(),
  thumbHighUrl: z.url(),
  thumbUrlBlurred: z.url(),
  views: z.array(AssetView),
  type: z.literal('main'),
  description: z.string(),
  tags: z.array(z.string()),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  created: z.number().int(),
  updated: z.number().int(),
  uploadedBy: z.strictObject({ name: z.string() }),
})

export const Library = z.strictObject({
  id: z.string(),
  name: z.string(),
  assetsCount: z.number().int().nonnegative(),
  photosCount: z.number().int().nonnegative(),
  trashCount: z.number().int().nonnegative(),
  tags: z.array(Tag),
})

export const SearchHit = z.strictObject({
  ...Asset.shape,
  highlights: z.strictObject({ name: z.string(), tags: z.array(z.string()) }),
  score: z.number(),
})

export const SearchResult = z.strictObject({
  hits: z.array(SearchHit),
  found: z.number().int().nonnegative(),
  page: z.number().int(),
})

export const Me = z.strictObject({
  organizationId: z.string(),
  organizationName: z.string(),
  plan: z.enum(['free', 'pro']),
  libraries: z.array(z.string()),
})

export const AnonymousLibrary = z.strictObject({
  organizationId: z.string(),
  libraryId: z.string(),
  apiKey: z.string().regex(/^pk_/),
  claimUrl: z.url(),
  expiresAt: z.iso.datetime(),
  emailSent: z.boolean(),
})

export const UploadResult = z.strictObject({ responseText: z.string(), assets: z.array(Asset) })
export const DeleteResult = z.strictObject({ success: z.boolean(), message: z.string(), ids: z.array(z.string()) })
export const TagResult = z.strictObject({ taggedCount: z.number().int().nonnegative() })
export const UntagResult = z.strictObject({ untaggedCount: z.number().int().nonnegative() })
export const DescriptionResult = z.strictObject({ assetId: z.string(), description: z.string() })
export const TransferResult = z.strictObject({
  transferredCount: z.number().int().nonnegative(),
  sourceLibraryId: z.string(),
  targetLibraryId: z.string(),
})

export const ErrorEnvelope = z.strictObject({
  error: z.strictObject({ code: z.enum(errorCodes as [string, ...string[]]), message: z.string().min(1) }),
})

export const dataEnvelope = <T extends z.ZodType>(data: T) => z.strictObject({ data })

export type Tag = z.infer<typeof Tag>
export type AssetView = z.infer<typeof AssetView>
export type Asset = z.infer<typeof Asset>
export type Library = z.infer<typeof Library>
export type SearchHit = z.infer<typeof SearchHit>
export type SearchResult = z.infer<typeof SearchResult>
export type Me = z.infer<typeof Me>
export type AnonymousLibrary = z.infer<typeof AnonymousLibrary>
export type UploadResult = z.infer<typeof UploadResult>
export type DeleteResult = z.infer<typeof DeleteResult>
export type TransferResult = z.infer<typeof TransferResult>
