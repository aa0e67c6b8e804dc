import * as assets from '../domain/assets.js'
import { defineAction, libraryPath } from './define.js'
import { libraryArguments } from './paging.js'

export const updateAssetDescription = defineAction({
  name: 'updateAssetDescription',
  summary: 'Sets the description; `""` clears it.',
  operation: assets.updateAssetDescription,
  rest: { method: 'patch', path: `${libraryPath}/assets/:assetId/description` },
  graphql: [
    {
      type: 'mutation',
      sdl: `"An empty description clears it."\n  updateAssetDescription(${libraryArguments}, assetId: ID!, description: String!): DescriptionResult!`,
    },
  ],
  mcp: { tool: 'update_asset_description' },
})
