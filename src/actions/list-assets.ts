import { PAGE_SIZE_MAX } from '../config.js'
import * as assets from '../domain/assets.js'
import { defineAction, libraryPath } from './define.js'
import { graphqlPage, libraryArguments, pageArguments, pageQuery } from './paging.js'
import { changesOf } from './changes/index.js'

/** The deprecated `photos` query pages by 500, whatever the client asks. */
export const PHOTOS_PAGE_SIZE = PAGE_SIZE_MAX

export const listAssets = defineAction({
  name: 'listAssets',
  summary: 'Newest first; `tags` (at most 5) keeps the assets with any of them.',
  operation: assets.listAssets,
  rest: { method: 'get', path: `${libraryPath}/assets`, query: { ...pageQuery, tags: 'list' } },
  graphql: [
    {
      type: 'query',
      sdl: `"The assets of a library, newest first."\n  assets(${libraryArguments},${pageArguments}\n    "At most 5; an asset with any of them matches."\n    tags: [String!]\n  ): [Asset!]!`,
      input: (args) => ({ page: graphqlPage(args.page), pageSize: args.pageSize, tags: args.tags }),
    },
    {
      type: 'query',
      // Raster's React toolkit declares the ids as String! and counts pages from 0.
      sdl: `photos(organizationId: String!, libraryId: String!, "Page number, counting from 0; ${PHOTOS_PAGE_SIZE} photos per page." page: Int): [Photo!]!`,
      deprecated: 'Use assets.',
      input: (args) => ({ page: typeof args.page === 'number' ? args.page + 1 : undefined, pageSize: PHOTOS_PAGE_SIZE }),
    },
  ],
  changes: changesOf.listAssets,
  mcp: {
    tool: 'list_assets',
    resource: {
      name: 'assets',
      uriTemplate: 'raster://organizations/{orgId}/libraries/{libraryId}/assets',
      description: 'The first page of the assets of a library, newest first.',
    },
  },
})
