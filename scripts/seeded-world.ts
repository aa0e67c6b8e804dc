import { writeFileSync } from 'node:fs'
import { DEFAULT_SEED } from '../src/config.js'
import { seedWorld } from '../src/model/seed.js'

/**
 * Writes src/model/seeded-world.json: the default seed's world, precomputed so
 * the browser entry ships it instead of faker (≈150 kB gzipped) and ~250 ms of
 * seeding on every page load. One record per line, so a change reads as a diff.
 * `npm run build` regenerates it; test/seeded-world.test.ts fails when it drifts.
 */
export function seededWorldJson(): string {
  const world = seedWorld(DEFAULT_SEED)
  const list = (records: unknown[]) => `[\n${records.map((record) => `    ${JSON.stringify(record)}`).join(',\n')}\n  ]`
  return `{\n${(['organizations', 'libraries', 'keys', 'assets', 'users', 'tokens'] as const).map((name) => `  "${name}": ${list(world[name] ?? [])}`).join(',\n')},\n  "sequence": ${world.sequence}\n}\n`
}

export const seededWorldPath = new URL('../src/model/seeded-world.json', import.meta.url)

if (import.meta.url === `file://${process.argv[1]}`) writeFileSync(seededWorldPath, seededWorldJson())
