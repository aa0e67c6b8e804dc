import { http, HttpResponse, type HttpHandler } from 'msw'
import { z } from 'zod'
import { errorCatalogue, errorCodes, type ErrorCode } from '../src/contract/errors.js'
import { apiObjectsOf } from '../src/contract/schemas.js'
import { DEFAULT_API_VERSION, isApiVersion } from '../src/contract/versions.js'
import { inVersion, type RestBinding } from '../src/actions/define.js'
import { changesUpTo, queryOf, schemaIn } from '../src/actions/versions.js'
import { routes } from './rest.js'

const components = '#/components/schemas/'

/**
 * A schema as JSON Schema. In responses the API objects are `$ref`s to their named
 * components (zod puts them in `$defs`, which become those refs); inputs keep the
 * global registry, whose metadata (descriptions) they carry.
 */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output', version: string) => {
  const options = { io, unrepresentable: 'any', ...(io === 'output' ? { metadata: apiObjectsOf(version) } : {}) } as const
  const { $schema: _, $defs: __, ...rest } = z.toJSONSchema(schema, options) as Record<string, unknown>
  return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', `"${components}`)) as Record<string, unknown>
}

/**
 * The codes a version does not answer. The catalogue holds every version's codes: 2026-05-20 lacks 2026-07-08's
 * (FORBIDDEN is there also the control routes' refusal, which is no part of the API), and 2026-07-08 answers
 * BAD_USER_INPUT where 2026-05-20 had its three batch codes.
 */
const absentCodes: Record<string, ReadonlySet<ErrorCode>> = {
  '2026-05-20': new Set(['FORBIDDEN', 'APPROVAL_REQUIRES_USER', 'PAID_PLAN_REQUIRED', 'NOT_FOUND', 'LIBRARY_URL_TAKEN', 'LIBRARY_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE']),
  '2026-07-08': new Set(['MAX_ASSETS_EXCEEDED', 'UPLOAD_ERROR_NO_FILES', 'DELETE_ERROR']),
}
const documentedCodes = (version: string) => errorCodes.filter((code) => !absentCodes[version]?.has(code))

/** `components.schemas`: every API object under the name Raster's own document gives it. */
function namedSchemas(version: string) {
  const objects = apiObjectsOf(version)
  const { schemas } = z.toJSONSchema(objects, { io: 'output', unrepresentable: 'any', metadata: objects, uri: (id) => `${components}${id}` })
  const named = Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]))
  // An error's code is one of this version's codes only.
  const error = named.Error as unknown as { properties: { error: { properties: { code: { enum: string[] } } } } }
  error.properties.error.properties.code.enum = documentedCodes(version)
  return named
}

const pathParameter = /:(\w+)/g

function errorResponses(version: string) {
  const codes = documentedCodes(version)
  const statuses = [...new Set(codes.map((code) => errorCatalogue[code].status))].sort()
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: codes.filter((code) => errorCatalogue[code].status === status).join(', '),
        content: { 'application/json': { schema: { $ref: `${components}Error` } } },
      },
    ]),
  )
}

/**
 * The OpenAPI 3.1 document of the REST API in one dated version as the mock emulates it, generated from the
 * route table, the operations' zod schemas and the version's changes, so it cannot drift from what the handlers
 * accept and answer.
 */
export function openApiDocument(serverUrl = 'https://api.raster.app', version: string = DEFAULT_API_VERSION) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    // An action a later version added is no path of the versions before it.
    if (!inVersion(route.action, version)) continue
    const changes = changesUpTo(route.action.changes, version)
    const { body, required = [] } = route.action.rest as RestBinding
    const query = { ...(route.action.rest as RestBinding).query, ...queryOf(changes) }
    const input = route.operation.input as z.ZodObject
    const pathNames = [...route.path.matchAll(pathParameter)].map((match) => match[1]!)
    const pathFields = Object.fromEntries(pathNames.filter((name) => name in input.shape).map((name) => [name, true]))
    const fields = input.omit(pathFields as never)
    const parameters: unknown[] = [
      ...pathNames.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      { name: 'Api-Version', in: 'header', required: true, schema: { type: 'string', const: version } },
      ...Object.entries(query).map(([name, kind]) => ({
        name,
        in: 'query',
        required: required.includes(name),
        // A list is one comma-separated string, as Raster's document types it (repeating the parameter works too).
        ...(kind === 'list'
          ? { schema: { type: 'string' }, description: 'Comma-separated (the parameter repeated works too)' }
          : { schema: jsonSchema((fields.shape as Record<string, z.ZodType>)[name]!, 'input', version) }),
      })),
    ]
    const requestBody =
      route.method === 'get'
        ? undefined
        : typeof body === 'object'
          ? { required: true, content: { 'multipart/form-data': { schema: body.schema } } }
          : { required: true, content: { 'application/json': { schema: jsonSchema(fields, 'input', version) } } }
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
              schema: { type: 'object', properties: { data: jsonSchema(schemaIn(changes, route.operation.output), 'output', version) }, required: ['data'] },
            },
          },
        },
        ...errorResponses(version),
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Raster API (raster-mock)',
      version,
      description: 'The Raster REST API as raster-mock emulates it. Every response has `Vary: Api-Version`.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API keys start with pk_' } },
      schemas: namedSchemas(version),
    },
  }
}

/**
 * `GET /openapi.json` on the standalone server: the document of the request's Api-Version (`current` without
 * one, or with one the mock does not answer), with that server as its `servers` entry, so tools pointed at it
 * (Swagger UI, codegen) call the mock.
 */
export function openApiHandler(serverUrl: string, current: string = DEFAULT_API_VERSION): HttpHandler {
  const documents = new Map<string, ReturnType<typeof openApiDocument>>()
  return http.get(`${serverUrl}/openapi.json`, ({ request }) => {
    const asked = request.headers.get('Api-Version')?.trim()
    const version = isApiVersion(asked) ? asked : current
    let document = documents.get(version)
    if (!document) documents.set(version, (document = openApiDocument(serverUrl, version)))
    return HttpResponse.json(document, { headers: { Vary: 'Api-Version' } })
  })
}
