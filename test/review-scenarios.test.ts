import { describe, expect, it } from 'vitest'
import { expectedError } from './support/error-cases.js'
import { useMockServer, type Call } from './support/client.js'

const barcelona = '/organizations/monogram-labs/libraries/barcelona'
const v2 = (scenario: string, call: Call): Call => ({ version: '2026-07-08', ...call, headers: { 'X-Mock-Scenario': scenario, ...call.headers } })
const HOUR = 60 * 60 * 1000

describe('the review scenarios (docs/scenarios.md)', () => {
  const { mock, call } = useMockServer()
  const newestFirst = async (scenario: string) => (await call(v2(scenario, { path: `${barcelona}/assets?pageSize=500` }))).body.data

  it('approval-pending: barcelona’s three newest assets are in_review, approved and needs_changes; the others have none', async () => {
    const assets = await newestFirst('approval-pending')
    const world = await mock.runtime.world('approval-pending')
    expect(assets.slice(0, 4).map((asset: any) => world.asset(asset.id)!.approval)).toEqual(['in_review', 'approved', 'needs_changes', null])
    expect(world.asset(assets[2].id)!.approvalNote).toBe('Crop tighter and warm the colours.')
    // The states are the scenario's own: the default world has none.
    expect((await mock.runtime.world()).asset(assets[0].id)!.approval).toBe(null)
  })

  it('promote-running: another promote of the asset is 409 CONFLICT until 1 hour after the clock starts, then the variant is its image at its URL', async () => {
    const asset = (await newestFirst('promote-running')).find((candidate: any) => candidate.variants.length > 0)
    const view = asset.variants[0]
    const promote = () => call(v2('promote-running', { key: 'oat_monogram_owner', method: 'POST', path: `${barcelona}/assets/${asset.id}/promote`, json: { variantId: view.id } }))
    const refused = await promote()
    expect({ status: refused.status, body: refused.body }).toEqual({ status: 409, body: { error: { code: 'CONFLICT', message: 'A promote is already running for this asset.' } } })
    mock.clock.advance(HOUR)
    const done = (await call(v2('promote-running', { path: `${barcelona}/assets/${asset.id}` }))).body.data
    expect([done.url, done.width, done.height]).toEqual([asset.url, view.width, view.height])
    const image = await fetch(asset.url)
    expect(Number(image.headers.get('Content-Length'))).toBe(done.size)
    expect((await promote()).status).toBe(200)
  })

  it('token-unverifiable: any OAuth token is 503 SERVICE_UNAVAILABLE; keys work; under 2026-05-20 a token stays INVALID_API_KEY', async () => {
    for (const key of ['oat_monogram_owner', 'oat_nobody']) {
      const reply = await call(v2('token-unverifiable', { key, path: '/me' }))
      expect({ status: reply.status, body: reply.body }).toEqual(expectedError('SERVICE_UNAVAILABLE'))
    }
    expect((await call(v2('token-unverifiable', { path: '/me' }))).status).toBe(200)
    const older = await call(v2('token-unverifiable', { key: 'oat_monogram_owner', path: '/me', version: '2026-05-20' }))
    expect({ status: older.status, body: older.body }).toEqual(expectedError('INVALID_API_KEY'))
  })
})
