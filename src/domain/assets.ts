import { z } from 'zod'
import { RasterError, badInput, messages } from '../contract/errors.js'
import type * as Api from '../contract/schemas.js'
import type { Asset } from '../model/records.js'
import { requireGrant, requireUnlocked } from '../pipeline/steps.js'
import type { OperationContext } from './context.js'
import { idList, pageOf, pagination, parseInput, tagFilterSchema, text } from './input.js'
import { defineOperation } from './operation.js'
import { presentAsset, tagName } from './present.js'

const RESERVED_TAGS = new Set(['index', 'trash'])
const MAX_BULK_IDS = 100
const MAX_TAGS_PER_CALL = 20

export const listAssets = defineOperation({
  scope: 'library',
  access: 'read',
  parse: (raw) => parseInput(z.object({ ...pagination, tags: tagFilterSchema }), raw),
  run(context, { page, pageSize, tags }) {
    let assets = context.world.visibleAssets(context.library)
    if (tags?.length) {
      const wanted = new Set(tags)
      assets = assets.filter((asset) => asset.tags.some((tag) => wanted.has(tagName(tag))))
    }
    return pageOf(assets, page, pageSize).map((asset) => presentAsset(context, asset))
  },
})

export const getAsset = defineOperation({
  scope: 'library',
  access: 'read',
  parse: (raw) => parseInput(z.object({ assetId: text() }), raw),
  run(context, { assetId }) {
    return presentAsset(context, requireVisibleAsset(context, assetId))
  },
})

function requireVisibleAsset(context: OperationContext, assetId: string): Asset {
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
  parse(raw) {
    const ids = idList(raw, 'ids', MAX_BULK_IDS, new RasterError('MAX_ASSETS_EXCEEDED', messages.tooManyDeleteIds))
    if (ids.length === 0) throw new RasterError('DELETE_ERROR')
    return ids
  },
  async run(context, ids): Promise<Api.DeleteResult> {
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

const taggingInput = (raw: unknown) => {
  const assetIds = idList(raw, 'assetIds', MAX_BULK_IDS)
  const { tags } = parseInput(
    z.object({ tags: z.array(text(64).transform((tag) => tag.replace(/^\*+/, ''))).min(1).max(MAX_TAGS_PER_CALL) }),
    raw,
  )
  if (assetIds.length === 0) throw badInput('assetIds must contain at least 1 item(s).')
  const reserved = tags.find((tag) => RESERVED_TAGS.has(tag.toLowerCase()))
  if (reserved) throw badInput(`The tag "${reserved}" is reserved and cannot be used.`)
  return { assetIds, tags: [...new Set(tags)] }
}

export const tagAssets = defineOperation({
  scope: 'library',
  access: 'write',
  parse: taggingInput,
  async run(context, { assetIds, tags }) {
    for (const asset of requireVisibleAssets(context, assetIds)) {
      const present = new Set(asset.tags.map(tagName))
      const added = tags.filter((tag) => !present.has(tag))
      if (added.length) await context.world.updateAsset(asset, { tags: [...asset.tags, ...added], updated: context.now() })
    }
    return { taggedCount: assetIds.length }
  },
})

export const untagAssets = defineOperation({
  scope: 'library',
  access: 'write',
  parse: taggingInput,
  async run(context, { assetIds, tags }) {
    const removed = new Set(tags)
    let untaggedCount = 0
    for (const asset of requireVisibleAssets(context, assetIds)) {
      const kept = asset.tags.filter((tag) => !removed.has(tagName(tag)))
      if (kept.length === asset.tags.length) continue
      await context.world.updateAsset(asset, { tags: kept, updated: context.now() })
      untaggedCount++
    }
    return { untaggedCount }
  },
})

export const updateAssetDescription = defineOperation({
  scope: 'library',
  access: 'write',
  parse: (raw) => parseInput(z.object({ assetId: text(), description: z.string().trim().max(5000) }), raw),
  async run(context, { assetId, description }) {
    const asset = requireVisibleAsset(context, assetId)
    const next = await context.world.updateAsset(asset, { description, updated: context.now() })
    return { assetId: next.id, description: next.description }
  },
})

export const transferAssets = defineOperation({
  scope: 'library',
  access: 'write',
  parse(raw) {
    const { targetLibraryId } = parseInput(z.object({ targetLibraryId: text() }), raw)
    const assetIds = idList(raw, 'assetIds', MAX_BULK_IDS)
    if (assetIds.length === 0) throw badInput('assetIds must contain at least 1 item(s).')
    return { targetLibraryId, assetIds }
  },
  async run(context, { targetLibraryId, assetIds }): Promise<Api.TransferResult> {
    // The target goes through the same grant and lock steps as the source did.
    const target = requireGrant(context.world, context.caller.key, targetLibraryId, 'write')
    requireUnlocked(context.caller.organization, target, context.limits.freePlanLibraries)
    if (target.id === context.library.id) throw badInput('targetLibraryId must differ from the source library.')
    for (const asset of requireVisibleAssets(context, assetIds)) {
      await context.world.updateAsset(asset, { libraryId: target.id, updated: context.now() })
    }
    return { transferredCount: assetIds.length, sourceLibraryId: context.library.id, targetLibraryId: target.id }
  },
})
