import { badInput, messages } from '../contract/errors.js'
import * as assets from '../domain/assets.js'
import { defineAction, libraryPath } from './define.js'

export const transferAssets = defineAction({
  name: 'transferAssets',
  summary: 'Moves at most 100 assets to another library of the same organization; the key needs Write on both.',
  operation: assets.transferAssets,
  rest: { method: 'post', path: `${libraryPath}/assets/transfer` },
  graphql: [
    {
      type: 'mutation',
      sdl: `"Moves assets to another library of the same organization; the key needs Write on both. sourceLibraryId is required (libraryId, deprecated, is still read)."\n  transferAssets(organizationId: ID!, targetLibraryId: ID!, assetIds: [ID!]!, sourceLibraryId: ID,\n    libraryId: ID @deprecated(reason: "Use sourceLibraryId.")\n  ): TransferResult!`,
      // Raster names the source sourceLibraryId; the mock's first spelling, libraryId, still works (deprecated).
      libraryId(args) {
        const libraryId = args.sourceLibraryId ?? args.libraryId
        if (libraryId == null) throw badInput(messages.graphqlSourceLibraryMissing)
        return libraryId
      },
    },
  ],
  mcp: {
    tool: 'transfer_assets',
    libraryArgument: 'sourceLibraryId',
  },
})
