import * as assets from '../domain/assets.js'
import { defineAction, libraryPath } from './define.js'
import { libraryArguments } from './paging.js'

export const deleteAssets = defineAction({
  name: 'deleteAssets',
  summary: 'Moves up to 100 assets to trash; unknown and already trashed ids are skipped.',
  operation: assets.deleteAssets,
  rest: { method: 'delete', path: `${libraryPath}/assets` },
  graphql: [
    {
      type: 'mutation',
      sdl: `"Moves up to 100 assets to trash; unknown and already trashed ids are skipped."\n  deleteAssets(${libraryArguments}, assets: [ID!]!): DeleteResult!`,
      input: (args) => ({ ids: args.assets }),
    },
  ],
})
