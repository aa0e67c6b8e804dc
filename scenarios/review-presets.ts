import { REFERENCE_DATE } from '../src/config.js'
import { ownImage } from '../src/model/promotion.js'
import type { Asset, WorldRecords } from '../src/model/records.js'
import { primary } from './presets.js'

/** Presets of Api-Version 2026-07-08's review features, on barcelona (docs/scenarios.md). */

const HOUR = 60 * 60 * 1000

/** barcelona's visible main assets, newest first, as lists show them. */
function barcelonaNewestFirst(world: WorldRecords): Asset[] {
  return world.assets
    .filter((asset) => asset.organizationId === primary.organizationId && asset.libraryId === primary.libraryId)
    .filter((asset) => asset.parentId === null && asset.trashedAt === null)
    .sort((a, b) => b.created - a.created || (a.id < b.id ? -1 : 1))
}

/** barcelona's three newest assets are in review, approved and to change (with a note); the others never reviewed. */
export function setApprovals(world: WorldRecords): void {
  const [inReview, approved, needsChanges] = barcelonaNewestFirst(world)
  Object.assign(inReview!, { approval: 'in_review', approvalNote: null })
  Object.assign(approved!, { approval: 'approved', approvalNote: 'Good to publish.' })
  Object.assign(needsChanges!, { approval: 'needs_changes', approvalNote: 'Crop tighter and warm the colours.' })
}

/**
 * barcelona's newest asset with variants is promoting its first variant, started when the clock starts and done an
 * hour later (2026-05-20T01:00:00Z): until then a promote of it is 409 CONFLICT.
 */
export function startPromote(world: WorldRecords): void {
  const asset = barcelonaNewestFirst(world).find((candidate) => world.assets.some((variant) => variant.parentId === candidate.id))!
  const variant = world.assets.find((candidate) => candidate.parentId === asset.id)!
  asset.promotion = { variantId: variant.id, completesAt: REFERENCE_DATE + HOUR, image: ownImage(variant), previous: ownImage(asset) }
}
