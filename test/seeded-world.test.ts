import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { parsedSeededWorld, seededWorldModule, seededWorldPath } from '../scripts/seeded-world.js'
import { shiftTimes } from '../src/model/anchor.js'
import { isParsed } from '../src/model/parsed.js'
import { seedWorld } from '../src/model/seed.js'
import { seededWorld } from '../src/model/seeded-world.js'
import { World } from '../src/model/world.js'

// Every entry serves this module instead of seeding with faker: it must be what the seed gives.
it('src/model/seeded-world.ts is the default seed’s world (regenerate with `npx tsx scripts/seeded-world.ts`)', async () => {
  expect(readFileSync(seededWorldPath, 'utf8')).toBe(seededWorldModule())
  expect(JSON.stringify(seededWorld)).toBe(JSON.stringify(parsedSeededWorld()))
  // A world made from it (its records copied, not parsed again) is the one the seed makes: same records, ids, order.
  const [precomputed, seeded] = await Promise.all([World.load(seededWorld), World.load(seedWorld())])
  expect(JSON.stringify(precomputed.toRecords())).toBe(JSON.stringify(seeded.toRecords()))
  for (const name of ['organizations', 'libraries', 'keys', 'assets', 'users', 'tokens'] as const) {
    expect(precomputed[name].findMany().map((record) => JSON.stringify(record))).toEqual(seeded[name].findMany().map((record) => JSON.stringify(record)))
  }
})

// Development runtimes anchor the world to the real time: the moved records are still taken without a parse.
it('the default world moved to another start is still taken as parsed, and equals the seed’s moved the same', async () => {
  const by = Date.UTC(2026, 11, 8) - Date.UTC(2026, 4, 20)
  const moved = shiftTimes(seededWorld, by)
  expect(moved.assets.every((asset) => isParsed(asset))).toBe(true)
  expect(moved.assets[0]!.created).toBe(seededWorld.assets[0]!.created + by)
  const [precomputed, seeded] = await Promise.all([World.load(moved), World.load(shiftTimes(seedWorld(), by))])
  expect(JSON.stringify(precomputed.toRecords())).toBe(JSON.stringify(seeded.toRecords()))
  // A record nobody parsed stays unmarked when moved: its schema still checks it.
  expect(isParsed(shiftTimes(seedWorld(), by).assets[0]!)).toBe(false)
})
