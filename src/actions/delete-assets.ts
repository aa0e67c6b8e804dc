import * as assets from '../domain/assets.js'
import { MAX_BULK_IDS } from '../domain/assets.js'
import { idList } from '../domain/input.js'
import { defineAction, libraryPath } from './define.js'
import { libraryArguments } from './paging.js'
import { changesOf } from './changes/index.js'

export const deleteAssets = defineAction({
  name: 'deleteAssets',
  summary: 'Moves at most 100 assets to the trash; idempotent: unknown and trashed ids are skipped (`"Moved 0 assets to trash"`, `ids: []`).',
  operation: assets.deleteAssets,
  rest: { method: 'delete', path: `${libraryPath}/assets` },
  graphql: [
    {
      type: 'mutation',
      sdl: `"Moves up to 100 assets to trash; unknown and already trashed ids are skipped."\n  deleteAssets(${libraryArguments}, assets: [ID!]!): DeleteResult!`,
      input: (args) => ({ ids: args.assets }),
    },
  ],
  changes: changesOf.deleteAssets,
  mcp: {
    tool: 'delete_assets',
    arguments: { ids: idList.min(1).max(MAX_BULK_IDS) },
  },
})
