import { z } from 'zod'
import { errorCodes, type ErrorCode } from './errors.js'

/**
 * The API objects (docs/rest.md, "Objects"), as clients receive them. Responses are built
 * to these types, and the tests check every response against these schemas.
 */
export const Tag = z.strictObject({
  id: z.string(),
  count: z.number().int().nonnegative(),
  /** `user` for tags people added, `ai` for the ones Raster generated (stored with a leading `*`). */
  type: z.enum(['user', 'ai']),
})

/** Raster's AssetViewMetadata: each field nullable, as Raster's own document declares them. */
export const AssetViewMetadata = z.strictObject({
  /** The asset the view was made from. */
  basedOnId: z.string().nullable(),
  /** When the view was made, unix ms. */
  created: z.number().int().nullable(),
  name: z.string().nullable(),
  url: z.url().nullable(),
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
  metadata: AssetViewMetadata,
})

export const Uploader = z.strictObject({ name: z.string() })

export const Asset = z.strictObject({
  id: z.string(),
  name: z.string(),
  libraryId: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  blurhash: z.string().nullable(),
  url: z.url(),
  thumbUrl: z.url().nullable(),
  thumbHighUrl: z.url().nullable(),
  thumbUrlBlurred: z.url().nullable(),
  views: z.array(AssetView),
  type: z.literal('main'),
  description: z.string(),
  tags: z.array(z.string()),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  created: z.number().int(),
  updated: z.number().int(),
  uploadedBy: Uploader,
})

export const Library = z.strictObject({
  id: z.string(),
  name: z.string(),
  assetsCount: z.number().int().nonnegative(),
  photosCount: z.number().int().nonnegative(),
  trashCount: z.number().int().nonnegative(),
  tags: z.array(Tag),
})

/** Only the fields that matched: `name` when the name did, `tags` the matching tags when any did. */
export const SearchHitHighlights = z.strictObject({ name: z.string().optional(), tags: z.array(z.string()).optional() })

export const SearchHit = z.strictObject({
  ...Asset.shape,
  /** Absent when neither the name nor a tag matched (an empty `q`, a match in the description only). */
  highlights: SearchHitHighlights.optional(),
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

/** `/me` with an OAuth token granted every organization (Api-Version 2026-07-08): one entry per organization. */
export const MeAllOrganizations = z.strictObject({ organizations: z.array(Me) })

/** A review state of an asset (Api-Version 2026-07-08). */
export const ApprovalState = z.enum(['in_review', 'approved', 'needs_changes'])
export const ApprovalResult = z.strictObject({ assetId: z.string(), approval: ApprovalState })

/** The answer of a promote: it runs until `completesAt` (unix ms, the mock's clock), then the variant is the default. */
export const PromoteResult = z.strictObject({
  assetId: z.string(),
  variantId: z.string(),
  status: z.literal('running'),
  completesAt: z.number().int(),
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
  error: z.strictObject({ code: z.enum(errorCodes as [ErrorCode, ...ErrorCode[]]), message: z.string().min(1) }),
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
export type AssetViewMetadata = z.infer<typeof AssetViewMetadata>
export type Uploader = z.infer<typeof Uploader>
export type SearchHitHighlights = z.infer<typeof SearchHitHighlights>
export type TagResult = z.infer<typeof TagResult>
export type UntagResult = z.infer<typeof UntagResult>
export type DescriptionResult = z.infer<typeof DescriptionResult>
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>
/** A success body: `{ data: T }`, as `dataEnvelope(schema)` checks it. */
export type DataEnvelope<T> = z.infer<ReturnType<typeof dataEnvelope<z.ZodType<T>>>>

/**
 * The API objects the OpenAPI document names in `components.schemas`, with the
 * names of Raster's own document, so that generated clients (openapi-typescript)
 * get the same named types. Responses refer to them with `$ref`.
 */
export const apiObjects = z.registry<{ id: string; description: string }>()
apiObjects
  .add(Asset, { id: 'Asset', description: 'An image of a library.' })
  .add(AssetView, { id: 'AssetView', description: 'A variant of an asset (a view made from it).' })
  .add(AssetViewMetadata, { id: 'AssetViewMetadata', description: 'Where a view comes from.' })
  .add(Uploader, { id: 'Uploader', description: 'Who uploaded an asset.' })
  .add(Library, { id: 'Library', description: 'A library of an organization, with its tags.' })
  .add(Tag, { id: 'Tag', description: 'A tag of a library and how many assets carry it.' })
  .add(SearchHit, { id: 'SearchHit', description: 'An asset found by a search, with its highlights and score.' })
  .add(SearchHitHighlights, { id: 'SearchHitHighlights', description: 'The matched text, matches wrapped in <mark>.' })
  .add(SearchResult, { id: 'SearchResult', description: 'A page of search hits.' })
  .add(ErrorEnvelope, { id: 'Error', description: 'The body of every failure.' })
