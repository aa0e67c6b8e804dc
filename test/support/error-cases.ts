import type { ErrorCode } from '../../src/contract/errors.js'
import { MB, barcelona, files, type Call } from './client.js'

/**
 * The error catalogue of the contract (docs/errors.md, "The catalogue"), written out:
 * code → HTTP status → message. Tests take expected values from here, never from
 * src/contract/errors.ts, so a changed status or message in the code fails them.
 * `message` is absent where the contract has no one sentence (BAD_USER_INPUT names the
 * field); where it lists two, the first is the general one and the cases name the other.
 */
export const contractErrors = {
  API_VERSION_REQUIRED: { status: 400, message: 'The Api-Version header is required (current: 2026-05-20).' },
  ENDPOINT_NOT_FOUND: { status: 404, message: 'The requested REST endpoint does not exist.' },
  UNAUTHENTICATED: { status: 401, message: 'API Key not provided.' },
  ORGANIZATION_NOT_FOUND: { status: 404, message: 'Organization not found.' },
  INVALID_API_KEY: { status: 401, message: 'Invalid API key.' },
  API_KEY_NOT_AUTHORIZED_FOR_LIBRARY: { status: 404, message: 'API key not authorized for this library.' },
  API_KEY_READ_ONLY: { status: 403, message: 'This API key is read-only. Creating a library requires write access.' },
  LIBRARY_LOCKED: { status: 403, message: 'This library is locked because the Free plan only includes the first 3 libraries.' },
  RESOURCE_NOT_FOUND: { status: 404, message: 'Asset not found.' },
  BAD_USER_INPUT: { status: 400 },
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
  INTERNAL_SERVER_ERROR: { status: 500, message: 'An unexpected error occurred. Please try again.' },
} as const satisfies Partial<Record<ErrorCode, { status: number; message?: string }>>

export type ContractCode = keyof typeof contractErrors

export const contractCodes = Object.keys(contractErrors) as ContractCode[]

/**
 * The codes Api-Version 2026-07-08 adds (docs/errors.md), written out the same way. FORBIDDEN is also what the
 * standalone server's control routes answer other origins, with their own message (docs/server.md).
 */
export const contractErrors20260708 = {
  FORBIDDEN: { status: 403, message: "You don't have permission to do this." },
  APPROVAL_REQUIRES_USER: { status: 403, message: 'Approval needs a signed-in user; API keys cannot set it.' },
  PAID_PLAN_REQUIRED: { status: 403, message: 'Approval is available on paid plans.' },
  NOT_FOUND: { status: 404, message: 'Variant not found.' },
  LIBRARY_URL_TAKEN: { status: 409, message: 'Library URL already exists.' },
  LIBRARY_LIMIT_EXCEEDED: { status: 400, message: 'The Free plan includes 3 libraries. Upgrade to create more.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'The service is temporarily unavailable. Try again shortly.' },
} as const satisfies Partial<Record<ErrorCode, { status: number; message?: string }>>

/**
 * The messages Api-Version 2026-07-08 gives codes that 2026-05-20 already had (docs/errors.md): CONFLICT now
 * means a promote is running, PRO_PLAN_CANCELED has its wider meaning ([mock] wording), and the missing-header
 * message names the current version.
 */
export const contractMessages20260708 = {
  CONFLICT: 'A promote is already running for this asset.',
  PRO_PLAN_CANCELED: "The organization's Pro plan has ended and it still has more than one member. Renew it to upload or create libraries.",
  apiVersionRequired: (current: string) => `The Api-Version header is required (current: ${current}).`,
} as const

/**
 * Every code a response may carry, in either version. test/pinned-errors.test.ts checks that
 * src/contract/errors.ts has exactly these.
 */
export const pinnedErrors = {
  ...contractErrors,
  ...contractErrors20260708,
} as const satisfies Record<ErrorCode, { status: number; message?: string }>

/** What the contract says a failure with `code` looks like; `message` names the variant where there are several. */
export function expectedError(code: ErrorCode, message?: string): { status: number; body: { error: { code: string; message: string } } } {
  const entry: { status: number; message?: string } = pinnedErrors[code]
  const text = message ?? entry.message
  if (text === undefined) throw new Error(`${code} has no one message in the contract: the case must name it`)
  return { status: entry.status, body: { error: { code, message: text } } }
}

export interface ErrorCase {
  code: ContractCode
  why: string
  call: Call
  /** Expected message when the code has more than one (BAD_USER_INPUT names the field). */
  message?: string
}

const acme = '/organizations/acme/libraries'
const drafts = '/organizations/unclaimed-demo/libraries/drafts'

/** Every code of the catalogue, each reached with plain requests against the fixture world. */
export const errorCases: ErrorCase[] = [
  { code: 'API_VERSION_REQUIRED', why: 'no Api-Version', call: { path: '/me', version: null } },
  { code: 'API_VERSION_REQUIRED', why: 'empty Api-Version', call: { path: '/me', version: ' ' } },
  { code: 'ENDPOINT_NOT_FOUND', why: 'unknown path', call: { path: '/photos' } },
  { code: 'ENDPOINT_NOT_FOUND', why: 'known path, unlisted method', call: { method: 'PUT', path: '/me' } },
  { code: 'UNAUTHENTICATED', why: 'no key', call: { path: '/me', key: null } },
  {
    code: 'UNAUTHENTICATED',
    why: 'malformed Authorization',
    call: { path: '/me', key: null, headers: { Authorization: 'Token pk_monogram_write' } },
    message: 'Authorization header must be in the form: Bearer <key>.',
  },
  { code: 'ORGANIZATION_NOT_FOUND', why: 'unknown organization', call: { path: '/organizations/nope/libraries' } },
  { code: 'INVALID_API_KEY', why: 'unknown key', call: { path: '/me', key: 'pk_unknown' } },
  { code: 'INVALID_API_KEY', why: 'valid key of another organization', call: { path: '/organizations/monogram-labs/libraries', key: 'pk_acme_write' } },
  {
    code: 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY',
    why: 'no grant on the library',
    call: { path: `${barcelona}/assets`, key: 'pk_monogram_tokyo' },
  },
  {
    code: 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY',
    why: 'Read grant used to write',
    call: { method: 'DELETE', path: `${barcelona}/assets`, key: 'pk_monogram_read', json: { ids: ['x'] } },
  },
  {
    code: 'API_KEY_READ_ONLY',
    why: 'read-only key creates a library',
    call: { method: 'POST', path: '/organizations/monogram-labs/libraries', key: 'pk_monogram_read', json: { name: 'New' } },
  },
  { code: 'LIBRARY_LOCKED', why: 'fourth library of a Free plan', call: { path: `${acme}/acme-4/assets`, key: 'pk_acme_write' } },
  { code: 'RESOURCE_NOT_FOUND', why: 'unknown asset', call: { path: `${barcelona}/assets/nope` } },
  {
    code: 'BAD_USER_INPUT',
    why: 'malformed JSON',
    call: { method: 'POST', path: `${barcelona}/assets/tag`, body: '{"assetIds":', headers: { 'Content-Type': 'application/json' } },
    message: 'Invalid JSON body.',
  },
  {
    code: 'BAD_USER_INPUT',
    why: 'six filter tags',
    call: { path: `${barcelona}/assets?tags=a,b,c,d,e,f` },
    message: 'At most 5 tags can be used to filter.',
  },
  {
    code: 'BAD_USER_INPUT',
    why: 'bad email',
    call: { method: 'POST', path: '/libraries', key: null, json: { email: 'not-an-email' } },
    message: 'email must be a valid email address.',
  },
  {
    code: 'PAYLOAD_TOO_LARGE',
    why: 'file over 100 MB',
    call: { method: 'POST', path: `${barcelona}/assets`, body: files(1, 100 * MB + 1) },
  },
  {
    code: 'MAX_ASSETS_EXCEEDED',
    why: '21 files',
    call: { method: 'POST', path: `${barcelona}/assets`, body: files(21) },
    message: 'An upload can contain at most 20 files.',
  },
  {
    code: 'MAX_ASSETS_EXCEEDED',
    why: '101 ids',
    call: { method: 'DELETE', path: `${barcelona}/assets`, json: { ids: Array.from({ length: 101 }, (_, i) => `id-${i}`) } },
    message: 'A delete can contain at most 100 ids.',
  },
  { code: 'UPLOAD_ERROR_NO_FILES', why: 'no files', call: { method: 'POST', path: `${barcelona}/assets`, body: files(0) } },
  { code: 'DELETE_ERROR', why: 'empty ids', call: { method: 'DELETE', path: `${barcelona}/assets`, json: { ids: [] } } },
  {
    code: 'CONFLICT',
    why: 'slug taken',
    call: { method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'Tokyo again', slug: 'tokyo' } },
  },
  {
    code: 'PRO_PLAN_CANCELED',
    why: 'upload on a canceled Pro plan',
    call: { method: 'POST', path: '/organizations/northwind/libraries/northwind-main/assets', key: 'pk_northwind_write', body: files(1) },
  },
  {
    code: 'STORAGE_LIMIT_EXCEEDED',
    why: '2 MB into 1 MB of Free storage left',
    call: { method: 'POST', path: `${acme}/acme-1/assets`, key: 'pk_acme_write', body: files(1, 2 * MB) },
  },
  {
    code: 'EPHEMERAL_STORAGE_LIMIT_EXCEEDED',
    why: '2 MB into a temporary library 1 MB below its cap',
    call: { method: 'POST', path: `${drafts}/assets`, key: 'pk_unclaimed_demo', body: files(1, 2 * MB) },
  },
  {
    code: 'EPHEMERAL_LIBRARY_LIMIT_EXCEEDED',
    why: 'temporary organization creates a library',
    call: { method: 'POST', path: '/organizations/unclaimed-demo/libraries', key: 'pk_unclaimed_demo', json: { name: 'More' } },
  },
  {
    code: 'INTERNAL_SERVER_ERROR',
    why: 'forced with X-Mock-Error',
    call: { path: '/me', headers: { 'X-Mock-Error': 'INTERNAL_SERVER_ERROR' } },
  },
]
