import * as assets from '../domain/assets.js'
import { defineAction, libraryPath } from './define.js'
import { libraryArguments } from './paging.js'

export const tagAssets = defineAction({
  name: 'tagAssets',
  summary: 'Adds tags to assets; counts the (asset, tag) pairs added.',
  operation: assets.tagAssets,
  rest: { method: 'post', path: `${libraryPath}/assets/tag` },
  graphql: [{ type: 'mutation', sdl: `tagAssets(${libraryArguments}, assetIds: [ID!]!, tags: [String!]!): TagResult!` }],
})
