import * as account from '../domain/account.js'
import { defineAction } from './define.js'

export const createAnonymousLibrary = defineAction({
  name: 'createAnonymousLibrary',
  summary: 'A temporary library for an email address, with a key that writes to it; no key needed.',
  operation: account.createAnonymousLibrary,
  rest: { method: 'post', path: '/libraries' },
  graphql: { absent: 'Raster creates temporary libraries over REST only.' },
})
