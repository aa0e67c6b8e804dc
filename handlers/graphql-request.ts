import { badInput, messages } from '../src/contract/errors.js'
import { jsonBody, multipartBody } from './http-input.js'

/** What a GraphQL request asks for, whatever the body it came in. */
export interface GraphQLRequest {
  query: string
  variables: Record<string, unknown>
  operationName: string | undefined
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Reads `{query, variables, operationName}` from a multipart body (uploads) or
 * from any other body as JSON, whatever its Content-Type says: curl's default
 * form type and `text/plain` are read the same way, since the mock has no CSRF to prevent.
 */
export async function readGraphQLRequest(request: Request): Promise<GraphQLRequest> {
  const multipart = request.headers.get('Content-Type')?.toLowerCase().startsWith('multipart/form-data')
  const { query, variables, operationName } = multipart ? await readMultipart(request) : await jsonBody(request)
  if (typeof query !== 'string' || query.trim() === '') throw badInput(messages.graphqlQueryMissing)
  if (variables != null && !isObject(variables)) throw badInput(messages.graphqlVariablesNotObject)
  if (operationName != null && typeof operationName !== 'string') throw badInput(messages.graphqlOperationNameNotString)
  return { query, variables: variables ?? {}, operationName: operationName ?? undefined }
}

function parseObject(json: string, message: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw badInput(message)
  }
  if (!isObject(value)) throw badInput(message)
  return value
}

/**
 * The GraphQL multipart request spec: `operations` holds the JSON request with
 * null where files go, `map` names each file field and the paths it fills.
 */
async function readMultipart(request: Request): Promise<Record<string, unknown>> {
  const form = await multipartBody(request)
  const operations = form.get('operations')
  if (typeof operations !== 'string') throw badInput(messages.multipartOperationsMissing)
  const body = parseObject(operations, messages.multipartOperationsInvalid)
  const map = parseObject(String(form.get('map') ?? '{}'), messages.multipartMapInvalid)
  for (const [field, paths] of Object.entries(map)) {
    if (!Array.isArray(paths) || !paths.every((path) => typeof path === 'string')) throw badInput(messages.multipartMapInvalid)
    const file = form.get(field)
    if (file === null) throw badInput(messages.multipartFileMissing(field))
    for (const path of paths) place(body, path, file)
  }
  return body
}

/**
 * Puts a file where the client left null, at a path like `variables.files.0`.
 * Only existing own properties under `variables` can be filled, so a path can
 * neither reach the query text nor an object's prototype.
 */
function place(body: Record<string, unknown>, path: string, file: unknown): void {
  const keys = path.split('.')
  const last = keys.pop()!
  const target = keys.reduce<unknown>((value, key) => (hasOwn(value, key) ? value[key] : undefined), body)
  if (keys[0] !== 'variables' || !hasOwn(target, last)) throw badInput(messages.multipartPathInvalid(path))
  target[last] = file
}

function hasOwn(value: unknown, key: string): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
}
