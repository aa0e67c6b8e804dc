import { describe, expect, it } from 'vitest'
import { scenarioNames } from '../scenarios/combine.js'
import { barcelona, useMockServer } from './support/client.js'

/**
 * Every scenario in both versions: the same reads reach the same state in each, a success in the version's own
 * shape (every reply is checked against that version's OpenAPI document), a failure with the same code.
 */
const { call } = useMockServer({ sleep: async () => {} })
const reads = ['/me', `${barcelona}/assets?pageSize=5`, '/organizations/monogram-labs/search/assets?q=a', `${barcelona}/tags`]

describe.each(scenarioNames)('scenario %s', (scenario) => {
  it('answers the same reads in 2026-05-20 and 2026-07-08', async () => {
    for (const path of reads) {
      const ask = (version: string) => call({ path, version, headers: { 'X-Mock-Scenario': scenario, 'X-Mock-Session': `${scenario}-${version}` } })
      if (scenario === 'network-error') {
        await expect(ask('2026-05-20')).rejects.toThrow(TypeError)
        await expect(ask('2026-07-08')).rejects.toThrow(TypeError)
        continue
      }
      const [old, next] = [await ask('2026-05-20'), await ask('2026-07-08')]
      expect(next.status, `${path}: ${next.text}`).toBe(old.status)
      expect(next.body.error?.code).toBe(old.body.error?.code)
      if (path.startsWith(`${barcelona}/assets`) && old.status === 200) {
        expect(next.body.data.map((asset: { id: string }) => asset.id)).toEqual(old.body.data.map((asset: { id: string }) => asset.id))
        for (const asset of next.body.data) expect(asset).toHaveProperty('variants')
      }
    }
  })
})
