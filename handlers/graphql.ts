import { http, type HttpHandler } from 'msw'
import { badInput, messages } from '../src/contract/errors.js'
import type { Runtime } from '../src/runtime.js'
import { graphqlSurface, type Call } from '../src/runtime/pipeline.js'
import { urlPattern } from './path-pattern.js'

/** graphql-js and the schema (about 45 kB gzip in a browser), imported once, on the first GraphQL request. */
let engine: Promise<typeof import('./graphql-run.js')> | undefined
const loadEngine = () => (engine ??= import('./graphql-run.js'))

/** GraphQL endpoint (docs/graphql.md): `POST ${baseUrl}/`, JSON or multipart, no Api-Version needed. */
export function graphqlHandlers(runtime: Runtime): HttpHandler[] {
  const endpoint = urlPattern(runtime.baseUrl, '/$')
  const query = queryIn(runtime)
  return [
    http.post(endpoint, ({ request }) => runtime.pipeline.run(request, query)),
    http.all(endpoint, ({ request }) => {
      // Preflights are the server's to answer, and a HEAD response cannot carry the envelope.
      if (request.method === 'OPTIONS' || request.method === 'HEAD') return undefined
      return runtime.pipeline.run(request, postOnly)
    }),
  ]
}

/**
 * A GraphQL request, run by the engine against the world the pipeline selects. GraphQL sends no Api-Version: it
 * is answered in the mock's current version.
 */
const queryIn = (runtime: Runtime): Call<Response> => ({
  surface: graphqlSurface,
  perform: async (env, request) => (await loadEngine()).runGraphQL(env, request, runtime.currentVersion),
})

const postOnly: Call<Response> = {
  surface: graphqlSurface,
  perform() {
    throw badInput(messages.graphqlPostOnly)
  },
}
