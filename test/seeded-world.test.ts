import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { seededWorldJson, seededWorldPath } from '../scripts/seeded-world.js'

// The browser entry ships this file instead of seeding with faker: it must be what the seed gives.
it('src/model/seeded-world.json is the default seed’s world (regenerate with `npx tsx scripts/seeded-world.ts`)', () => {
  expect(readFileSync(seededWorldPath, 'utf8')).toBe(seededWorldJson())
})
