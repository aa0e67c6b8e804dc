import { z } from 'zod'
import { RasterError, messages } from '../contract/errors.js'
import * as Api from '../contract/schemas.js'
import { isDone, isRunning, shownImage } from '../model/promotion.js'
import type { Asset, Organization } from '../model/records.js'
import { requireVisibleAsset } from './assets.js'
import type { OperationContext } from './context.js'
import { text } from './input.js'
import { defineOperation } from './operation.js'
import { showPromotion } from './promoted-urls.js'

/** How long a promote runs by the mock's clock before the variant is the asset's default image. */
export const PROMOTE_MS = 5000

const MAX_NOTE = 500

/** Approval is for paid plans: a Pro plan that is active (a canceled one, like Free, is not paid for). */
const isPaid = (organization: Organization) => organization.plan === 'pro' && organization.planStatus === 'active'

/**
 * Step 9 of setting an approval: a signed-in user (not an API key), a paid plan, then the role: an Owner sets any
 * state; a Member only submits for review (`in_review`), the decision is an Owner's.
 */
function requireApprover(context: OperationContext, state: z.infer<typeof Api.ApprovalState>): void {
  const { user } = context.caller
  if (!user) throw new RasterError('APPROVAL_REQUIRES_USER')
  if (!isPaid(context.caller.organization)) throw new RasterError('PAID_PLAN_REQUIRED')
  if (user.role !== 'owner' && state !== 'in_review') throw new RasterError('FORBIDDEN')
}

export const setAssetApproval = defineOperation({
  scope: 'library',
  access: 'write',
  input: z.object({ assetId: text(), state: Api.ApprovalState, note: z.string().trim().max(MAX_NOTE).optional() }),
  output: Api.ApprovalResult,
  async run(context, { assetId, state, note }) {
    requireApprover(context, state)
    const asset = requireVisibleAsset(context, assetId)
    // Each call replaces the previous one, its note included (none given, or only spaces: no note).
    await context.world.updateAsset(asset, { approval: state, approvalNote: note || null, updated: context.now() })
    return { assetId: asset.id, approval: state }
  },
})

/** The variant to promote: one of this asset's, not in trash; anything else (the asset itself too) is NOT_FOUND. */
function requireVariant(context: OperationContext, asset: Asset, variantId: string): Asset {
  const variant = context.world.asset(variantId)
  if (!variant || variant.parentId !== asset.id || variant.trashedAt !== null) throw new RasterError('NOT_FOUND')
  return variant
}

export const promoteVariant = defineOperation({
  scope: 'library',
  access: 'write',
  input: z.object({ assetId: text(), variantId: text() }),
  output: Api.PromoteResult,
  async run(context, { assetId, variantId }) {
    const { world } = context
    const now = context.now()
    const asset = requireVisibleAsset(context, assetId)
    const variant = requireVariant(context, asset, variantId)
    if (isRunning(asset.promotion, now)) throw new RasterError('CONFLICT', messages.promoteRunning)
    // A promote that completed before is written into the records first: what each shows now is where the next starts.
    const settled: Asset[] = []
    const previous = asset.promotion
    if (isDone(previous, now)) {
      const earlier = world.asset(previous.variantId)
      if (earlier) settled.push({ ...earlier, shown: previous.previous })
    }
    const shownVariant = settled[0]?.id === variant.id ? settled[0] : variant
    const completesAt = now + PROMOTE_MS
    const promotion = { variantId: variant.id, completesAt, image: shownImage(shownVariant, undefined, now), previous: shownImage(asset, undefined, now) }
    // shownImage of a variant record alone reads its own `shown`: the settled one, when it was the earlier promote's.
    const promoting = { ...asset, shown: promotion.previous, promotion, updated: now }
    await world.apply({ assets: [...settled, promoting] })
    showPromotion(context.files, context.cdnUrl, promoting, variant)
    return { assetId: asset.id, variantId: variant.id, status: 'running' as const, completesAt }
  },
})
