import type { Limits } from '../config.js'
import type { FileStore } from '../model/files.js'
import type { Asset, Library } from '../model/records.js'
import type { World } from '../model/world.js'
import type { Env } from './context.js'

/** A trashed asset is kept `trashRetentionMs` (30 days) after it was trashed, then it is gone for good. */
export function isPurged(limits: Limits, asset: Asset, now: number): boolean {
  return asset.trashedAt !== null && now >= asset.trashedAt + limits.trashRetentionMs
}

/**
 * A library's trash as the clock sees it now. Reads filter by time rather than
 * write, so a frozen world (seeded or a scenario's) never changes; writes then
 * purge for good (see `purgeTrash`).
 */
export function trashCount(env: Env, library: Library): number {
  const now = env.now()
  return env.world.trashedAssets(library).filter((asset) => !isPurged(env.limits, asset, now)).length
}

/**
 * Removes from `world` (the request's writable world) every asset whose trash
 * time is over, with its variants, and gives up the uploaded files no asset of
 * the world refers to any more. Run before each write, inside its exclusive section.
 */
export async function purgeTrash(world: World, files: FileStore, limits: Limits, now: number): Promise<void> {
  const due = world
    .allOrganizations()
    .flatMap((organization) => world.librariesOf(organization.id))
    .flatMap((library) => world.trashedAssets(library))
    .filter((asset) => isPurged(limits, asset, now))
  if (due.length === 0) return
  const removed = due.flatMap((asset) => [asset, ...world.variantsOf(asset.id)])
  await world.apply({ removed: { assets: removed.map((asset) => asset.id) } })
  const digests = new Set(removed.flatMap(uploadedDigest))
  if (digests.size === 0) return
  for (const asset of world.allAssets()) for (const digest of uploadedDigest(asset)) digests.delete(digest)
  for (const digest of digests) files.drop(digest)
}

/** The digest of an uploaded file's bytes (`file:<sha256>`); none for a generated image. */
const uploadedDigest = (asset: Asset): string[] => (asset.source.startsWith('file:') ? [asset.source.slice('file:'.length)] : [])
