import { describe, expect, it } from 'vitest'
import { createRasterMock, type RasterMock } from '../src/index.js'
import { realTime } from '../src/clock.js'
import { setupRasterServer } from '../src/node.js'
import { rasterMock } from '../src/storybook.js'

/**
 * Issue #33.1: the clock starts at the reference date and stands still in the test entries, at the real now in
 * the development ones; either way the fixture world is anchored to where it starts (docs/time.md).
 */
const REFERENCE = Date.UTC(2026, 4, 20)
const DAY = 86_400_000

/** The seeded world's instants, as the contract states them relative to the clock's start. */
async function seededTimes(mock: RasterMock, scenario = 'default') {
  const world = await mock.runtime.world(scenario)
  const unclaimed = world.organization('unclaimed-demo')!
  const monogram = world.organization('monogram-labs')!
  const barcelona = world.library('monogram-labs', 'barcelona')!
  return {
    unclaimedCreated: unclaimed.createdAt,
    unclaimedExpires: unclaimed.expiresAt,
    monogramExpires: monogram.expiresAt,
    trashedAt: world.trashedAssets(barcelona).map((asset) => asset.trashedAt!),
    newest: Math.max(...world.visibleAssets(barcelona).map((asset) => asset.created)),
    ids: world.allAssets().map((asset) => asset.id),
  }
}

describe('the clock of the test entries', () => {
  it('starts at 2026-05-20 and stands still until moved (createRasterMock, setupRasterServer)', async () => {
    for (const mock of [createRasterMock(), setupRasterServer().mock]) {
      expect(mock.clock.now()).toBe(REFERENCE)
      await new Promise((resolve) => setTimeout(resolve, 5))
      expect(mock.clock.now()).toBe(REFERENCE)
      expect(mock.clock.advance('1d')).toBe(REFERENCE + DAY)
    }
  })

  it('anchors the fixture at 2026-05-20: unclaimed-demo expires 2026-06-18, the trash is days old', async () => {
    const times = await seededTimes(createRasterMock())
    expect(times.unclaimedExpires).toBe(Date.UTC(2026, 5, 18))
    expect(times.unclaimedCreated).toBe(REFERENCE - DAY)
    for (const trashedAt of times.trashedAt) expect(REFERENCE - trashedAt).toBeGreaterThanOrEqual(DAY)
    expect(times.newest).toBeLessThan(REFERENCE)
  })
})

describe('a clock that starts elsewhere', () => {
  it('moves the whole fixture with it: every seeded instant keeps its distance to the start, ids stay', async () => {
    const start = Date.UTC(2031, 0, 2, 3, 4, 5, 6)
    const [reference, moved] = await Promise.all([seededTimes(createRasterMock()), seededTimes(createRasterMock({ now: () => start }))])
    const by = start - REFERENCE
    expect(moved).toEqual({
      unclaimedCreated: reference.unclaimedCreated + by,
      unclaimedExpires: reference.unclaimedExpires! + by,
      monogramExpires: null,
      trashedAt: reference.trashedAt.map((at) => at + by),
      newest: reference.newest + by,
      ids: reference.ids,
    })
  })

  it('moves the scenarios’ state with it (expiring-soon expires an hour after the start, trash-full’s trash is 29 days old)', async () => {
    const start = Date.UTC(2031, 0, 2)
    const mock = createRasterMock({ now: () => start })
    expect((await seededTimes(mock, 'expiring-soon')).monogramExpires).toBe(start + 3_600_000)
    const trash = (await seededTimes(mock, 'trash-full')).trashedAt
    expect(trash).toHaveLength(12)
    for (const trashedAt of trash) expect(trashedAt).toBe(start - 29 * DAY)
  })

  it('keeps what the world option wrote where it wrote it, under the scenarios too', async () => {
    const start = Date.UTC(2031, 0, 2)
    const mock = createRasterMock({
      now: () => start,
      world: (world) => world.createAsset({ organizationId: 'monogram-labs', libraryId: 'tokyo', name: 'ours.jpg', created: start - DAY }),
    })
    for (const scenario of ['default', 'trash-full']) {
      const world = await mock.runtime.world(scenario)
      const ours = world.allAssets().find((asset) => asset.name === 'ours.jpg')!
      expect([ours.created, ours.updated]).toEqual([start - DAY, start - DAY])
    }
    expect((await seededTimes(mock, 'trash-full')).trashedAt).toEqual(Array(12).fill(start - 29 * DAY))
  })

  it('is where an API call sees the world: unclaimed-demo works until 29 days after the start, then is gone', async () => {
    const start = Date.UTC(2030, 6, 1)
    const server = setupRasterServer({ now: () => start })
    server.listen()
    try {
      const me = (at: number) =>
        fetch('https://api.raster.app/me', {
          headers: { Authorization: 'Bearer pk_unclaimed_demo', 'Api-Version': '2026-05-20', 'X-Mock-Now': String(at) },
        }).then((response) => response.status)
      expect(await me(start + 29 * DAY - 1)).toBe(200)
      expect(await me(start + 29 * DAY)).toBe(401)
    } finally {
      server.close()
    }
  })
})

describe('the clock of the development entries', () => {
  it('realTime starts at the real now and runs; the fixture is as old as at the reference date', async () => {
    const before = Date.now()
    const mock = createRasterMock({ now: realTime })
    const { start } = mock.clock
    expect(start).toBeGreaterThanOrEqual(before)
    expect(start).toBeLessThanOrEqual(mock.clock.now())
    expect(mock.clock.now()).toBeLessThanOrEqual(Date.now())
    const times = await seededTimes(mock)
    expect(times.unclaimedExpires! - start).toBe(29 * DAY)
  })

  it('Storybook’s rasterMock answers with the real time', async () => {
    const { setupServer } = await import('msw/node')
    const server = setupServer(...rasterMock().handlers.raster)
    server.listen()
    try {
      const response = await fetch('https://api.raster.app/libraries', {
        method: 'POST',
        headers: { 'Api-Version': '2026-05-20', 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'story@example.com' }),
      })
      const { data } = (await response.json()) as { data: { expiresAt: string } }
      // A temporary library made now expires 30 days from the real now, not from 2026-05-20.
      expect(Math.abs(Date.parse(data.expiresAt) - (Date.now() + 30 * DAY))).toBeLessThan(60_000)
    } finally {
      server.close()
    }
  })
})
