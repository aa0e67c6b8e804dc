import * as libraries from '../domain/libraries.js'
import { defineAction, organizationPath } from './define.js'
import { graphqlPage, pageArguments, pageQuery } from './paging.js'

export const listLibraries = defineAction({
  name: 'listLibraries',
  summary: 'The libraries the key can reach, in creation order.',
  operation: libraries.listLibraries,
  rest: { method: 'get', path: `${organizationPath}/libraries`, query: pageQuery },
  graphql: [
    {
      type: 'query',
      // Raster's React toolkit declares the id as String!.
      sdl: `"The libraries of the organization the key can reach, in creation order."\n  libraries(organizationId: String!,${pageArguments}\n  ): [Library!]!`,
      input: (args) => ({ page: graphqlPage(args.page), pageSize: args.pageSize }),
    },
  ],
  mcp: {
    tool: 'list_libraries',
    resource: { name: 'libraries', uriTemplate: 'raster://organizations/{orgId}/libraries', description: 'The first page of the libraries the key can reach.' },
  },
})
