import { z } from 'zod'
import { errorCodes, type ErrorCode } from './errors.js'
import { answersSince } from './versions.js'

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
  // Raster's document declares these nullable: older assets answer null (the fixture has some, docs/fixture.md).
  size: z.number().int().nonnegative().nullable(),
  created: z.number().int().nullable(),
  updated: z.number().int(),
  uploadedBy: Uploader.nullable(),
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

/*
 * Api-Version 2026-07-08's objects (docs/rest.md, "Versions"): an asset lists `variants` instead of `views`, and
 * carries its `approval` and its `sizes`. The rest is 2026-05-20's.
 */

/** Width (a string key) → image URL; null while the upload is processing. */
export const Sizes = z.record(z.string().regex(/^\d+$/), z.url())

/** Api-Version 2026-07-08's variant of an asset: no `type`, no thumbnails, its `sizes` and where it opens in Raster's app. */
export const AssetVariant = z.strictObject({
  id: z.string(),
  parentId: z.string(),
  name: z.string(),
  url: z.url(),
  sizes: Sizes.nullable(),
  width: z.number().int(),
  height: z.number().int(),
  appUrl: z.url(),
})

export const Approval = z.enum(['in_review', 'approved', 'needs_changes'])

/** The fields 2026-07-08 adds to an asset (and to a search hit). */
const assetFields20260708 = {
  variants: z.array(AssetVariant),
  sizes: Sizes.nullable(),
  /** null when nobody asked for a review. */
  approval: Approval.nullable(),
}

const { views: _views, ...assetFieldsWithoutViews } = Asset.shape
const { views: _hitViews, ...hitFieldsWithoutViews } = SearchHit.shape

export const Asset20260708 = z.strictObject({ ...assetFieldsWithoutViews, ...assetFields20260708 })
export const SearchHit20260708 = z.strictObject({ ...hitFieldsWithoutViews, ...assetFields20260708 })
export const SearchResult20260708 = z.strictObject({ ...SearchResult.shape, hits: z.array(SearchHit20260708) })
export const UploadResult20260708 = z.strictObject({ responseText: z.string(), assets: z.array(Asset20260708) })

export const ErrorEnvelope = z.strictObject({
  error: z.strictObject({ code: z.enum(errorCodes as [ErrorCode, ...ErrorCode[]]), message: z.string().min(1) }),
})

export const dataEnvelope = <T extends z.ZodType>(data: T) => z.strictObject({ data })

export type Tag = z.infer<typeof Tag>
export type AssetView = z.infer<typeof AssetView>
export type AssetVariant = z.infer<typeof AssetVariant>
export type Asset20260708 = z.infer<typeof Asset20260708>
export type SearchHit20260708 = z.infer<typeof SearchHit20260708>
export type SearchResult20260708 = z.infer<typeof SearchResult20260708>
export type UploadResult20260708 = z.infer<typeof UploadResult20260708>
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

type Named = { id: string; description: string }

/** A registry of named objects: each schema with its name and description. */
function registryOf(objects: ReadonlyArray<readonly [z.ZodType, string, string]>) {
  const registry = z.registry<Named>()
  for (const [schema, id, description] of objects) registry.add(schema, { id, description })
  return registry
}

/** The objects every version names alike. */
const commonObjects = [
  [Uploader, 'Uploader', 'Who uploaded an asset.'],
  [Library, 'Library', 'A library of an organization, with its tags.'],
  [Tag, 'Tag', 'A tag of a library and how many assets carry it.'],
  [SearchHitHighlights, 'SearchHitHighlights', 'The matched text, matches wrapped in <mark>.'],
  [ErrorEnvelope, 'Error', 'The body of every failure.'],
] as const

/**
 * The API objects the OpenAPI document names in `components.schemas`, with the
 * names of Raster's own document, so that generated clients (openapi-typescript)
 * get the same named types. Responses refer to them with `$ref`.
 */
export const apiObjects = registryOf([
  [Asset, 'Asset', 'An image of a library.'],
  [AssetView, 'AssetView', 'A variant of an asset (a view made from it).'],
  [AssetViewMetadata, 'AssetViewMetadata', 'Where a view comes from.'],
  [SearchHit, 'SearchHit', 'An asset found by a search, with its highlights and score.'],
  [SearchResult, 'SearchResult', 'A page of search hits.'],
  ...commonObjects,
])

/** The objects of Api-Version 2026-07-08's document, under the same names (an `Asset` is 2026-07-08's asset). */
export const apiObjects20260708 = registryOf([
  [Asset20260708, 'Asset', 'An image of a library.'],
  [AssetVariant, 'AssetVariant', 'A variant of an asset.'],
  [Sizes, 'Sizes', 'Renditions of an image: width (a string key) → image URL.'],
  [SearchHit20260708, 'SearchHit', 'An asset found by a search, with its highlights and score.'],
  [SearchResult20260708, 'SearchResult', 'A page of search hits.'],
  ...commonObjects,
])

/** Each version's named objects. */
export const apiObjectsOf = (version: string) => (answersSince(version, '2026-07-08') ? apiObjects20260708 : apiObjects)
