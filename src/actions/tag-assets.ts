import * as assets from '../domain/assets.js'
import { defineAction, libraryPath } from './define.js'
import { libraryArguments } from './paging.js'

export const tagAssets = defineAction({
  name: 'tagAssets',
  summary: 'At most 100 assets and 20 tags; counts the (asset, tag) pairs the call added, 0 when repeated.',
  operation: assets.tagAssets,
  rest: { method: 'post', path: `${libraryPath}/assets/tag` },
  graphql: [{ type: 'mutation', sdl: `tagAssets(${libraryArguments}, assetIds: [ID!]!, tags: [String!]!): TagResult!` }],
  mcp: { tool: 'tag_assets' },
})
