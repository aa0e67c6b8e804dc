import * as libraries from '../domain/libraries.js'
import { defineAction, libraryPath } from './define.js'
import { libraryArguments } from './paging.js'

export const listTags = defineAction({
  name: 'listTags',
  summary: 'The tags of a library, most used first; a leading `*` is stripped from tag ids.',
  operation: libraries.listTags,
  rest: { method: 'get', path: `${libraryPath}/tags`, query: { limit: 'number' } },
  graphql: [{ type: 'query', sdl: `"The tags of a library, most used first."\n  tags(${libraryArguments}, limit: Int): [Tag!]!` }],
  mcp: {
    tool: 'list_tags',
    resource: { name: 'tags', uriTemplate: 'raster://organizations/{orgId}/libraries/{libraryId}/tags', description: 'The tags of a library, most used first.' },
  },
})
