import { RasterError, messages } from '../contract/errors.js'
import type { HeaderView } from '../contract/request-head.js'
import type { AccessLevel, Key, Library, Organization, Role, Token, User } from '../model/records.js'
import type { World } from '../model/world.js'

/**
 * The request checks (docs/errors.md, "Order of checks"), one function per step. Each step either
 * returns what the next step needs or throws the catalogue's error, so the
 * order of the calls is the order in which a request is checked.
 */

/**
 * Step 1 (REST only): the Api-Version header is present, non-empty and names a version the mock answers
 * (`supported`); the missing-header message names the mock's `current` version.
 */
export function requireApiVersion(headers: HeaderView, supported: readonly string[], current: string): string {
  const version = headers.get('Api-Version')?.trim()
  if (!version) throw new RasterError('API_VERSION_REQUIRED', messages.versionRequired(current))
  if (!supported.includes(version)) throw new RasterError('API_VERSION_REQUIRED', messages.unknownVersion(version, supported))
  return version
}

/** Step 3: `Authorization: Bearer <key>`; returns the key as sent. */
export function readBearerToken(authorization: string | null): string {
  if (authorization === null || authorization.trim() === '') throw new RasterError('UNAUTHENTICATED')
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim())
  if (!match) throw new RasterError('UNAUTHENTICATED', messages.malformedAuthorization)
  return match[1]!
}

/**
 * An unclaimed temporary organization lives until its `expiresAt` (exclusive) by the clock; then it is gone,
 * with its libraries, keys and assets. Read at each request, so a frozen world never changes.
 */
export function isLive(organization: Organization, now: number): boolean {
  return !organization.temporary || organization.expiresAt === null || now < organization.expiresAt
}

/** Step 4: the organization of the path exists (an expired temporary one no longer does). */
export function requireOrganization(world: World, organizationId: string, now: number): Organization {
  const organization = world.organization(organizationId)
  if (!organization || !isLive(organization, now)) throw new RasterError('ORGANIZATION_NOT_FOUND')
  return organization
}

/**
 * Step 5: the key exists and belongs to the organization. The seed defines
 * INVALID_API_KEY as "the bearer token does not match a key in the target
 * organization", so a valid key of another organization is refused like an unknown one.
 */
export function requireKey(world: World, token: string, organization: Organization | undefined, now: number): Key {
  const key = world.key(token)
  if (!key || (organization && key.organizationId !== organization.id)) throw new RasterError('INVALID_API_KEY')
  // The key of an expired temporary organization went with it.
  const owner = organization ?? world.organization(key.organizationId)
  if (!owner || !isLive(owner, now)) throw new RasterError('INVALID_API_KEY')
  return key
}

/** The first dated version that takes OAuth tokens: before it, an `oat_` token is a key no organization has. */
export const OAUTH_SINCE = '2026-07-08'

/** Whether a bearer token is an OAuth access token rather than an API key. */
export const isOAuthToken = (token: string): boolean => token.startsWith('oat_')

/** What the token step needs of the request: its version, its time, whether tokens can be checked at all. */
export interface TokenCheck {
  apiVersion: string
  now: number
  tokensUnverifiable?: boolean
}

/** An OAuth caller as the later steps see it: a key-shaped view of the user's grants in one organization. */
export interface UserAccess {
  key: Key
  organization: Organization
  user: { user: User; token: Token; role: Role }
}

/** A token that is still good: an access token, neither revoked nor expired, of a user who still exists. */
function liveToken(world: World, id: string, now: number): { token: Token; user: User } {
  const token = world.token(id)
  const user = token && world.user(token.userId)
  if (!token || !user || token.kind !== 'access' || token.revokedAt !== null || (token.expiresAt !== null && now >= token.expiresAt)) {
    throw new RasterError('UNAUTHENTICATED', messages.tokenRejected)
  }
  return { token, user }
}

/**
 * What a user reaches in an organization, as a key would: an Owner every library with Write (present and future),
 * a Member the libraries of its grants. A user who is not a member, or a token granted another organization, is a
 * key of another organization: INVALID_API_KEY.
 */
function userAccess(world: World, token: Token, user: User, organization: Organization): UserAccess {
  const membership = user.memberships[organization.id]
  if (!membership || (token.organizationId !== null && token.organizationId !== organization.id)) throw new RasterError('INVALID_API_KEY')
  const grants =
    membership.role === 'owner'
      ? Object.fromEntries(world.librariesOf(organization.id).map((library) => [library.id, 'write' as const]))
      : membership.grants
  return { key: { id: token.id, organizationId: organization.id, grants }, organization, user: { user, token, role: membership.role } }
}

/**
 * Step 5 for an OAuth token (Api-Version 2026-07-08 and later; before, INVALID_API_KEY like any unknown key): the
 * token is checked (503 when it cannot be, 401 UNAUTHENTICATED when it is unknown, revoked or expired), then it
 * acts in the path's organization, or without one in the organization it was granted (the user's first for a
 * token granted every organization).
 */
export function requireUserToken(world: World, id: string, organization: Organization | undefined, check: TokenCheck): UserAccess {
  if (check.apiVersion < OAUTH_SINCE) throw new RasterError('INVALID_API_KEY')
  if (check.tokensUnverifiable) throw new RasterError('SERVICE_UNAVAILABLE')
  const { token, user } = liveToken(world, id, check.now)
  const acting =
    organization ??
    world.organization(token.organizationId ?? Object.keys(user.memberships).find((id) => world.organization(id)) ?? '')
  if (!acting || !isLive(acting, check.now)) throw new RasterError('INVALID_API_KEY')
  return userAccess(world, token, user, acting)
}

/** Every organization an OAuth user reaches with this token, each as the token step would let it act there. */
export function userOrganizations(world: World, caller: UserAccess['user'], now: number): UserAccess[] {
  return Object.keys(caller.user.memberships)
    .filter((id) => caller.token.organizationId === null || caller.token.organizationId === id)
    .map((id) => world.organization(id))
    .filter((organization): organization is Organization => organization !== undefined && isLive(organization, now))
    .map((organization) => userAccess(world, caller.token, caller.user, organization))
}

const satisfies = (granted: AccessLevel | undefined, needed: AccessLevel) =>
  granted === 'write' || (granted === 'read' && needed === 'read')

/**
 * Step 6: the key's grant on the library. A library the key cannot reach and a
 * library that does not exist give the same error, byte for byte.
 */
export function requireGrant(world: World, key: Key, libraryId: string, access: AccessLevel): Library {
  const library = world.library(key.organizationId, libraryId)
  if (!library || !satisfies(key.grants[libraryId], access)) {
    throw new RasterError('API_KEY_NOT_AUTHORIZED_FOR_LIBRARY')
  }
  return library
}

/** A Free organization can use its first few libraries; the ones created after are locked. */
export function isLocked(organization: Organization, library: Library, freePlanLibraries: number): boolean {
  return organization.plan === 'free' && library.position >= freePlanLibraries
}

/** Step 7: the library is not locked. */
export function requireUnlocked(organization: Organization, library: Library, freePlanLibraries: number): void {
  if (isLocked(organization, library, freePlanLibraries)) throw new RasterError('LIBRARY_LOCKED')
}

export function canReach(key: Key, libraryId: string, access: AccessLevel = 'read'): boolean {
  return satisfies(key.grants[libraryId], access)
}

/*
 * Inside a write's exclusive section: the records as they are now. What
 * authorization read may be stale by then (a write queued before this one may
 * have changed it), and a write built on a stale copy would undo that change.
 */

/** The caller's key as it is now (for a user, their grants now); a key removed or a token revoked meanwhile is no longer valid. */
export function currentKey(world: World, key: Key): Key {
  if (isOAuthToken(key.id)) {
    const { token, user } = liveToken(world, key.id, world.now())
    const organization = world.organization(key.organizationId)
    if (!organization) throw new RasterError('ORGANIZATION_NOT_FOUND')
    return userAccess(world, token, user, organization).key
  }
  const current = world.key(key.id)
  if (!current) throw new RasterError('INVALID_API_KEY')
  return current
}

/** The organization as it is now. */
export function currentOrganization(world: World, organization: Organization): Organization {
  const current = world.organization(organization.id)
  if (!current) throw new RasterError('ORGANIZATION_NOT_FOUND')
  return current
}

/** The library as it is now. */
export function currentLibrary(world: World, library: Library): Library {
  const current = world.library(library.organizationId, library.id)
  if (!current) throw new RasterError('API_KEY_NOT_AUTHORIZED_FOR_LIBRARY')
  return current
}
