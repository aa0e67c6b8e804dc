import * as account from '../domain/account.js'
import { defineAction } from './define.js'

export const createAnonymousLibrary = defineAction({
  name: 'createAnonymousLibrary',
  summary: 'A temporary organization with one library and a key with Write on it (see Temporary libraries below).',
  operation: account.createAnonymousLibrary,
  rest: { method: 'post', path: '/libraries' },
  graphql: { absent: 'Raster creates temporary libraries over REST only.' },
  mcp: {
    tool: 'create_organization',
    description: 'Creates a temporary organization with one library and an API key with Write on it; no credential needed.',
  },
})
