import * as libraries from '../domain/libraries.js'
import { defineAction, organizationPath } from './define.js'
import { changesOf } from './changes/index.js'

export const createLibrary = defineAction({
  name: 'createLibrary',
  summary: 'A new library; the calling key is granted Write on it.',
  operation: libraries.createLibrary,
  rest: { method: 'post', path: `${organizationPath}/libraries`, status: 201 },
  graphql: [{ type: 'mutation', sdl: `"The key is granted Write on the new library."\n  createLibrary(organizationId: ID!, name: String!, slug: String): Library!` }],
  changes: changesOf.createLibrary,
  mcp: { tool: 'create_library' },
})
