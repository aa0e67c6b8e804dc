import { describe, expect, it } from 'vitest'
import { ScenarioCatalogue } from '../../scenarios/combine.js'
import { defaultLimits } from '../config.js'
import { FileStore } from '../model/files.js'
import { Worlds } from './worlds.js'

function registry(caps: { maxSessions?: number; maxScenarioWorlds?: number } = {}) {
  const catalogue = new ScenarioCatalogue()
  const worlds = new Worlds({
    seed: 20260520,
    now: () => 0,
    limits: defaultLimits,
    cdnUrl: 'https://cdn.raster.app',
    files: new FileStore(),
    catalogue,
    shape: undefined,
    seeded: undefined,
    maxSessions: caps.maxSessions ?? 1000,
    maxScenarioWorlds: caps.maxScenarioWorlds ?? 20,
  })
  return { worlds, combination: (name: string) => catalogue.combine(name) }
}

describe('the world registry', () => {
  it('keeps one world per session, the same on every ask, and drops them all on reset', async () => {
    const { worlds } = registry()
    const a = await worlds.world('default', 'a')
    expect(await worlds.world('default', 'a')).toBe(a)
    expect(await worlds.world('default', 'b')).not.toBe(a)
    expect(worlds.usage).toEqual({ worlds: 0, sessions: 2, scenarioWorlds: 0 })
    worlds.reset()
    expect(worlds.usage).toEqual({ worlds: 0, sessions: 0, scenarioWorlds: 0 })
    expect(await worlds.world('default', 'a')).not.toBe(a)
  })

  it('evicts the least recently used session beyond maxSessions, and tells the log once and the session once', async () => {
    const { worlds, combination } = registry({ maxSessions: 1 })
    await worlds.world('default', 'a')
    await worlds.world('default', 'b')
    const notice = `session "a" was evicted (over maxSessions (1)): it starts again from its scenario's seed`
    expect(worlds.takeEvictions()).toEqual([notice])
    expect(worlds.takeEvictions()).toEqual([])
    expect(worlds.takeNotice(combination('default'), 'a')).toBe(notice)
    expect(worlds.takeNotice(combination('default'), 'a')).toBeUndefined()
    expect(worlds.takeNotice(combination('default'), undefined)).toBeUndefined()
  })

  it("drops a scenario's session worlds with its world beyond maxScenarioWorlds", async () => {
    const { worlds } = registry({ maxScenarioWorlds: 1 })
    await worlds.world('library-locked', 's')
    await worlds.world('pro-plan-canceled')
    expect(worlds.usage.scenarioWorlds).toBe(1)
    expect(worlds.takeEvictions()).toEqual([
      `session "s" was evicted (its scenario's world was dropped, over maxScenarioWorlds (1)): it starts again from its scenario's seed`,
    ])
  })
})
