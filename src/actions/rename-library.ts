import * as libraries from '../domain/libraries.js'
import { defineAction, libraryPath } from './define.js'
import { libraryArguments } from './paging.js'

export const renameLibrary = defineAction({
  name: 'renameLibrary',
  summary: 'Renames the library; its id stays.',
  operation: libraries.renameLibrary,
  rest: { method: 'patch', path: libraryPath },
  graphql: [{ type: 'mutation', sdl: `renameLibrary(${libraryArguments}, name: String!): Library!` }],
  mcp: { tool: 'rename_library' },
})
