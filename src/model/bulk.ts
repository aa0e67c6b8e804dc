import type { Collection } from '@msw/data'
import type { z } from 'zod'

/**
 * Puts many records in an @msw/data collection at once. `collection.create`
 * costs ~20 µs a record (it deep-copies the values to sanitize them, validates
 * asynchronously, then awaits hooks), which makes a 100,000-asset world take
 * seconds. Here every record is still validated by the collection's zod schema,
 * synchronously, then given the internals `create` gives a record (a primary-key
 * symbol and a relation-map symbol, learned from one record made by `create`)
 * and appended to the live array `all()` hands out. If a version of @msw/data
 * stops handing out that live array, or defines other internals, or a hook
 * listens to `create`, every record goes through `create` instead.
 */
export async function appendRecords<S extends z.ZodType>(
  collection: Collection<S>,
  schema: S,
  records: readonly z.input<S>[],
): Promise<Array<z.output<S>>> {
  if (records.length === 0) return []
  const first = (await collection.create(records[0]!)) as Record<symbol, unknown>
  const live = collection.all()
  const symbols = Object.getOwnPropertySymbols(first)
  const primaryKey = symbols.find((symbol) => typeof first[symbol] === 'string')
  const relationMap = symbols.find((symbol) => first[symbol] instanceof Map)
  const created = [first as z.output<S>]
  if (live.at(-1) !== first || symbols.length !== 2 || !primaryKey || !relationMap || collection.hooks.listenerCount('create') > 0) {
    for (const record of records.slice(1)) created.push((await collection.create(record)) as z.output<S>)
    return created
  }
  for (let i = 1; i < records.length; i++) {
    const record = schema.parse(records[i]) as object
    Object.defineProperties(record, {
      [primaryKey]: { value: crypto.randomUUID(), enumerable: false, configurable: false },
      [relationMap]: { value: new Map(), enumerable: false, configurable: false },
    })
    live.push(record as (typeof live)[number])
    created.push(record as z.output<S>)
  }
  return created
}
