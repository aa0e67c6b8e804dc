import { describe, expect, it } from 'vitest'
import { RasterError } from '../src/contract/errors.js'
import { createRasterMock, type ClaimInput } from '../src/index.js'
import { useMockServer } from './support/client.js'
import { graphqlClient } from './support/graphql.js'
import { timeSuite } from './support/time-suite.js'

/** Time in Node: the clock of `createRasterMock` behind msw's setupServer (issue #18). */
const { mock, call } = useMockServer()
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)

timeSuite(() => ({
  rest: call,
  gql,
  async setClock(ms) {
    mock.clock.set(ms)
  },
  // mock.claim's answer in the API's envelope, as POST /__mock/claim would send it.
  claim: (input) =>
    mock.claim(input as ClaimInput).then(
      (data) => ({ status: 200, body: { data } }),
      (error: RasterError) => ({ status: error.status, body: { error: { code: error.code, message: error.message } } }),
    ),
}))

const REFERENCE = Date.UTC(2026, 4, 20)

describe('mock.clock', () => {
  it('starts at the reference date, and set and advance move it exactly (ms, d, h, m, s, ms)', () => {
    const fresh = createRasterMock().clock
    expect(fresh.now()).toBeGreaterThanOrEqual(REFERENCE)
    expect(fresh.now()).toBeLessThan(REFERENCE + 60_000)
    expect(mock.clock.set(REFERENCE)).toBe(REFERENCE)
    expect(mock.clock.advance('30d')).toBe(REFERENCE + 30 * 86_400_000)
    expect(mock.clock.advance('2h')).toBe(REFERENCE + 30 * 86_400_000 + 7_200_000)
    expect(mock.clock.advance('90s')).toBe(REFERENCE + 30 * 86_400_000 + 7_290_000)
    expect(mock.clock.advance('-15m')).toBe(REFERENCE + 30 * 86_400_000 + 6_390_000)
    expect(mock.clock.advance(250)).toBe(REFERENCE + 30 * 86_400_000 + 6_390_250)
    expect(mock.clock.now()).toBe(REFERENCE + 30 * 86_400_000 + 6_390_250)
    expect(() => mock.clock.advance('soon')).toThrow(RangeError)
    expect(() => mock.clock.set(-1)).toThrow(RangeError)
  })

  it('is kept by reset() and put back where it started by reset({ clock: true })', async () => {
    mock.clock.set(REFERENCE + 40 * 86_400_000)
    await mock.reset()
    expect(mock.clock.now()).toBe(REFERENCE + 40 * 86_400_000)
    expect((await call({ path: '/me', key: 'pk_unclaimed_demo' })).status).toBe(401)
    await mock.reset({ clock: true })
    expect(mock.clock.now()).toBeLessThan(REFERENCE + 60_000)
    expect((await call({ path: '/me', key: 'pk_unclaimed_demo' })).status).toBe(200)
  })

  it('is shared by sessions', async () => {
    mock.clock.set(Date.UTC(2026, 5, 18))
    const reply = await call({ path: '/me', key: 'pk_unclaimed_demo', headers: { 'X-Mock-Session': 'a' } })
    expect(reply.status).toBe(401)
  })

  it('follows the now option until set', async () => {
    let source = Date.UTC(2026, 5, 18) - 1
    const other = createRasterMock({ now: () => source })
    expect(other.clock.now()).toBe(Date.UTC(2026, 5, 18) - 1)
    source += 1
    expect(other.clock.now()).toBe(Date.UTC(2026, 5, 18))
    other.clock.set(5)
    source += 1000
    expect(other.clock.now()).toBe(5)
    await other.reset({ clock: true })
    expect(other.clock.now()).toBe(Date.UTC(2026, 5, 18) + 1000)
  })
})

describe('mock.claim', () => {
  it('claims in the active world; a second claim rejects with the 409 RasterError', async () => {
    mock.clock.set(REFERENCE)
    await expect(mock.claim({ claimUrl: 'https://raster.app/claim/demo-claim-token' })).resolves.toEqual({
      organizationId: 'unclaimed-demo',
      plan: 'free',
      temporary: false,
    })
    const again = mock.claim({ organizationId: 'unclaimed-demo' })
    await expect(again).rejects.toBeInstanceOf(RasterError)
    await expect(again).rejects.toMatchObject({ code: 'CONFLICT', status: 409, message: 'This temporary library was already claimed.' })
    mock.clock.advance('365d')
    expect((await call({ path: '/organizations/unclaimed-demo/libraries/drafts/assets', key: 'pk_unclaimed_demo' })).status).toBe(200)
  })
})
