import { RasterError, messages } from '../contract/errors.js'
import type { AccessLevel, Key, Library, Organization } from '../model/records.js'
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
export function requireApiVersion(headers: Headers, supported: readonly string[], current: string): string {
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

/** The caller's key as it is now; a key removed meanwhile is no longer valid. */
export function currentKey(world: World, key: Key): Key {
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
