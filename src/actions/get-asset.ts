import * as assets from '../domain/assets.js'
import { defineAction, libraryPath } from './define.js'
import { libraryArguments } from './paging.js'
import { changesOf } from './changes/index.js'

export const getAsset = defineAction({
  name: 'getAsset',
  summary: 'One asset; one that is missing, trashed or in another library is `RESOURCE_NOT_FOUND`, an upload still processing is readable by its id.',
  operation: assets.getAsset,
  rest: { method: 'get', path: `${libraryPath}/assets/:assetId` },
  graphql: [{ type: 'query', sdl: `asset(${libraryArguments}, assetId: ID!): Asset!` }],
  changes: changesOf.getAsset,
  mcp: { tool: 'get_asset' },
})
