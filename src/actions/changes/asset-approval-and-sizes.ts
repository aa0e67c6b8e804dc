import { sizesOf } from '../../domain/present.js'
import { defineVersionChange } from '../versions.js'
import { eachAsset } from './assets-of.js'

/** An asset carries its review state and its renditions, both read from its record. */
export const assetApprovalAndSizes = defineVersionChange({
  version: '2026-07-08',
  description:
    'An asset carries `approval` (`in_review`, `approved`, `needs_changes` or null) and `sizes` (width → image URL, null while processing).',
  response: (data, env) =>
    eachAsset(data, (asset) => {
      const record = env.world.asset(asset.id)
      return { ...asset, sizes: record ? sizesOf(env, record) : null, approval: record?.approval ?? null }
    }),
})
