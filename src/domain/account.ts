import { z } from 'zod'
import { RasterError, badInput, messages } from '../contract/errors.js'
import * as Api from '../contract/schemas.js'
import { mintedKey, slugify, stableId } from '../model/ids.js'
import type { Organization } from '../model/records.js'
import type { Caller } from './context.js'
import type { World } from '../model/world.js'
import { canReach, isLive, userOrganizations } from '../pipeline/steps.js'
import { text } from './input.js'
import { defineOperation } from './operation.js'

/** Where the owner of a temporary library claims it on raster.app. */
const claimUrlOf = (token: string) => `https://raster.app/claim/${token}`

/**
 * A claim token of 32 letters and digits, deterministic for the world's history. It is
 * a hash of a number of the world's sequence under its own namespace, so it is
 * never an id the sequence gives to assets (in this world or another). Keys are made the same way.
 */
function mintSecret(world: World): string {
  return stableId(`raster-mock:claim:${world.nextId()}`, 32)
}

/** A new API key as Raster mints them: `pk_` and 45 letters and digits (mintedKey). */
function mintKeyId(world: World): string {
  let id: string
  do id = mintedKey(`raster-mock:key:${world.nextId()}`)
  while (world.key(id))
  return id
}

/** `/me`'s fields for one organization, as the caller's grants there reach it. */
function meIn(world: World, { key, organization }: Caller): Api.Me {
  return {
    organizationId: organization.id,
    organizationName: organization.name,
    plan: organization.plan,
    libraries: world
      .librariesOf(organization.id)
      .filter((library) => canReach(key, library.id))
      .map((library) => library.id),
  }
}

export const me = defineOperation({
  scope: 'key',
  access: 'read',
  input: z.object({}),
  // The 2026-05-20 shape, which the documents and the exported `Me` describe; 2026-07-08's all-organizations
  // answer (Api.MeAllOrganizations) is the `me` action's version change.
  output: Api.Me,
  run(context) {
    const { world, caller } = context
    // A token granted every organization answers for each of them; any other caller, like a key.
    if (caller.user === undefined || caller.user.token.organizationId !== null) return meIn(world, caller)
    const organizations = userOrganizations(world, caller.user, context.now()).map((access) => meIn(world, access))
    // GraphQL's Viewer keeps its single-organization fields (non-null): they are the first organization's there,
    // out of the JSON that REST answers, which has `organizations` instead.
    const answer = { organizations }
    for (const [name, value] of Object.entries(organizations[0] ?? {})) Object.defineProperty(answer, name, { value, enumerable: false })
    return answer as unknown as Api.Me
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
      .filter((org) => org.temporary && org.email?.toLowerCase() === email.toLowerCase() && isLive(org, now))
    if (active.length >= limits.unclaimedPerEmail) throw badInput(messages.tooManyUnclaimed)

    const libraryName = name ?? 'My library'
    const organizationId = `temporary-${world.nextId().toLowerCase().slice(0, 8)}`
    const libraryId = slugify(libraryName) || 'library'
    const claimToken = mintSecret(world)
    const expiresAt = now + limits.temporaryLifetimeMs
    // Written before anything is stored: a date that cannot be written must fail the request with nothing created.
    const expiresAtText = new Date(expiresAt).toISOString()
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
      claimUrl: claimUrlOf(claimToken),
      expiresAt: expiresAtText,
      emailSent: true,
    }
  },
})

/** What `POST /__mock/claim` and `mock.claim` take: the claim URL the create returned, or the organization's id. */
export type ClaimInput = { claimUrl: string; organizationId?: undefined } | { organizationId: string; claimUrl?: undefined }
export type ClaimResult = z.infer<typeof ClaimResult>
const ClaimResult = z.object({ organizationId: z.string(), plan: z.enum(['free', 'pro']), temporary: z.boolean() })

/**
 * The organization a claim names, as it is now. Unknown, and expired (gone, like an unknown one), are 404; one
 * claimed before is 409: its claim token is kept on the record for that.
 */
function claimed(world: World, input: ClaimInput, now: number): Organization {
  const organization =
    input.claimUrl !== undefined
      ? world.allOrganizations().find((org) => org.claimToken !== null && claimUrlOf(org.claimToken) === input.claimUrl.trim())
      : world.organization(input.organizationId)
  const notFound = input.claimUrl !== undefined ? messages.unknownClaimUrl : undefined
  if (!organization || !isLive(organization, now)) throw new RasterError('ORGANIZATION_NOT_FOUND', notFound)
  if (!organization.temporary && organization.claimToken !== null) throw new RasterError('CONFLICT', messages.claimUsed)
  if (!organization.temporary) throw badInput(messages.notTemporary)
  return organization
}

/**
 * Mock-only: what claiming a temporary library on raster.app does. The organization becomes a normal Free one:
 * no expiry, its keys keep working, the Free plan's storage limit instead of the temporary library's.
 */
export const claimOrganization = defineOperation({
  scope: 'anonymous',
  access: 'write',
  input: z.object({ claimUrl: text().optional(), organizationId: text().optional() }),
  check({ claimUrl, organizationId }): ClaimInput {
    if ((claimUrl === undefined) === (organizationId === undefined)) throw badInput(messages.claimInputInvalid)
    return claimUrl !== undefined ? { claimUrl } : { organizationId: organizationId! }
  },
  output: ClaimResult,
  async run(context, input: ClaimInput) {
    const organization = claimed(context.world, input, context.now())
    const done = await context.world.updateOrganization(organization, { temporary: false, plan: 'free', planStatus: 'active', expiresAt: null })
    return { organizationId: done.id, plan: done.plan, temporary: done.temporary }
  },
})
