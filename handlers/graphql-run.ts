// The GraphQL engine: graphql-js, the schema and its resolvers. Loaded on the first GraphQL request (see
// graphql.ts), so a browser app's first REST call does not wait for it.
import {
  execute,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ValidationContext,
  type ASTVisitor,
  type GraphQLSchema,
} from 'graphql'
import {
  graphqlDataResponse,
  graphqlFailureResponse,
  graphqlTextResponse,
  type GraphQLFailure,
} from '../src/contract/envelope.js'
import { badInput, graphqlDocumentErrors, toRasterError } from '../src/contract/errors.js'
import type { Env } from '../src/domain/context.js'
import { BoundedCache } from '../src/util/bounded-cache.js'
import { documentTooLarge, exceededLimit, graphqlLimits, lexicalLimit, type LimitFailure } from './graphql-limits.js'
import { answerByPlan } from './graphql-plan.js'
import { readGraphQLRequest } from './graphql-request.js'
import { rasterSchemaOf } from './graphql-schema.js'

/**
 * Apps send the same few documents over and over: parsing and validating one
 * costs more than running it, so valid documents are kept, by their text, least
 * recently used first out. The bound is on their total length, not their number,
 * so large documents cannot fill the heap (a parsed document is about 20 times its text).
 */
const MAX_CACHED_CHARACTERS = 1_000_000
const validDocuments = new BoundedCache<string, DocumentNode>({ maxWeight: MAX_CACHED_CHARACTERS, weigh: (key) => key.length })
/** A document above this is not kept: it would push out most of the others. */
const MAX_CACHED_DOCUMENT = MAX_CACHED_CHARACTERS / 10

/**
 * An operation the schema has no root type for (a `subscription`) does not fit the schema: graphql-js 17 checks it
 * in validation (KnownOperationTypesRule, whose message this is), graphql-js 16 only fails when it executes.
 */
function KnownOperationTypes(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema()
  return {
    OperationDefinition(node) {
      if (!schema.getRootType(node.operation)) {
        context.reportError(new GraphQLError(`The ${node.operation} operation is not supported by the schema.`, { nodes: node }))
      }
    },
  }
}

const validationRules = [...specifiedRules, KnownOperationTypes]

/** The parsed document, or the failure response of a document that is too large, does not parse, or does not validate. */
function documentOf(query: string, rasterSchema: GraphQLSchema, version: string): DocumentNode | Response {
  // A document valid in one version's schema may not be in another's: they are kept apart.
  const key = `${version}\n${query}`
  const cached = validDocuments.get(key)
  if (cached) return cached
  const tooLarge = documentTooLarge(query) ?? lexicalLimit(query)
  if (tooLarge) return graphqlFailureResponse([limitFailure(tooLarge)])
  let document: DocumentNode
  try {
    document = parse(query, { maxTokens: graphqlLimits.tokens })
  } catch (error) {
    if (error instanceof GraphQLError) return graphqlFailureResponse([documentFailure('GRAPHQL_PARSE_FAILED', error)])
    // The bracket limit keeps nesting far from the stack's end; should the stack still run out, the document is at fault.
    if (error instanceof RangeError) return graphqlFailureResponse([documentFailure('GRAPHQL_PARSE_FAILED', new GraphQLError(error.message))])
    throw error
  }
  const exceeded = exceededLimit(rasterSchema, document)
  if (exceeded) return graphqlFailureResponse([limitFailure(exceeded)])
  const invalid = validate(rasterSchema, document, validationRules)
  if (invalid.length) return graphqlFailureResponse(invalid.map((error) => documentFailure('GRAPHQL_VALIDATION_FAILED', error)))
  if (query.length <= MAX_CACHED_DOCUMENT) validDocuments.set(key, document)
  return document
}

/** Runs one GraphQL request (JSON or multipart) against the world `envOf` gives: the response, errors included. */
export async function runGraphQL(envOf: () => Promise<Env>, request: Request, version: string): Promise<Response> {
  const { query, variables, operationName } = await readGraphQLRequest(request)
  const rasterSchema = rasterSchemaOf(version)
  const document = documentOf(query, rasterSchema, version)
  if (document instanceof Response) return document

  // The world is looked up only for a document that parses and validates.
  const contextValue = { env: await envOf(), authorization: request.headers.get('Authorization') }
  const planned = await answerByPlan(rasterSchema, document, { variables, operationName }, contextValue)
  if (planned) return 'text' in planned ? graphqlTextResponse(planned.text) : graphqlFailureResponse([failureOf(planned.error)])
  const result = await execute({ schema: rasterSchema, document, variableValues: variables, operationName, contextValue })
  if (!result.errors?.length) return graphqlDataResponse(result.data)
  // No `data` at all: the request could not start (a variable of the wrong type or missing, an unknown operationName).
  if (!('data' in result)) return graphqlFailureResponse(result.errors.map((error) => failureOf(badInput(error.message))))
  // A failing field fails the whole request, as in REST: data null, the status of the first error. Root fields
  // are non-null, so graphql-js stops at the first failure and the other fields' results are dropped.
  return graphqlFailureResponse(result.errors.map((error) => failureOf(error.originalError ?? error)))
}

function limitFailure({ code, message }: LimitFailure): GraphQLFailure {
  return { code, status: graphqlDocumentErrors[code].status, message }
}

function documentFailure(code: keyof typeof graphqlDocumentErrors, error: GraphQLError): GraphQLFailure {
  return { code, status: graphqlDocumentErrors[code].status, message: error.message, locations: error.locations }
}

/** A catalogue error as it is in REST; anything else (a bug) is INTERNAL_SERVER_ERROR. */
function failureOf(error: unknown): GraphQLFailure {
  const { code, status, message } = toRasterError(error)
  return { code, status, message }
}
