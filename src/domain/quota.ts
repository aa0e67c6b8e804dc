import { RasterError } from '../contract/errors.js'
import type { Library, Organization } from '../model/records.js'
import type { Env } from './context.js'

/** A Pro organization whose plan was canceled: PRO_PLAN_CANCELED for uploads (and, from 2026-07-08, new libraries). */
export function isCanceledPro(organization: Organization): boolean {
  return organization.plan === 'pro' && organization.planStatus === 'canceled'
}

/** Bytes a write adds to the library it writes into, and to that library's organization. */
export interface AddedBytes {
  library: number
  organization: number
}

/**
 * Step 9 (docs/errors.md, "Order of checks"), the storage quotas of a write into `library` (an upload, or a transfer
 * into it), checked against the records as they are inside the write's
 * exclusive section, so concurrent writes can never overshoot a cap together.
 */
export function requireRoomFor(env: Env, organization: Organization, library: Library, added: AddedBytes): void {
  const { world, limits } = env
  if (organization.plan === 'free' && world.organizationStorage(organization.id) + added.organization > limits.freePlanBytes) {
    throw new RasterError('STORAGE_LIMIT_EXCEEDED')
  }
  if (organization.temporary && world.libraryStorage(library) + added.library > limits.temporaryLibraryBytes) {
    throw new RasterError('EPHEMERAL_STORAGE_LIMIT_EXCEEDED')
  }
}
