import { z } from 'zod'
import { RasterError, messages } from '../contract/errors.js'
import * as Api from '../contract/schemas.js'
import { slugify } from '../model/ids.js'
import type { Key, Organization } from '../model/records.js'
import type { Caller } from './context.js'
import { canReach, currentKey, currentLibrary, currentOrganization } from '../pipeline/steps.js'
import { answersSince } from '../contract/versions.js'
import type { Env } from './context.js'
import { limitSchema, pageOf, pagination, text } from './input.js'
import { defineOperation } from './operation.js'
import { libraryTags, presentLibrary } from './present.js'
import { isCanceledPro } from './quota.js'

export const listLibraries = defineOperation({
  scope: 'organization',
  access: 'read',
  input: z.object(pagination),
  output: z.array(Api.Library),
  run(context, { page, pageSize }) {
    const reachable = context.world
      .librariesOf(context.caller.organization.id)
      .filter((library) => canReach(context.caller.key, library.id))
    return pageOf(reachable, page, pageSize).map((library) => presentLibrary(context, library))
  },
})

/**
 * Step 9 of creating a library, in its order (docs/errors.md, "Order of checks", step 9). Api-Version 2026-07-08
 * also refuses it on a canceled Pro plan and on a Free plan at its library limit; 2026-05-20 allows both (the
 * library made past the limit is locked).
 */
function requireMayCreateLibrary(context: Env, organization: Organization, key: Key, user: Caller['user']): void {
  const since20260708 = answersSince(context.apiVersion, '2026-07-08')
  if (since20260708 && isCanceledPro(organization)) throw new RasterError('PRO_PLAN_CANCELED')
  if (organization.temporary) throw new RasterError('EPHEMERAL_LIBRARY_LIMIT_EXCEEDED')
  // An OAuth user creates libraries as an Owner only; a key, with Write somewhere.
  if (user) {
    if (user.role !== 'owner') throw new RasterError('FORBIDDEN')
  } else if (!Object.values(key.grants).includes('write')) throw new RasterError('API_KEY_READ_ONLY')
  const { freePlanLibraries } = context.limits
  if (since20260708 && organization.plan === 'free' && context.world.librariesOf(organization.id).length >= freePlanLibraries) {
    throw new RasterError('LIBRARY_LIMIT_EXCEEDED')
  }
}

const slugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, messages.invalidSlug)
  .max(64)

export const createLibrary = defineOperation({
  scope: 'organization',
  access: 'write',
  input: z.object({ name: text(128), slug: slugSchema.optional() }),
  output: Api.Library,
  async run(context, { name, slug }) {
    const { world } = context
    // Fresh records: concurrent creates by one key each add a grant to the key as the previous one left it.
    const organization = currentOrganization(world, context.caller.organization)
    const key = currentKey(world, context.caller.key)
    requireMayCreateLibrary(context, organization, key, context.caller.user)
    const id = slug ?? (slugify(name) || world.nextId().toLowerCase())
    if (world.library(organization.id, id)) throw new RasterError('CONFLICT')
    const library = await world.insertLibrary({
      id,
      organizationId: organization.id,
      name,
      createdAt: context.now(),
      position: world.librariesOf(organization.id).length,
    })
    // An Owner reaches every library already; a key is granted Write on the new one.
    if (!context.caller.user) await world.updateKey(key, { grants: { ...key.grants, [id]: 'write' } })
    return presentLibrary(context, library)
  },
})

export const renameLibrary = defineOperation({
  scope: 'library',
  access: 'write',
  input: z.object({ name: text(128) }),
  output: Api.Library,
  async run(context, { name }) {
    const library = currentLibrary(context.world, context.library)
    return presentLibrary(context, await context.world.updateLibrary(library, { name }))
  },
})

export const listTags = defineOperation({
  scope: 'library',
  access: 'read',
  input: z.object({ limit: limitSchema.optional() }),
  output: z.array(Api.Tag),
  run(context, { limit }) {
    const tags = libraryTags(context, context.library)
    return limit === undefined ? tags : tags.slice(0, limit)
  },
})
