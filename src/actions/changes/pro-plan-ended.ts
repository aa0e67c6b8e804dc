import { RasterError, messages } from '../../contract/errors.js'
import { defineVersionChange } from '../versions.js'

/** The wider PRO_PLAN_CANCELED; that it also refuses creating a library is the operation's (src/domain/libraries.ts). */
export const proPlanEnded = defineVersionChange({
  version: '2026-07-08',
  description: '`PRO_PLAN_CANCELED` means the Pro plan ended while the organization has more than one member, and it also refuses creating a library.',
  error: (error) => (error.code === 'PRO_PLAN_CANCELED' ? new RasterError('PRO_PLAN_CANCELED', messages.proPlanEnded) : error),
})
