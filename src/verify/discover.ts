import { CouldNotVerify } from './errors.js'
import { json, send, type Exchange, type Side } from './exchange.js'
import type { Context } from './suite.js'


/** How many of the key's libraries discovery looks into for one with assets. */
const MAX_LIBRARIES = 5

type Asset = { id: string; tags?: unknown; views?: unknown; description?: unknown }

/** Assets whose optional parts are filled show more of their shape: one with variants, a description and tags first. */
const richness = (asset: Asset) =>
  (Array.isArray(asset.views) && asset.views.length > 0 ? 4 : 0) + (asset.description ? 2 : 0) + (Array.isArray(asset.tags) && asset.tags.length > 0 ? 1 : 0)

/**
 * What the suite needs on one side, read from `/me` and the key's libraries: a library with assets, its richest
 * asset on the first page, and its most used tag. A refused key or a world with no asset cannot be verified.
 */
export async function discover(side: Side, apiVersion: string, seen: (exchange: Exchange) => void = () => {}): Promise<Context> {
  const read = async (probe: string, path: string, query: Record<string, string> = {}) => {
    const exchange = await send(side, probe, { method: 'GET', path, query }, apiVersion)
    seen(exchange)
    const status = exchange.response.status
    if (status === 401) throw new CouldNotVerify(`the ${side.name} API refused the key (401 on GET ${path}).`)
    return { status, body: json(exchange) as { data?: any } | undefined }
  }
  const me = await read('discover:me', '/me')
  const organizationId = me.body?.data?.organizationId
  const libraries: unknown = me.body?.data?.libraries
  if (me.status !== 200 || typeof organizationId !== 'string' || !Array.isArray(libraries)) {
    throw new CouldNotVerify(`the ${side.name} API's GET /me answered ${me.status} without an organization and its libraries.`)
  }
  // Ids, as the mock lists them, or objects with an id.
  const ids = libraries.map((entry: unknown) => String(entry && typeof entry === 'object' && 'id' in entry ? entry.id : entry))
  for (const libraryId of ids.slice(0, MAX_LIBRARIES)) {
    const base = `/organizations/${organizationId}/libraries/${libraryId}`
    const assets = await read(`discover:assets:${libraryId}`, `${base}/assets`)
    const list: Asset[] = Array.isArray(assets.body?.data) ? assets.body.data : []
    if (list.length === 0) continue
    const asset = list.reduce((best, next) => (richness(next) > richness(best) ? next : best))
    const tags = await read(`discover:tags:${libraryId}`, `${base}/tags`)
    const tag = (Array.isArray(tags.body?.data) ? tags.body.data : []).map((entry: { id?: unknown }) => entry.id).find((id: unknown) => typeof id === 'string')
    const fallback = Array.isArray(asset.tags) ? asset.tags.find((id) => typeof id === 'string') : undefined
    return { organizationId, libraryId, assetId: asset.id, tag: tag ?? fallback ?? 'raster-mock-verify' }
  }
  throw new CouldNotVerify(`the ${side.name} API's key reaches no library with assets (looked at ${Math.min(libraries.length, MAX_LIBRARIES)}).`)
}
