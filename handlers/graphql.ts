import type { HttpHandler } from 'msw'
import type { Runtime } from '../src/runtime.js'

/** GraphQL endpoint (issue 4): `POST ${baseUrl}/`. Not built yet. */
export function graphqlHandlers(_runtime: Runtime): HttpHandler[] {
  return []
}
