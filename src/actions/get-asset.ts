import * as assets from '../domain/assets.js'
import { defineAction, libraryPath } from './define.js'
import { libraryArguments } from './paging.js'

export const getAsset = defineAction({
  name: 'getAsset',
  summary: 'One asset of a library; an upload still processing is readable by its id.',
  operation: assets.getAsset,
  rest: { method: 'get', path: `${libraryPath}/assets/:assetId` },
  graphql: [{ type: 'query', sdl: `asset(${libraryArguments}, assetId: ID!): Asset!` }],
})
