import type * as Api from '../../contract/schemas.js'

type Presented = Api.Asset & Record<string, unknown>

/**
 * Every asset of an action's result, reshaped by `reshape`: a result that is an asset, a list of them, a search
 * result (its hits) or an upload result (its assets). The asset changes of a version use it, so each says what
 * it does to one asset, not where assets sit in each answer.
 *
 * @example
 * eachAsset({ hits: [asset], found: 1, page: 1 }, (hit) => ({ ...hit, seen: true }))
 */
export function eachAsset(data: unknown, reshape: (asset: Presented) => Record<string, unknown>): unknown {
  if (Array.isArray(data)) return data.map((asset: Presented) => reshape(asset))
  if (typeof data !== 'object' || data === null) return data
  if ('hits' in data) return { ...data, hits: eachAsset(data.hits, reshape) }
  if ('responseText' in data && 'assets' in data) return { ...data, assets: eachAsset(data.assets, reshape) }
  return reshape(data as Presented)
}
