import { z } from 'zod'
import * as Api from '../../contract/schemas.js'
import { presentVariant } from '../../domain/present.js'
import { defineVersionChange } from '../versions.js'
import { eachAsset } from './assets-of.js'

/**
 * 2026-07-08's schema of a result holding assets: the whole 2026-07-08 asset (its `variants`, and the `approval`
 * and `sizes` of assetApprovalAndSizes, the change made with this one).
 */
function assetsIn20260708(schema: z.ZodType): z.ZodType {
  if (schema === Api.Asset) return Api.Asset20260708
  if (schema instanceof z.ZodArray && schema.element === Api.Asset) return z.array(Api.Asset20260708)
  if (schema === Api.SearchResult) return Api.SearchResult20260708
  if (schema === Api.UploadResult) return Api.UploadResult20260708
  return schema
}

/** An asset lists its child images as `variants` (AssetVariant), in the place `views` had. */
export const variantsNotViews = defineVersionChange({
  version: '2026-07-08',
  description: 'An asset lists its child images as `variants` (`id, parentId, name, url, sizes, width, height, appUrl`; no `type`) instead of `views`.',
  response: (data, env) =>
    eachAsset(data, (asset) =>
      Object.fromEntries(
        Object.entries(asset).map(([name, value]) =>
          name === 'views'
            ? ['variants', asset.views.flatMap((view) => {
                const record = env.world.asset(view.id)
                return record ? [presentVariant(env, record)] : []
              })]
            : [name, value],
        ),
      ),
    ),
  schema: assetsIn20260708,
})
