import type { WorldRecords } from './records.js'
import type { WorldChanges } from './world-layer.js'

/**
 * What a scenario's state changed in the seeded world, as the records to put
 * and the ids to remove: its world is a layer holding just that. Presets work on
 * a plain copy of the records (scenarios/presets.ts); this compares the copy
 * with the original, record by record.
 *
 * @example
 * const changed = structuredClone(seeded)
 * setPlan(changed, 'free')
 * scenarioChanges(seeded, changed) // { organizations: [monogram-labs on free], … }
 */
export function scenarioChanges(seeded: WorldRecords, changed: WorldRecords): WorldChanges {
  const put = <T extends object>(before: readonly T[], after: readonly T[], id: (record: T) => string) => {
    const old = new Map(before.map((record) => [id(record), record]))
    return after.filter((record) => {
      const previous = old.get(id(record))
      return !previous || JSON.stringify(previous) !== JSON.stringify(record)
    })
  }
  const removed = <T extends { id: string }>(before: readonly T[], after: readonly T[]) => {
    const kept = new Set(after.map((record) => record.id))
    return before.filter((record) => !kept.has(record.id)).map((record) => record.id)
  }
  const byId = (record: { id: string }) => record.id
  if (removed(seeded.organizations, changed.organizations).length || changed.libraries.length < seeded.libraries.length) {
    throw new Error('[raster-mock] A scenario removed an organization or a library: scenarios may only change or add them.')
  }
  return {
    organizations: put(seeded.organizations, changed.organizations, byId),
    libraries: put(seeded.libraries, changed.libraries, (library) => `${library.organizationId}/${library.id}`),
    keys: put(seeded.keys, changed.keys, byId),
    assets: put(seeded.assets, changed.assets, byId),
    users: put(seeded.users ?? [], changed.users ?? [], byId),
    tokens: put(seeded.tokens ?? [], changed.tokens ?? [], byId),
    removed: { keys: removed(seeded.keys, changed.keys), assets: removed(seeded.assets, changed.assets) },
    sequence: changed.sequence,
  }
}
