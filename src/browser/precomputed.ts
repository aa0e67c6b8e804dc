import { DEFAULT_SEED } from '../config.js'
import seededWorld from '../model/seeded-world.json' with { type: 'json' }
import type { WorldRecords } from '../model/records.js'

/**
 * The default seed's world, precomputed at build (scripts/seeded-world.ts), so a page seeds nothing and never
 * loads faker; undefined for another seed. JSON types its enums as plain strings, hence the cast; World.load
 * validates every record against its schema anyway.
 */
export function precomputedWorld(seed: number | undefined): WorldRecords | undefined {
  return (seed ?? DEFAULT_SEED) === DEFAULT_SEED ? (seededWorld as unknown as WorldRecords) : undefined
}
