import * as account from '../domain/account.js'
import { defineAction } from './define.js'
import { changesOf } from './changes/index.js'

export const me = defineAction({
  name: 'me',
  summary:
    "The key's organization and plan; `libraries` are the ids of the libraries the key reaches. An OAuth token granted every organization (2026-07-08) answers `organizations`, one entry each.",
  operation: account.me,
  rest: { method: 'get', path: '/me' },
  graphql: [{ type: 'query', sdl: `"The key's organization and the libraries it reaches."\n  viewer: Viewer!` }],
  changes: changesOf.me,
  mcp: { tool: 'whoami' },
})
