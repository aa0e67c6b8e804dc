import { http, type HttpHandler } from 'msw'
import { graphqlErrorResponse } from '../src/contract/envelope.js'
import { badInput, messages } from '../src/contract/errors.js'
import type { Runtime } from '../src/runtime.js'
import { urlPattern } from './path-pattern.js'

/** graphql-js and the schema (about 45 kB gzip in a browser), imported once, on the first GraphQL request. */
let engine: Promise<typeof import('./graphql-run.js')> | undefined
const loadEngine = () => (engine ??= import('./graphql-run.js'))

/** GraphQL endpoint (docs/graphql.md): `POST ${baseUrl}/`, JSON or multipart, no Api-Version needed. */
export function graphqlHandlers(runtime: Runtime): HttpHandler[] {
  const endpoint = urlPattern(runtime.baseUrl, '/$')
  return [
    http.post(endpoint, ({ request }) => runtime.respond(request, async (envOf) => (await loadEngine()).runGraphQL(envOf, request), graphqlErrorResponse)),
    http.all(endpoint, ({ request }) => {
      // Preflights are the server's to answer, and a HEAD response cannot carry the envelope.
      if (request.method === 'OPTIONS' || request.method === 'HEAD') return undefined
      return runtime.respond(request, () => {
        throw badInput(messages.graphqlPostOnly)
      }, graphqlErrorResponse)
    }),
  ]
}

