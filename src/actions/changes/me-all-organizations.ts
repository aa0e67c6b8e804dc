import { z } from 'zod'
import { MeAllOrganizations } from '../../contract/schemas.js'
import { defineVersionChange } from '../versions.js'

/**
 * Api-Version 2026-07-08 takes OAuth tokens: one granted every organization answers `/me` with `organizations`
 * (Api.MeAllOrganizations), one entry per organization, instead of a single organization's fields. The operation
 * answers so only for such a token, which no earlier version accepts: the change has nothing to convert.
 */
export const meAllOrganizations = defineVersionChange({
  version: '2026-07-08',
  description: '`/me` with an OAuth token granted every organization answers `organizations`, one entry per organization.',
  schema: (output) => z.union([output, MeAllOrganizations]),
})
