import * as libraries from '../domain/libraries.js'
import { defineAction, libraryPath } from './define.js'
import { libraryArguments } from './paging.js'

export const renameLibrary = defineAction({
  name: 'renameLibrary',
  summary: "Renames a library; its id and URL stay.",
  operation: libraries.renameLibrary,
  rest: { method: 'patch', path: libraryPath },
  graphql: [{ type: 'mutation', sdl: `renameLibrary(${libraryArguments}, name: String!): Library!` }],
})
