import { searchAssets as search } from '../domain/search.js'
import { defineAction, organizationPath } from './define.js'
import { graphqlPage, pageArguments, pageQuery } from './paging.js'
import { changesOf } from './changes/index.js'

export const searchAssets = defineAction({
  name: 'searchAssets',
  summary: 'The assets whose name, description or tags match every term of `q`, in the libraries the key can read (or those of `libraries`); an empty `q` lists the most recent.',
  operation: search,
  rest: { method: 'get', path: `${organizationPath}/search/assets`, query: { q: 'string', libraries: 'list', ...pageQuery }, required: ['q'] },
  graphql: [
    {
      type: 'query',
      sdl: `"Every term of q must match an asset's name, description or tags; an empty q lists the most recent assets."\n  searchAssets(organizationId: ID!, q: String, "Default: every library the key can read." libraries: [ID!],${pageArguments}\n  ): SearchResult!`,
      input: ({ q, libraries, pageSize, page }) => ({ q, libraries, pageSize, page: graphqlPage(page) }),
    },
  ],
  changes: changesOf.searchAssets,
  mcp: { tool: 'search_assets' },
})
