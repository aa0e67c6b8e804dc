import { z } from 'zod'
import { RasterError, badInput, messages } from '../contract/errors.js'
import * as Api from '../contract/schemas.js'
import { slugify, stableId } from '../model/ids.js'
import type { World } from '../model/world.js'
import { canReach } from '../pipeline/steps.js'
import { text } from './input.js'
import { defineOperation } from './operation.js'

const DAY = 24 * 60 * 60 * 1000
const TEMPORARY_LIFETIME = 30 * DAY

/**
 * A secret of 32 letters and digits, deterministic for the world's history. It is
 * a hash of a number of the world's sequence under its own namespace, so it is
 * never an id the sequence gives to assets (in this world or another).
 */
function mintSecret(world: World, namespace: 'key' | 'claim'): string {
  return stableId(`raster-mock:${namespace}:${world.nextId()}`, 32)
}

/** A new API key as Raster mints them: `pk_` and 32 letters and digits. */
function mintKeyId(world: World): string {
  let id: string
  do id = `pk_${mintSecret(world, 'key')}`
  while (world.key(id))
  return id
}

export const me = defineOperation({
  scope: 'key',
  access: 'read',
  input: z.object({}),
  output: Api.Me,
  run({ world, caller }) {
    return {
      organizationId: caller.organization.id,
      organizationName: caller.organization.name,
      plan: caller.organization.plan,
      libraries: world
        .librariesOf(caller.organization.id)
        .filter((library) => canReach(caller.key, library.id))
        .map((library) => library.id),
    }
  },
})

/** Anonymous `POST /libraries`: a temporary organization with one library and a key with Write on it. */
export const createAnonymousLibrary = defineOperation({
  scope: 'anonymous',
  access: 'write',
  input: z.object({ email: z.email().max(254), name: text(128).optional() }),
  output: Api.AnonymousLibrary,
  async run(context, { email, name }) {
    const { world, limits } = context
    const now = context.now()
    const active = world
      .allOrganizations()
      .filter((org) => org.temporary && org.email?.toLowerCase() === email.toLowerCase() && (org.expiresAt ?? 0) > now)
    if (active.length >= limits.unclaimedPerEmail) throw badInput(messages.tooManyUnclaimed)

    const libraryName = name ?? 'My library'
    const organizationId = `temporary-${world.nextId().toLowerCase().slice(0, 8)}`
    const libraryId = slugify(libraryName) || 'library'
    const claimToken = mintSecret(world, 'claim')
    const expiresAt = now + TEMPORARY_LIFETIME
    await world.insertOrganization({
      id: organizationId,
      name: libraryName,
      plan: 'free',
      planStatus: 'active',
      temporary: true,
      email,
      claimToken,
      expiresAt,
      createdAt: now,
    })
    await world.insertLibrary({ id: libraryId, organizationId, name: libraryName, createdAt: now, position: 0 })
    const key = await world.insertKey({ id: mintKeyId(world), organizationId, grants: { [libraryId]: 'write' } })
    return {
      organizationId,
      libraryId,
      apiKey: key.id,
      claimUrl: `https://raster.app/claim/${claimToken}`,
      expiresAt: new Date(expiresAt).toISOString(),
      emailSent: true,
    }
  },
})

/** Mock-only: what claiming a temporary library on raster.app does; the organization becomes a normal Free one. */
export const claimOrganization = defineOperation({
  scope: 'anonymous',
  access: 'write',
  input: z.object({ organizationId: text() }),
  output: z.object({ organizationId: z.string(), plan: z.enum(['free', 'pro']), temporary: z.boolean() }),
  async run({ world }, { organizationId }) {
    const organization = world.organization(organizationId)
    if (!organization) throw new RasterError('ORGANIZATION_NOT_FOUND')
    if (!organization.temporary) throw badInput(messages.notTemporary)
    const claimed = await world.updateOrganization(organization, { temporary: false, claimToken: null, expiresAt: null })
    return { organizationId: claimed.id, plan: claimed.plan, temporary: claimed.temporary }
  },
})
