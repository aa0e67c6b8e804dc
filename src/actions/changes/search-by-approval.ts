import { defineVersionChange } from '../versions.js'

/** The operation filters by approval; 2026-05-20 never reads the parameter, so there it stays ignored. */
export const searchByApproval = defineVersionChange({
  version: '2026-07-08',
  description: 'Search takes `approval` (`in_review`, `approved`, `needs_changes` or `none`).',
  query: { approval: 'string' },
})
