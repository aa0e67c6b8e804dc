import { z } from 'zod'
import { RasterError, badInput, messages } from '../contract/errors.js'
import * as Api from '../contract/schemas.js'
import { isProcessing } from '../model/asset-index.js'
import type { Asset } from '../model/records.js'
import { currentKey, currentOrganization, requireGrant, requireUnlocked } from '../pipeline/steps.js'
import type { OperationContext } from './context.js'
import { filterTags, idList, pageOf, pagination, tagFilterSchema, text } from './input.js'
import { defineOperation } from './operation.js'
import { presentAsset, tagName } from './present.js'
import { requireRoomFor } from './quota.js'

const RESERVED_TAGS = new Set(['index', 'trash'])
export const MAX_BULK_IDS = 100
const MAX_TAGS_PER_CALL = 20

export const listAssets = defineOperation({
  scope: 'library',
  access: 'read',
  input: z.object({ ...pagination, tags: tagFilterSchema }),
  check: (input, context) => ({ ...input, tags: filterTags(input.tags, context.apiVersion) }),
  output: z.array(Api.Asset),
  run(context, { page, pageSize, tags }) {
    // With tags, the tag index gives the matches up to the end of the page, not the whole library filtered.
    const assets = tags?.length
      ? context.world.visibleAssetsWithAnyTag(context.library, tags, page * pageSize)
      : context.world.visibleAssets(context.library)
    return pageOf(assets, page, pageSize).map((asset) => presentAsset(context, asset))
  },
})

export const getAsset = defineOperation({
  scope: 'library',
  access: 'read',
  input: z.object({ assetId: text() }),
  output: Api.Asset,
  run(context, { assetId }) {
    return presentAsset(context, context.world.visibleAsset(context.library, assetId) ?? requireProcessingAsset(context, assetId))
  },
})

/** An upload still processing is absent from lists, but its id was given to the client, so it can be read. */
function requireProcessingAsset(context: OperationContext, assetId: string): Asset {
  const asset = context.world.asset(assetId)
  const processing =
    asset !== undefined &&
    asset.organizationId === context.library.organizationId &&
    asset.libraryId === context.library.id &&
    asset.parentId === null &&
    asset.trashedAt === null &&
    isProcessing(asset, context.now())
  if (!processing) throw new RasterError('RESOURCE_NOT_FOUND')
  return asset
}

export function requireVisibleAsset(context: OperationContext, assetId: string): Asset {
  const asset = context.world.visibleAsset(context.library, assetId)
  if (!asset) throw new RasterError('RESOURCE_NOT_FOUND')
  return asset
}

/** Every id must be a visible asset of the library, or the whole call fails. */
function requireVisibleAssets(context: OperationContext, assetIds: string[]): Asset[] {
  return assetIds.map((id) => requireVisibleAsset(context, id))
}

export const deleteAssets = defineOperation({
  scope: 'library',
  access: 'write',
  input: z.object({ ids: idList.optional() }),
  check({ ids = [] }) {
    if (ids.length === 0) throw new RasterError('DELETE_ERROR')
    if (ids.length > MAX_BULK_IDS) throw new RasterError('MAX_ASSETS_EXCEEDED', messages.tooManyDeleteIds)
    return [...new Set(ids)]
  },
  output: Api.DeleteResult,
  async run(context, ids: string[]) {
    // Idempotent: ids that are unknown or already in trash are skipped, not refused.
    const moved: string[] = []
    for (const id of ids) {
      const asset = context.world.visibleAsset(context.library, id)
      if (!asset) continue
      await context.world.updateAsset(asset, { trashedAt: context.now(), updated: context.now() })
      moved.push(id)
    }
    const noun = moved.length === 1 ? 'asset' : 'assets'
    return { success: true, message: `Moved ${moved.length} ${noun} to trash`, ids: moved }
  },
})

/**
 * A tag as sent to tag or untag, as it is stored. The leading `*` of generated tags
 * is Raster's to set, so every leading `*` and space is dropped, and trailing spaces.
 * What is left must not be empty, nor hold a comma (the tag could never be filtered
 * on), nor be reserved.
 */
function tagOf(sent: string, index: number): string {
  const tag = sent.replace(/^[\s*]+/, '').trimEnd()
  if (!tag) throw badInput(messages.emptyTag(index))
  if (tag.includes(',')) throw badInput(messages.tagWithComma(index))
  if (RESERVED_TAGS.has(tag.toLowerCase())) throw badInput(messages.reservedTag(tag))
  return tag
}

/** The input of tag and untag. */
const tagging = {
  input: z.object({
    assetIds: idList.min(1).max(MAX_BULK_IDS),
    tags: z.array(text(64)).min(1).max(MAX_TAGS_PER_CALL),
  }),
  check({ assetIds, tags }: { assetIds: string[]; tags: string[] }) {
    return { assetIds: [...new Set(assetIds)], tags: [...new Set(tags.map(tagOf))] }
  },
}

export const tagAssets = defineOperation({
  scope: 'library',
  access: 'write',
  ...tagging,
  output: Api.TagResult,
  async run(context, { assetIds, tags }) {
    // Raster counts (asset, tag) pairs the call added: a tag an asset already has adds nothing.
    let taggedCount = 0
    for (const asset of requireVisibleAssets(context, assetIds)) {
      const present = new Set(asset.tags.map(tagName))
      const added = tags.filter((tag) => !present.has(tag))
      if (added.length === 0) continue
      await context.world.updateAsset(asset, { tags: [...asset.tags, ...added], updated: context.now() })
      taggedCount += added.length
    }
    return { taggedCount }
  },
})

export const untagAssets = defineOperation({
  scope: 'library',
  access: 'write',
  ...tagging,
  output: Api.UntagResult,
  async run(context, { assetIds, tags }) {
    const removed = new Set(tags)
    let untaggedCount = 0
    for (const asset of requireVisibleAssets(context, assetIds)) {
      const kept = asset.tags.filter((tag) => !removed.has(tagName(tag)))
      if (kept.length === asset.tags.length) continue
      await context.world.updateAsset(asset, { tags: kept, updated: context.now() })
      // Pairs as clients see them: a tag stored both as `x` and `*x` is one tag `x`.
      untaggedCount += new Set(asset.tags.map(tagName).filter((tag) => removed.has(tag))).size
    }
    return { untaggedCount }
  },
})

export const updateAssetDescription = defineOperation({
  scope: 'library',
  access: 'write',
  input: z.object({ assetId: text(), description: z.string().trim().max(5000) }),
  output: Api.DescriptionResult,
  async run(context, { assetId, description }) {
    const asset = requireVisibleAsset(context, assetId)
    const next = await context.world.updateAsset(asset, { description, updated: context.now() })
    return { assetId: next.id, description: next.description }
  },
})

export const transferAssets = defineOperation({
  scope: 'library',
  access: 'write',
  input: z.object({ targetLibraryId: text(), assetIds: idList.min(1).max(MAX_BULK_IDS) }),
  check: ({ targetLibraryId, assetIds }) => ({ targetLibraryId, assetIds: [...new Set(assetIds)] }),
  output: Api.TransferResult,
  async run(context, { targetLibraryId, assetIds }) {
    // The target goes through the same grant and lock steps as the source did, with the key and
    // organization as they are now, then its quotas like an upload into it.
    const { world } = context
    const organization = currentOrganization(world, context.caller.organization)
    const target = requireGrant(world, currentKey(world, context.caller.key), targetLibraryId, 'write')
    requireUnlocked(organization, target, context.limits.freePlanLibraries)
    if (target.id === context.library.id) throw badInput(messages.transferToSameLibrary)
    const assets = requireVisibleAssets(context, assetIds)
    const bytes = assets.reduce((sum, asset) => sum + asset.size + world.variantsOf(asset.id).reduce((s, v) => s + v.size, 0), 0)
    // Within one organization a transfer moves storage between libraries: the organization's total stays.
    requireRoomFor(context, organization, target, { library: bytes, organization: 0 })
    for (const asset of assets) {
      await world.updateAsset(asset, { libraryId: target.id, updated: context.now() })
    }
    return { transferredCount: assetIds.length, sourceLibraryId: context.library.id, targetLibraryId: target.id }
  },
})
