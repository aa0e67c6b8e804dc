import { execute, GraphQLError, parse, validate, type DocumentNode } from 'graphql'
import { http, type HttpHandler } from 'msw'
import {
  graphqlDataResponse,
  graphqlErrorResponse,
  graphqlFailureResponse,
  type GraphQLFailure,
} from '../src/contract/envelope.js'
import { badInput, graphqlDocumentErrors, messages, toRasterError } from '../src/contract/errors.js'
import type { Env } from '../src/domain/context.js'
import type { Runtime } from '../src/runtime.js'
import { readGraphQLRequest } from './graphql-request.js'
import { rasterSchema } from './graphql-schema.js'

/** GraphQL endpoint (contract §3): `POST ${baseUrl}/`, JSON or multipart, no Api-Version needed. */
export function graphqlHandlers(runtime: Runtime): HttpHandler[] {
  const endpoint = `${runtime.baseUrl}/`
  return [
    http.post(endpoint, ({ request }) => runtime.respond(request, (env) => runGraphQL(env, request), graphqlErrorResponse)),
    http.all(endpoint, ({ request }) => {
      // Preflights are the server's to answer, and a HEAD response cannot carry the envelope.
      if (request.method === 'OPTIONS' || request.method === 'HEAD') return undefined
      return runtime.respond(request, () => {
        throw badInput(messages.graphqlPostOnly)
      }, graphqlErrorResponse)
    }),
  ]
}

/**
 * Apps send the same few documents over and over: parsing and validating one
 * costs more than running it, so valid documents are kept, by their text.
 */
const validDocuments = new Map<string, DocumentNode>()
const MAX_CACHED_DOCUMENTS = 500

/** The parsed document, or the failure response of a document that does not parse or validate. */
function documentOf(query: string): DocumentNode | Response {
  const cached = validDocuments.get(query)
  if (cached) return cached
  let document: DocumentNode
  try {
    document = parse(query)
  } catch (error) {
    if (error instanceof GraphQLError) return graphqlFailureResponse([documentFailure('GRAPHQL_PARSE_FAILED', error)])
    throw error
  }
  const invalid = validate(rasterSchema, document)
  if (invalid.length) return graphqlFailureResponse(invalid.map((error) => documentFailure('GRAPHQL_VALIDATION_FAILED', error)))
  if (validDocuments.size >= MAX_CACHED_DOCUMENTS) validDocuments.delete(validDocuments.keys().next().value!)
  validDocuments.set(query, document)
  return document
}

async function runGraphQL(env: Env, request: Request): Promise<Response> {
  const { query, variables, operationName } = await readGraphQLRequest(request)
  const document = documentOf(query)
  if (document instanceof Response) return document

  const contextValue = { env, authorization: request.headers.get('Authorization') }
  const result = await execute({ schema: rasterSchema, document, variableValues: variables, operationName, contextValue })
  if (!result.errors?.length) return graphqlDataResponse(result.data)
  // No `data` at all: the request could not start (a variable of the wrong type or missing, an unknown operationName).
  if (!('data' in result)) return graphqlFailureResponse(result.errors.map((error) => failureOf(badInput(error.message))))
  // A failing field fails the whole request, as in REST: data null, the status of the first error. Root fields
  // are non-null, so graphql-js stops at the first failure and the other fields' results are dropped.
  return graphqlFailureResponse(result.errors.map((error) => failureOf(error.originalError ?? error)))
}

function documentFailure(code: keyof typeof graphqlDocumentErrors, error: GraphQLError): GraphQLFailure {
  return { code, status: graphqlDocumentErrors[code].status, message: error.message, locations: error.locations }
}

/** A catalogue error as it is in REST; anything else (a bug) is INTERNAL_SERVER_ERROR. */
function failureOf(error: unknown): GraphQLFailure {
  const { code, status, message } = toRasterError(error)
  return { code, status, message }
}
