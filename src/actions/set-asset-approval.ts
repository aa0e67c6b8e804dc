import * as review from '../domain/review.js'
import { defineAction, libraryPath } from './define.js'

export const setAssetApproval = defineAction({
  name: 'setAssetApproval',
  summary: 'Sets the review state (`in_review`, `approved`, `needs_changes`) and its note; OAuth users on paid plans only.',
  operation: review.setAssetApproval,
  rest: { method: 'patch', path: `${libraryPath}/assets/:assetId/approval` },
  graphql: { absent: "Raster's GraphQL API does not document approval." },
  mcp: { tool: 'set_asset_approval', description: "Set an asset's review state (in_review, approved or needs_changes), with an optional note; needs a signed-in user." },
  since: '2026-07-08',
})
