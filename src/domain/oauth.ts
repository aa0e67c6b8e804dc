import { messages } from '../contract/errors.js'
import { stableId } from '../model/ids.js'
import type { Token, User } from '../model/records.js'
import type { World } from '../model/world.js'
import type { Env } from './context.js'

/**
 * The mock's OAuth authorization server (docs/rest.md, "OAuth"): authorization code with PKCE (S256), refresh
 * tokens, revocation, on the API's origin. Consent is given at once, by the user `login_hint` names (the monogram
 * Owner by default). Every token it issues is a record of the request's world, so it works on the REST API at once.
 */

/** How long what the server issues lives, by the mock's clock. */
export const CODE_MS = 10 * 60 * 1000
export const ACCESS_TOKEN_MS = 60 * 60 * 1000
export const REFRESH_TOKEN_MS = 30 * 24 * 60 * 60 * 1000

/** The user consenting when the request names none. */
export const DEFAULT_USER = 'user-monogram-owner'

/** An RFC 6749 error: its `error` code, its description, and the HTTP status it is answered with. */
export class OAuthError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type' | 'unsupported_response_type' | 'access_denied',
    readonly description: string,
    readonly status = 400,
  ) {
    super(description)
  }

  toJSON() {
    return { error: this.error, error_description: this.description }
  }
}

type Params = Record<string, string | undefined>

/** RFC 8414's discovery document of the server at `issuer` (the API's base URL). */
export function discoveryDocument(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    revocation_endpoint_auth_methods_supported: ['none'],
  }
}

const isRedirectUri = (value: string | undefined): value is string => {
  try {
    return value !== undefined && /^https?:$/.test(new URL(value).protocol)
  } catch {
    return false
  }
}

/** A new token id: its prefix and 32 letters and digits, deterministic for the world's history. */
function mint(world: World, prefix: 'oat_' | 'ort_' | 'oac_'): string {
  let id: string
  do id = `${prefix}${stableId(`raster-mock:oauth:${world.nextId()}`, 32)}`
  while (world.token(id))
  return id
}

function userOf(world: World, hint: string | undefined): User | undefined {
  if (hint === undefined || hint === '') return world.user(DEFAULT_USER)
  return world.user(hint) ?? world.allUsers().find((user) => user.email.toLowerCase() === hint.toLowerCase())
}

/**
 * The authorization endpoint: checks the request, then consents at once and answers where to redirect: the
 * `redirect_uri` with `code` and `state`, or with `error` once the redirect URI is known to be good.
 */
export async function authorize(env: Env, params: Params): Promise<URL> {
  const { redirect_uri: redirectUri, state } = params
  if (!isRedirectUri(redirectUri)) throw new OAuthError('invalid_request', messages.oauthRedirectUriMissing)
  const target = new URL(redirectUri)
  const answer = (values: Record<string, string>) => {
    for (const [name, value] of Object.entries({ ...values, ...(state === undefined ? {} : { state }) })) target.searchParams.set(name, value)
    return target
  }
  const world = env.writable()
  return world.exclusive(async () => {
    if (params.response_type !== 'code') return answer({ error: 'unsupported_response_type', error_description: messages.oauthResponseType })
    if (!params.code_challenge || params.code_challenge_method !== 'S256') return answer({ error: 'invalid_request', error_description: messages.oauthPkceRequired })
    const user = userOf(world, params.login_hint)
    if (!user) return answer({ error: 'access_denied', error_description: messages.oauthUnknownUser })
    const organizations = Object.keys(user.memberships)
    const organizationId = params.organization ?? (organizations.length === 1 ? organizations[0]! : null)
    if (organizationId !== null && !organizations.includes(organizationId)) return answer({ error: 'access_denied', error_description: messages.oauthUnknownOrganization })
    const now = env.now()
    const code = await world.insertToken({
      ...issued(mint(world, 'oac_'), 'code', user.id, organizationId, now, CODE_MS),
      clientId: params.client_id ?? null,
      redirectUri,
      codeChallenge: params.code_challenge,
    })
    return answer({ code: code.id })
  })
}

function issued(id: string, kind: Token['kind'], userId: string, organizationId: string | null, now: number, lifetime: number): Token {
  return { id, kind, userId, organizationId, createdAt: now, expiresAt: now + lifetime, revokedAt: null, clientId: null, redirectUri: null, codeChallenge: null }
}

const isLive = (token: Token | undefined, kind: Token['kind'], now: number): token is Token =>
  token !== undefined && token.kind === kind && token.revokedAt === null && (token.expiresAt === null || now < token.expiresAt)

/** PKCE S256: BASE64URL(SHA-256(verifier)), no padding. */
async function challengeOf(verifier: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)))
  return btoa(String.fromCharCode(...hash)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The token endpoint's success body (RFC 6749, 5.1). */
export interface TokenResponse {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  refresh_token: string
}

/** The token endpoint: an authorization code (with its PKCE verifier) or a refresh token for new tokens. */
export async function exchange(env: Env, params: Params): Promise<TokenResponse> {
  const grant = params.grant_type
  if (grant !== 'authorization_code' && grant !== 'refresh_token') throw new OAuthError('unsupported_grant_type', messages.oauthGrantType)
  // The digest is made before the exclusive section: it awaits, and the section should hold only the world's work.
  const challenge = grant === 'authorization_code' ? await challengeOf(params.code_verifier ?? '') : undefined
  const world = env.writable()
  return world.exclusive(async () => {
    const now = env.now()
    const spent = grant === 'authorization_code' ? redeemCode(world, params, challenge!, now) : redeemRefresh(world, params, now)
    // Single use: the code, or the refresh token (rotated), is spent by the exchange that succeeds.
    await world.updateToken(spent, { revokedAt: now })
    const access = await world.insertToken(issued(mint(world, 'oat_'), 'access', spent.userId, spent.organizationId, now, ACCESS_TOKEN_MS))
    const refresh = await world.insertToken(issued(mint(world, 'ort_'), 'refresh', spent.userId, spent.organizationId, now, REFRESH_TOKEN_MS))
    return { access_token: access.id, token_type: 'Bearer' as const, expires_in: ACCESS_TOKEN_MS / 1000, refresh_token: refresh.id }
  })
}

function redeemCode(world: World, params: Params, challenge: string, now: number): Token {
  const code = world.token(params.code ?? '')
  if (!isLive(code, 'code', now)) throw new OAuthError('invalid_grant', messages.oauthCodeInvalid)
  if (params.redirect_uri !== code.redirectUri) throw new OAuthError('invalid_grant', messages.oauthRedirectMismatch)
  if (code.clientId !== null && params.client_id !== code.clientId) throw new OAuthError('invalid_grant', messages.oauthClientMismatch)
  if (challenge !== code.codeChallenge) throw new OAuthError('invalid_grant', messages.oauthVerifierInvalid)
  return code
}

function redeemRefresh(world: World, params: Params, now: number): Token {
  const refresh = world.token(params.refresh_token ?? '')
  if (!isLive(refresh, 'refresh', now) || !world.user(refresh.userId)) throw new OAuthError('invalid_grant', messages.oauthRefreshInvalid)
  return refresh
}

/** The revocation endpoint (RFC 7009): revokes an access or refresh token; an unknown one is no error. */
export async function revoke(env: Env, params: Params): Promise<void> {
  if (!params.token) throw new OAuthError('invalid_request', messages.oauthTokenMissing)
  // Nothing to revoke costs no world of its own.
  if (!env.world.token(params.token)) return
  const world = env.writable()
  await world.exclusive(async () => {
    const token = world.token(params.token!)
    if (token && token.kind !== 'code' && token.revokedAt === null) await world.updateToken(token, { revokedAt: env.now() })
  })
}
