import { isParsed, markParsed } from './parsed.js'

/**
 * The record fields that hold an instant (unix ms), in every collection: what anchoring a world moves.
 * A collection added later whose instants use these names is anchored with the rest.
 */
const TIME_FIELDS = ['createdAt', 'expiresAt', 'created', 'updated', 'trashedAt', 'processingUntil'] as const

/**
 * The same records with every instant moved by `by` ms (records of the seed or a scenario's changes: each array
 * property is a collection; anything else, the sequence or the removed ids, stays). The fixture is written at the
 * reference date; this moves it to the mock's clock's start, so the world looks the same age whenever it starts.
 * A shift of 0 returns `records` itself: a mock that starts at the reference date pays nothing.
 *
 * @example
 * shiftTimes({ assets: [{ id: 'a', created: 1000 }] }, 500) // { assets: [{ id: 'a', created: 1500 }] }
 */
export function shiftTimes<T extends object>(records: T, by: number): T {
  if (by === 0) return records
  const shift = (record: unknown) => {
    const shifted: Record<string, unknown> = { ...(record as Record<string, unknown>) }
    for (const field of TIME_FIELDS) if (typeof shifted[field] === 'number') shifted[field] += by
    // A parsed record moved by a finite number of ms is still what its schema's parse gives (the instants are
    // plain numbers): a development runtime's default world, anchored to the real time, still skips the parse.
    return isParsed(record as object) && Number.isFinite(by) ? markParsed([shifted])[0]! : shifted
  }
  return Object.fromEntries(Object.entries(records).map(([name, value]) => [name, Array.isArray(value) ? value.map(shift) : value])) as T
}
