import type { Asset, AssetPromotion, Image } from './records.js'

/**
 * What a promote changes (Api-Version 2026-07-08): the image an asset or a variant shows, not its record's own
 * image, which its `url` names for good. A promote runs until its `completesAt` by the mock's clock; from then on
 * the asset shows the variant's image and the variant the asset's. Reads work this out from the records and the
 * time, so a frozen world (a scenario's) completes its promotes as the clock moves, as uploads finish processing.
 */

/** The image a record was made with. */
export function ownImage(asset: Asset): Image {
  const { source, name, width, height, contentType, size, blurhash, metadata } = asset
  return { source, name, width, height, contentType, size, blurhash, metadata }
}

/** Whether a promote has completed by `now`. */
export const isDone = <P extends AssetPromotion>(promotion: P | null | undefined, now: number): promotion is P =>
  promotion != null && promotion.completesAt <= now

/** Whether a promote is running at `now`. */
export const isRunning = (promotion: AssetPromotion | null | undefined, now: number): boolean =>
  promotion != null && promotion.completesAt > now

/**
 * The image a main asset (`parent` undefined) or a variant (`parent`, its main asset) shows at `now`.
 *
 * @example
 * shownImage(asset, undefined, world.now()).width // the promoted variant's width once its promote is done
 */
export function shownImage(asset: Asset, parent: Asset | undefined, now: number): Image {
  const promotion = asset.parentId === null ? asset.promotion : parent?.promotion
  if (isDone(promotion, now)) {
    if (asset.parentId === null) return promotion.image
    if (promotion.variantId === asset.id) return promotion.previous
  }
  return asset.shown ?? ownImage(asset)
}

/**
 * The record as it shows at `now` (the same object when it shows its own image): what every field but the URL
 * is presented from.
 *
 * @example
 * const shown = withShownImage(asset, undefined, now) // shown.width, shown.blurhash, …; the url stays asset's
 */
export function withShownImage(asset: Asset, parent: Asset | undefined, now: number): Asset {
  const touched = asset.shown != null || (asset.parentId === null ? asset.promotion != null : parent?.promotion?.variantId === asset.id)
  return touched ? { ...asset, ...shownImage(asset, parent, now) } : asset
}
