import { DEFAULT_SEED } from '../config.js'
import { seededWorld } from '../model/seeded-world.js'
import type { WorldRecords } from '../model/records.js'

/**
 * The default seed's world, precomputed at build (scripts/seeded-world.ts), so a page seeds nothing and never
 * loads faker; undefined for another seed. World.load validates every record against its schema anyway.
 */
export function precomputedWorld(seed: number | undefined): WorldRecords | undefined {
  return (seed ?? DEFAULT_SEED) === DEFAULT_SEED ? seededWorld : undefined
}
