import { assetUrls } from '../images.js'
import type { FileStore } from '../model/files.js'
import type { Asset } from '../model/records.js'

/**
 * Tells the CDN about a promote: from its completion on, the asset's URL serves the image the asset then shows
 * (the variant's) and the variant's URL the asset's former image. URLs name images, so the CDN needs telling.
 *
 * @example
 * showPromotion(context.files, context.cdnUrl, promotedAsset, variant)
 */
export function showPromotion(files: FileStore, cdnUrl: string, asset: Asset, variant: Asset): void {
  const { promotion } = asset
  if (!promotion) return
  const path = (record: Asset) => assetUrls(record, cdnUrl).url.slice(cdnUrl.length)
  files.showAt(path(asset), promotion.completesAt, path({ ...asset, ...promotion.image }))
  files.showAt(path(variant), promotion.completesAt, path({ ...variant, ...promotion.previous }))
}
