import { deepFreeze } from './freeze.js'

/**
 * Records known to be what their schema's parse gives: the precomputed default world (src/model/seeded-world.ts),
 * parsed when it was generated. A world's write copies such a record instead of parsing it again (see
 * WorldLayer), which spares a cold start zod's first compile of every schema. Only frozen records are marked, so
 * a marked record cannot change after it was checked. Held weakly: marking never keeps a record alive.
 */
const parsed = new WeakSet<object>()

/**
 * Freezes each record and marks it as already parsed by its schema; returns the records.
 *
 * @example
 * export const assets = markParsed([AssetRecord.parse(asset)])
 */
export function markParsed<T extends object>(records: T[]): T[] {
  for (const record of records) parsed.add(deepFreeze(record))
  return records
}

/**
 * Whether `record` was marked by markParsed.
 *
 * @example
 * isParsed(seededWorld.assets[0]) // true
 */
export function isParsed(record: object): boolean {
  return parsed.has(record)
}
