import { DAY_MS } from '../../config.js'
import type * as Api from '../../contract/schemas.js'
import { defineVersionChange } from '../versions.js'

/** A delete says how long the trash keeps what it moved (30 days unless `limits.trashRetentionMs` says otherwise). */
export const trashFor30Days = defineVersionChange({
  version: '2026-07-08',
  description: 'A delete says what the trash is: "recoverable for 30 days, then permanently removed".',
  response: (data, env) => {
    const result = data as Api.DeleteResult
    const count = result.ids.length
    const days = Math.round(env.limits.trashRetentionMs / DAY_MS)
    const span = days === 1 ? '1 day' : `${days} days`
    return { ...result, message: `Moved ${count} ${count === 1 ? 'asset' : 'assets'} to trash, recoverable for ${span}, then permanently removed` }
  },
})
