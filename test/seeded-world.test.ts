import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { seededWorldModule, seededWorldPath } from '../scripts/seeded-world.js'
import { seedWorld } from '../src/model/seed.js'
import { seededWorld } from '../src/model/seeded-world.js'

// Every entry serves this module instead of seeding with faker: it must be what the seed gives.
it('src/model/seeded-world.ts is the default seed’s world (regenerate with `npx tsx scripts/seeded-world.ts`)', () => {
  expect(readFileSync(seededWorldPath, 'utf8')).toBe(seededWorldModule())
  // The same records, ids and key order as seeding makes them, field for field.
  expect(JSON.stringify(seededWorld)).toBe(JSON.stringify(seedWorld()))
})
