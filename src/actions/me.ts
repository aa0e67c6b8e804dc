import * as account from '../domain/account.js'
import { defineAction } from './define.js'

export const me = defineAction({
  name: 'me',
  summary: "The key's organization and plan; `libraries` are the ids of the libraries the key reaches.",
  operation: account.me,
  rest: { method: 'get', path: '/me' },
  graphql: [{ type: 'query', sdl: `"The key's organization and the libraries it reaches."\n  viewer: Viewer!` }],
  mcp: { tool: 'whoami' },
})
