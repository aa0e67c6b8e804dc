import * as review from '../domain/review.js'
import { defineAction, libraryPath } from './define.js'

export const promoteVariant = defineAction({
  name: 'promoteVariant',
  summary: "Makes a variant the asset's default image at the asset's URL, a few seconds after the call; the old default becomes a variant.",
  operation: review.promoteVariant,
  rest: { method: 'post', path: `${libraryPath}/assets/:assetId/promote` },
  graphql: { absent: "Raster's GraphQL API does not document promote." },
  mcp: { tool: 'promote_variant', description: "Make one of an asset's variants its default image (the old default becomes a variant); completes a few seconds later." },
  since: '2026-07-08',
})
