import * as assets from '../domain/assets.js'
import { defineAction, libraryPath } from './define.js'
import { libraryArguments } from './paging.js'

export const untagAssets = defineAction({
  name: 'untagAssets',
  summary: 'At most 100 assets and 20 tags; counts the (asset, tag) pairs the call removed.',
  operation: assets.untagAssets,
  rest: { method: 'post', path: `${libraryPath}/assets/untag` },
  graphql: [{ type: 'mutation', sdl: `untagAssets(${libraryArguments}, assetIds: [ID!]!, tags: [String!]!): UntagResult!` }],
  mcp: { tool: 'untag_assets' },
})
