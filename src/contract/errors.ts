/**
 * The error catalogue of the Raster API (docs/errors.md, "The catalogue"): every failure the mock
 * sends is one of these codes, with this status and this message, in REST and
 * GraphQL alike. No other file spells an error message.
 */
import { closestName } from '../util/closest.js'

export const API_VERSION = '2026-05-20'

export const errorCatalogue = {
  API_VERSION_REQUIRED: { status: 400, message: `The Api-Version header is required (current: ${API_VERSION}).` },
  ENDPOINT_NOT_FOUND: { status: 404, message: 'The requested REST endpoint does not exist.' },
  UNAUTHENTICATED: { status: 401, message: 'API Key not provided.' },
  ORGANIZATION_NOT_FOUND: { status: 404, message: 'Organization not found.' },
  INVALID_API_KEY: { status: 401, message: 'Invalid API key.' },
  API_KEY_NOT_AUTHORIZED_FOR_LIBRARY: { status: 404, message: 'API key not authorized for this library.' },
  API_KEY_READ_ONLY: { status: 403, message: 'This API key is read-only. Creating a library requires write access.' },
  LIBRARY_LOCKED: { status: 403, message: 'This library is locked because the Free plan only includes the first 3 libraries.' },
  RESOURCE_NOT_FOUND: { status: 404, message: 'Asset not found.' },
  BAD_USER_INPUT: { status: 400, message: 'Invalid input.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'File exceeds the size limit.' },
  MAX_ASSETS_EXCEEDED: { status: 400, message: 'An upload can contain at most 20 files.' },
  UPLOAD_ERROR_NO_FILES: { status: 400, message: 'No files were uploaded.' },
  DELETE_ERROR: { status: 400, message: 'No asset ids were provided.' },
  CONFLICT: { status: 409, message: 'Library URL already exists.' },
  PRO_PLAN_CANCELED: { status: 403, message: "The organization's Pro subscription has been canceled. Renew it to upload again." },
  STORAGE_LIMIT_EXCEEDED: { status: 403, message: "The organization's Free plan storage limit of 1 GB has been reached." },
  EPHEMERAL_STORAGE_LIMIT_EXCEEDED: {
    status: 403,
    message: 'This temporary library has reached its storage limit. Claim it to a Raster account to keep uploading.',
  },
  EPHEMERAL_LIBRARY_LIMIT_EXCEEDED: {
    status: 400,
    message: 'A temporary library cannot create additional libraries. Claim it to a Raster account first.',
  },
  // Api-Version 2026-07-08's codes (docs/errors.md); the catalogue holds every code of every version.
  FORBIDDEN: { status: 403, message: "You don't have permission to do this." },
  APPROVAL_REQUIRES_USER: { status: 403, message: 'Approval needs a signed-in user; API keys cannot set it.' },
  PAID_PLAN_REQUIRED: { status: 403, message: 'Approval is available on paid plans.' },
  NOT_FOUND: { status: 404, message: 'Variant not found.' },
  LIBRARY_URL_TAKEN: { status: 409, message: 'Library URL already exists.' },
  LIBRARY_LIMIT_EXCEEDED: { status: 400, message: 'The Free plan includes 3 libraries. Upgrade to create more.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'The service is temporarily unavailable. Try again shortly.' },
  INTERNAL_SERVER_ERROR: { status: 500, message: 'An unexpected error occurred. Please try again.' },
} as const satisfies Record<string, { status: number; message: string }>

export type ErrorCode = keyof typeof errorCatalogue

export const errorCodes = Object.keys(errorCatalogue) as ErrorCode[]

/** The codes whose message depends on what went wrong; every variant is spelled here. */
export const messages = {
  malformedAuthorization: 'Authorization header must be in the form: Bearer <key>.',
  versionRequired: (current: string) => `The Api-Version header is required (current: ${current}).`,
  // The value is shown shortened: a header can be long, an error message stays one line.
  unknownVersion: (value: string, supported: readonly string[]) =>
    `Unknown Api-Version ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}. Supported versions: ${supported.join(', ')}.`,
  // Api-Version 2026-07-08's wider meaning of PRO_PLAN_CANCELED (docs/decisions.md).
  proPlanEnded: "The organization's Pro plan has ended and it still has more than one member. Renew it to upload or create libraries.",
  unreadableFile: (index: number, name: string) => `files[${index}] (${JSON.stringify(name)}) could not be read.`,
  leftOut: (count: number, reasons: readonly string[]) => `Left out ${count} ${count === 1 ? 'file' : 'files'}: ${reasons.join(' ')}`,
  tooManyDeleteIds: 'A delete can contain at most 100 ids.',
  invalidJson: 'Invalid JSON body.',
  jsonNotObject: 'The JSON body must be an object.',
  malformedHttp: 'Malformed HTTP request.',
  uploadNotMultipart: 'An upload must be sent as multipart/form-data with one or more files fields.',
  unreadableMultipart: 'The multipart/form-data body could not be read.',
  unreadableBody: 'The request body could not be read to its end.',
  tooManyFilterTags: (max: number) => `At most ${max} tags can be used to filter.`,
  /** The name as asked (cut at 64 characters: it may come from a request), and the known name it is closest to. */
  unknownScenario: (name: string, known: readonly string[]) => {
    const suggestion = closestName(name, known)
    const shown = name.length > 64 ? `${name.slice(0, 64)}…` : name
    return `Unknown scenario "${shown}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Known scenarios: ${known.join(', ')}.`
  },
  conflictingScenarios: (first: string, second: string, setting: string) =>
    `Scenarios ${first} and ${second} cannot be combined: both set ${setting}.`,
  scenarioListTooLong: (max: number) => `A scenario list is at most ${max} characters long.`,
  unknownErrorCode: (known: readonly string[]) => `Unknown error code. Known codes: ${known.join(', ')}.`,
  scenarioBodyInvalid: 'The body must be {"scenario": "name"} or {"scenario": "a,b"}.',
  tooManyUnclaimed: 'Too many unclaimed libraries for this email.',
  reservedTag: (tag: string) => `The tag "${tag}" is reserved and cannot be used.`,
  invalidPage: 'Invalid page: pages are whole numbers from 1 in REST and from 0 in GraphQL.',
  invalidPageSize: (max: number) => `Invalid pageSize: it must be a whole number from 1 to ${max}.`,
  invalidLimit: (max: number) => `Invalid limit: it must be a whole number from 1 to ${max}.`,
  invalidSlug: 'slug must be lowercase letters, digits and single dashes, like "my-library".',
  transferToSameLibrary: 'targetLibraryId must differ from the source library.',
  parentIdWithSeveralFiles: 'parentId can only be used with a single file.',
  notAFile: (index: number) => `files[${index}] must be a file.`,
  notAnImage: (index: number, name: string) =>
    `files[${index}] (${JSON.stringify(name)}) is not an image: only PNG, JPEG, GIF, WebP, AVIF and SVG files can be uploaded.`,
  imageTooLarge: (index: number, name: string, width: number, height: number, max: number) =>
    `files[${index}] (${JSON.stringify(name)}) is ${width} × ${height} px: an image side is at most ${max.toLocaleString('en-US')} px.`,
  fileNameTooLong: (index: number, max: number) => `files[${index}] has a name longer than ${max} bytes.`,
  emptyTag: (index: number) => `tags[${index}] must not be empty: a tag needs a character other than "*" and spaces.`,
  tagWithComma: (index: number) => `tags[${index}] must not contain a comma: commas separate the tags of a filter.`,
  // The standalone server's control routes (docs/server.md) refuse pages of other origins with FORBIDDEN.
  controlRoutesForbidden:
    "The control routes under /__mock only answer the server's own pages and the origins allowed with --admin-origin.",
  promoteRunning: 'A promote is already running for this asset.',
  tokenRejected: 'The access token is invalid, expired or revoked. Sign in again.',
  // The OAuth endpoints answer RFC 6749's error bodies (`{error, error_description}`), described here.
  oauthRedirectUriMissing: 'redirect_uri is required and must be an absolute http(s) URL.',
  oauthResponseType: 'response_type must be "code".',
  oauthPkceRequired: 'code_challenge is required, with code_challenge_method "S256" (PKCE).',
  oauthUnknownUser: 'login_hint names no user of this mock (use a user id or email, or leave it out).',
  oauthUnknownOrganization: 'organization is not one of the user’s organizations.',
  oauthGrantType: 'grant_type must be "authorization_code" or "refresh_token".',
  oauthCodeInvalid: 'The authorization code is invalid, expired or already used.',
  oauthRedirectMismatch: 'redirect_uri does not match the one of the authorization request.',
  oauthClientMismatch: 'client_id does not match the one of the authorization request.',
  oauthVerifierInvalid: 'code_verifier does not match the code_challenge (PKCE S256).',
  oauthRefreshInvalid: 'The refresh token is invalid, expired or revoked.',
  oauthTokenMissing: 'token is required.',
  notTemporary: 'organizationId is not a temporary organization.',
  claimInputInvalid: 'The body must be {"claimUrl": "https://raster.app/claim/<token>"} or {"organizationId": "<id>"}.',
  unknownClaimUrl: 'No temporary library has this claim URL.',
  claimUsed: 'This temporary library was already claimed.',
  clockBodyInvalid: 'The body must be {"now": <unix ms or ISO 8601 date>} or {"advance": <ms or a duration like "30d", "2h", "90s">}.',
  mockNowInvalid: 'X-Mock-Now must be unix milliseconds or an ISO 8601 date with a time zone.',
  graphqlPostOnly: 'GraphQL requests must be sent with POST, as JSON or as multipart/form-data.',
  graphqlQueryMissing: 'The request must contain a non-empty "query" string.',
  graphqlVariablesNotObject: '"variables" must be an object.',
  graphqlOperationNameNotString: '"operationName" must be a string.',
  graphqlSourceLibraryMissing: 'transferAssets needs sourceLibraryId.',
  graphqlDocumentTooLarge: (max: number) => `The GraphQL document exceeds the limit of ${max} bytes.`,
  graphqlTooManyTokens: (max: number) => `The GraphQL document has more than the limit of ${max} tokens.`,
  graphqlNestedTooDeep: (max: number) => `The GraphQL document opens more than the limit of ${max} brackets at once.`,
  graphqlTooManyFields: (max: number) =>
    `The GraphQL document selects more than the limit of ${max} fields (aliases and fragment spreads included).`,
  graphqlTooDeep: (max: number) => `The GraphQL document nests selections deeper than the limit of ${max} levels.`,
  graphqlTooCostly: (max: number) =>
    `The GraphQL document's estimated cost (fields multiplied by the list sizes around them) exceeds the limit of ${max}.`,
  multipartOperationsMissing: 'A multipart GraphQL request needs an "operations" field holding the JSON request.',
  multipartOperationsInvalid: 'The "operations" field must be a JSON object.',
  multipartMapInvalid: 'The "map" field must be a JSON object mapping file field names to arrays of paths.',
  multipartFileMissing: (field: string) => `The file field "${field}" named in "map" was not sent.`,
  multipartPathInvalid: (path: string) => `The map path "${path}" does not point into the variables.`,
  mcpBodyTooLarge: (max: string) => `The request body exceeds the MCP server's limit of ${max}.`,
  sourceUnreachable: (url: string) => `The file at ${url} could not be fetched.`,
  sourcePrivateNetwork: (url: string) => `${url} points into a private network: a source URL must be public.`,
} as const

/**
 * GraphQL-only codes, named as Apollo Server names them: a document that does not
 * parse, or does not fit the schema, never reaches an operation. Their message is
 * graphql-js's own. They are not in the catalogue, so REST can never answer them.
 */
export const graphqlDocumentErrors = {
  GRAPHQL_PARSE_FAILED: { status: 400 },
  GRAPHQL_VALIDATION_FAILED: { status: 400 },
  GRAPHQL_DOCUMENT_TOO_LARGE: { status: 400 },
  GRAPHQL_TOO_MANY_FIELDS: { status: 400 },
  GRAPHQL_DEPTH_LIMIT_EXCEEDED: { status: 400 },
  GRAPHQL_COST_LIMIT_EXCEEDED: { status: 400 },
} as const

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCatalogue, value)
}

/** The one error type of the mock: thrown anywhere, turned into a response in one place. */
export class RasterError extends Error {
  readonly code: ErrorCode
  readonly status: number

  constructor(code: ErrorCode, message: string = errorCatalogue[code].message) {
    super(message)
    this.name = 'RasterError'
    this.code = code
    this.status = errorCatalogue[code].status
  }

  toJSON() {
    return { code: this.code, message: this.message }
  }
}

/** A BAD_USER_INPUT error with a sentence naming the field. */
export function badInput(message: string): RasterError {
  return new RasterError('BAD_USER_INPUT', message)
}

/** Any thrown value as a catalogue error: bugs surface as INTERNAL_SERVER_ERROR, never as a stack trace. */
export function toRasterError(error: unknown): RasterError {
  if (error instanceof RasterError) return error
  console.error('[raster-mock] unexpected error, answered INTERNAL_SERVER_ERROR:', error)
  return new RasterError('INTERNAL_SERVER_ERROR')
}
