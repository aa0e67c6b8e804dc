import { http, HttpResponse, type HttpHandler } from 'msw'
import { z } from 'zod'
import { API_VERSION, errorCatalogue, errorCodes, type ErrorCode } from '../src/contract/errors.js'
import { apiObjects } from '../src/contract/schemas.js'
import type { RestBinding } from '../src/actions/define.js'
import { routes } from './rest.js'

const components = '#/components/schemas/'

/**
 * A schema as JSON Schema. In responses the API objects are `$ref`s to their named
 * components (zod puts them in `$defs`, which become those refs); inputs keep the
 * global registry, whose metadata (descriptions) they carry.
 */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const options = { io, unrepresentable: 'any', ...(io === 'output' ? { metadata: apiObjects } : {}) } as const
  const { $schema: _, $defs: __, ...rest } = z.toJSONSchema(schema, options) as Record<string, unknown>
  return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', `"${components}`)) as Record<string, unknown>
}

/**
 * The codes this document's version (2026-05-20) does not have: 2026-07-08's. The catalogue holds every version's
 * codes, and FORBIDDEN is also the control routes' refusal, which is no part of the API.
 */
const laterCodes = new Set<ErrorCode>(['FORBIDDEN', 'APPROVAL_REQUIRES_USER', 'PAID_PLAN_REQUIRED', 'NOT_FOUND', 'LIBRARY_URL_TAKEN', 'LIBRARY_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'])
const documentedCodes = errorCodes.filter((code) => !laterCodes.has(code))

/** `components.schemas`: every API object under the name Raster's own document gives it. */
function namedSchemas() {
  const { schemas } = z.toJSONSchema(apiObjects, { io: 'output', unrepresentable: 'any', metadata: apiObjects, uri: (id) => `${components}${id}` })
  const named = Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]))
  // An error's code is one of this version's codes only.
  const error = named.Error as unknown as { properties: { error: { properties: { code: { enum: string[] } } } } }
  error.properties.error.properties.code.enum = documentedCodes
  return named
}

const pathParameter = /:(\w+)/g

function errorResponses() {
  const statuses = [...new Set(documentedCodes.map((code) => errorCatalogue[code].status))].sort()
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: documentedCodes.filter((code) => errorCatalogue[code].status === status).join(', '),
        content: { 'application/json': { schema: { $ref: `${components}Error` } } },
      },
    ]),
  )
}

/**
 * The OpenAPI 3.1 document of the REST API as the mock emulates it, generated
 * from the route table and the operations' zod schemas, so it cannot drift
 * from what the handlers accept and answer.
 */
export function openApiDocument(serverUrl = 'https://api.raster.app') {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const { query = {}, required = [], body } = route.action.rest as RestBinding
    const input = route.operation.input as z.ZodObject
    const pathNames = [...route.path.matchAll(pathParameter)].map((match) => match[1]!)
    const pathFields = Object.fromEntries(pathNames.filter((name) => name in input.shape).map((name) => [name, true]))
    const fields = input.omit(pathFields as never)
    const parameters: unknown[] = [
      ...pathNames.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      { name: 'Api-Version', in: 'header', required: true, schema: { type: 'string', const: API_VERSION } },
      ...Object.entries(query).map(([name, kind]) => ({
        name,
        in: 'query',
        required: required.includes(name),
        // A list is one comma-separated string, as Raster's document types it (repeating the parameter works too).
        ...(kind === 'list'
          ? { schema: { type: 'string' }, description: 'Comma-separated (the parameter repeated works too)' }
          : { schema: jsonSchema((fields.shape as Record<string, z.ZodType>)[name]!, 'input') }),
      })),
    ]
    const requestBody =
      route.method === 'get'
        ? undefined
        : typeof body === 'object'
          ? { required: true, content: { 'multipart/form-data': { schema: body.schema } } }
          : { required: true, content: { 'application/json': { schema: jsonSchema(fields, 'input') } } }
    const path = route.path.replace(pathParameter, '{$1}')
    paths[path] ??= {}
    paths[path][route.method] = {
      operationId: `${route.method}${path.replace(/[{}]/g, '').replace(/\/(\w)/g, (_, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
      ...(route.operation.scope === 'anonymous' ? { security: [] } : {}),
      parameters,
      ...(requestBody ? { requestBody } : {}),
      responses: {
        [String(route.status ?? 200)]: {
          description: 'Success',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { data: jsonSchema(route.operation.output, 'output') }, required: ['data'] },
            },
          },
        },
        ...errorResponses(),
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Raster API (raster-mock)',
      version: API_VERSION,
      description: 'The Raster REST API as raster-mock emulates it. Every response has `Vary: Api-Version`.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API keys start with pk_' } },
      schemas: namedSchemas(),
    },
  }
}

/**
 * `GET /openapi.json` on the standalone server: the document with that server
 * as its `servers` entry, so tools pointed at it (Swagger UI, codegen) call the mock.
 */
export function openApiHandler(serverUrl: string): HttpHandler {
  let document: ReturnType<typeof openApiDocument> | undefined
  return http.get(`${serverUrl}/openapi.json`, () => HttpResponse.json((document ??= openApiDocument(serverUrl))))
}
