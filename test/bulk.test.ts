import { Collection } from '@msw/data'
import { describe, expect, it } from 'vitest'
import { appendRecords } from '../src/model/bulk.js'
import { KeyRecord } from '../src/model/records.js'

const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `k${i}`, organizationId: 'o', grants: { lib: 'read' as const } }))

describe('appendRecords', () => {
  it('puts records in the collection as create would: queryable, updatable, deletable', async () => {
    const collection = new Collection({ schema: KeyRecord })
    await appendRecords(collection, KeyRecord, keys(5))
    expect(collection.count()).toBe(5)
    const third = collection.findFirst((q) => q.where({ id: 'k3' }))!
    await collection.update(third, { data: (draft) => void (draft.organizationId = 'p') })
    expect(collection.findFirst((q) => q.where({ id: 'k3' }))?.organizationId).toBe('p')
    collection.delete(collection.findFirst((q) => q.where({ id: 'k1' }))!)
    expect(collection.findMany().map((key) => key.id)).toEqual(['k0', 'k2', 'k3', 'k4'])
  })

  it('still validates every record against the schema', async () => {
    const collection = new Collection({ schema: KeyRecord })
    const bad = [...keys(3), { id: 'bad', organizationId: 'o', grants: { lib: 'admin' } }]
    await expect(appendRecords(collection, KeyRecord, bad as never)).rejects.toThrow()
  })

  it('goes through create when a hook listens to it', async () => {
    const collection = new Collection({ schema: KeyRecord })
    const seen: string[] = []
    collection.hooks.on('create', (event) => void seen.push(event.data.record.id))
    await appendRecords(collection, KeyRecord, keys(3))
    expect(seen).toEqual(['k0', 'k1', 'k2'])
  })
})
