/**
 * `raster-mock/2026-07-08`: the API objects of Api-Version 2026-07-08 under their own names, for an app pinned to
 * it (the package's root exports 2026-05-20's). Types only: zod and the mock are not loaded.
 *
 * @example
 * import type { Asset, AssetVariant } from 'raster-mock/2026-07-08'
 * const widths = (asset: Asset) => Object.keys(asset.sizes ?? {}).map(Number)
 */
export type {
  AnonymousLibrary,
  AssetVariant,
  Asset20260708 as Asset,
  DataEnvelope,
  DeleteResult,
  DescriptionResult,
  ErrorEnvelope,
  Library,
  Me,
  SearchHit20260708 as SearchHit,
  SearchHitHighlights,
  SearchResult20260708 as SearchResult,
  Tag,
  TagResult,
  TransferResult,
  UntagResult,
  UploadResult20260708 as UploadResult,
  Uploader,
} from './schemas.js'

/** An asset's review state in 2026-07-08 (`approval`); null when nobody asked for one. */
export type Approval = 'in_review' | 'approved' | 'needs_changes'
