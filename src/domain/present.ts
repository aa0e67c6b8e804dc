import type * as Api from '../contract/schemas.js'
import { immutableJson } from '../contract/envelope.js'
import { assetUrls } from '../images.js'
import { isProcessing } from '../model/asset-index.js'
import { isDone, withShownImage } from '../model/promotion.js'
import { deepFreeze } from '../model/freeze.js'
import { tagName, type Asset, type Library } from '../model/records.js'
import type { Env } from './context.js'
import { showPromotion } from './promoted-urls.js'
import { trashCount } from './trash.js'

/** Records become API objects here and nowhere else. */

// Operations filter and count tags as clients see them, with the rule the records define.
export { tagName }

/** A variant of `parent`: its URL is its record's for good, the rest is the image it shows (a promote swaps them). */
export function presentView(env: Env, record: Asset, parent?: Asset): Api.AssetView {
  const view = withShownImage(record, parent, env.now())
  const { thumbUrl } = assetUrls(view, env.cdnUrl)
  const { url } = assetUrls(record, env.cdnUrl)
  return {
    id: view.id,
    parentId: view.parentId!,
    width: view.width,
    height: view.height,
    name: view.name,
    url,
    thumbUrl,
    type: 'variant',
    // Raster's AssetViewMetadata: the asset the view was made from, when, and the view's own name and URL.
    metadata: { basedOnId: view.parentId, created: view.legacy ? null : view.created, name: view.name, url },
  }
}

/** An asset's renditions, width → URL (REST's `sizes` from 2026-07-08); null while processing, like `thumbUrl`. */
export function sizesOf(env: Env, asset: Asset): Record<string, string> | null {
  return isProcessing(asset, env.now()) ? null : assetUrls(asset, env.cdnUrl).sizes
}

/** GraphQL's `sizes`: the same, as a JSON string. */
export function presentSizes(env: Env, asset: Asset): string | null {
  const sizes = sizesOf(env, asset)
  return sizes === null ? null : JSON.stringify(sizes)
}

/** Where Raster's web app shows an asset (and, with `?variant=`, one of its variants). */
const appUrlOf = (asset: Asset) => `https://raster.app/${asset.organizationId}/${asset.libraryId}/${asset.parentId ?? asset.id}`

/** Api-Version 2026-07-08's variant: no `type`, no thumbnails; its `sizes`, and where it opens in Raster's app. */
export function presentVariant(env: Env, variant: Asset): Api.AssetVariant {
  return {
    id: variant.id,
    parentId: variant.parentId!,
    name: variant.name,
    url: assetUrls(variant, env.cdnUrl).url,
    sizes: sizesOf(env, variant),
    width: variant.width,
    height: variant.height,
    appUrl: `${appUrlOf(variant)}?variant=${encodeURIComponent(variant.id)}`,
  }
}

/** What a presented asset was made from, besides the record it is cached by. */
interface Presented {
  cdnUrl: string
  processing: boolean
  /** Whether its promote had completed. */
  promoted: boolean
  views: readonly Asset[]
  value: Api.Asset
}

/**
 * Presented assets by their record. Records never change (a write makes a new one), so an entry is valid while
 * what else it was made from is the same: the CDN URL, whether it is processing, and its variants' records.
 */
const presentedAssets = new WeakMap<Asset, Presented>()

/** The API object of a main asset, frozen and shared by every request until its record (or a variant's) changes. */
export function presentAsset(env: Env, asset: Asset): Api.Asset {
  const processing = isProcessing(asset, env.now())
  const promoted = isDone(asset.promotion, env.now())
  const cached = presentedAssets.get(asset)
  if (cached && cached.cdnUrl === env.cdnUrl && cached.processing === processing && cached.promoted === promoted && env.world.hasVariants(asset.id, cached.views)) {
    return cached.value
  }
  const views = env.world.variantsOf(asset.id)
  // A scenario's promote (its world is frozen, built before any request) is told to the CDN when first shown.
  const variant = asset.promotion && env.world.frozen ? views.find((view) => view.id === asset.promotion!.variantId) : undefined
  if (variant) showPromotion(env.files, env.cdnUrl, asset, variant)
  const value = immutableJson(deepFreeze(buildAsset(env, asset, processing, views)))
  presentedAssets.set(asset, { cdnUrl: env.cdnUrl, processing, promoted, views, value })
  return value
}

function buildAsset(env: Env, record: Asset, processing: boolean, views: readonly Asset[]): Api.Asset {
  // The URL is the record's for good; every other field is of the image it shows (a promote changes it).
  const asset = withShownImage(record, undefined, env.now())
  const urls = assetUrls(asset, env.cdnUrl)
  return {
    id: asset.id,
    name: asset.name,
    libraryId: asset.libraryId,
    width: processing ? null : asset.width,
    height: processing ? null : asset.height,
    blurhash: processing ? null : asset.blurhash,
    url: asset === record ? urls.url : assetUrls(record, env.cdnUrl).url,
    thumbUrl: processing ? null : urls.thumbUrl,
    thumbHighUrl: processing || asset.legacy ? null : urls.thumbHighUrl,
    thumbUrlBlurred: processing ? null : urls.thumbUrlBlurred,
    views: views.map((view) => presentView(env, view, record)),
    type: 'main',
    description: asset.description,
    tags: [...new Set(asset.tags.map(tagName))],
    contentType: asset.contentType,
    // An older asset answers Raster's documented nulls (records.ts, `legacy`).
    size: asset.legacy ? null : asset.size,
    created: asset.legacy ? null : asset.created,
    updated: asset.updated,
    uploadedBy: asset.legacy ? null : { name: asset.uploadedBy },
  }
}

/** A library's tags by count, most used first (ties by name), generated and user tags of one name merged. */
export function libraryTags(env: Env, library: Library): Api.Tag[] {
  const tags = new Map<string, Api.Tag>()
  for (const [stored, count] of env.world.tagCounts(library)) {
    const id = tagName(stored)
    const tag = tags.get(id)
    if (tag) tags.set(id, { id, count: tag.count + count, type: tag.type === 'user' || stored === id ? 'user' : 'ai' })
    else tags.set(id, { id, count, type: stored === id ? 'user' : 'ai' })
  }
  return [...tags.values()].sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1))
}

export function presentLibrary(env: Env, library: Library): Api.Library {
  const assetsCount = env.world.visibleAssets(library).length
  return {
    id: library.id,
    name: library.name,
    assetsCount,
    photosCount: assetsCount,
    trashCount: trashCount(env, library),
    tags: libraryTags(env, library),
  }
}
