import { describe } from 'vitest'
import { expect, it } from 'vitest'
import { useMockServer, type Call } from './support/client.js'
import { userSuite } from './support/user-suite.js'

describe('OAuth users, approval and promote (msw in Node)', () => {
  const { mock, call } = useMockServer()
  userSuite(() => ({
    call,
    base: mock.runtime.baseUrl,
    advance: async (ms) => void mock.clock.advance(ms),
    fetchUrl: (url) => fetch(url),
  }))
})

describe('OAuth users in the model (msw in Node)', () => {
  const { mock, call } = useMockServer()
  const barcelona = '/organizations/monogram-labs/libraries/barcelona'
  const v2 = (key: string, c: Call): Call => ({ version: '2026-07-08', ...c, key })

  it('createUser and createToken make a user whose token works at once, reaching the user’s grants', async () => {
    await mock.ready
    const user = await mock.db.createUser({ id: 'user-sam', organizations: { 'monogram-labs': { role: 'member', grants: { tokyo: 'write' } } } })
    const token = await mock.db.createToken({ userId: user.id })
    expect(token.id).toMatch(/^oat_[A-Za-z0-9]{32}$/)
    expect((await call(v2(token.id, { path: '/me' }))).body.data).toMatchObject({ organizationId: 'monogram-labs', libraries: ['tokyo'] })
    const expired = await mock.db.createToken({ userId: user.id, expiresAt: mock.clock.now() + 1000 })
    expect((await call(v2(expired.id, { path: '/me' }))).status).toBe(200)
    mock.clock.advance(1000)
    expect((await call(v2(expired.id, { path: '/me' }))).body.error.code).toBe('UNAUTHENTICATED')
    await expect(mock.db.createToken({ userId: 'user-nobody' })).rejects.toThrow(/userId "user-nobody" is not a user of this world/)
    await expect(mock.db.createUser({ organizations: { nowhere: { role: 'owner' } } })).rejects.toThrow(/organizationId "nowhere"/)
  })

  it('an approval is stored on the asset; a refused one stores nothing', async () => {
    const asset = (await call({ path: `${barcelona}/assets` })).body.data[0]
    await call(v2('oat_monogram_owner', { method: 'PATCH', path: `${barcelona}/assets/${asset.id}/approval`, json: { state: 'needs_changes', note: ' Crop. ' } }))
    expect(mock.db.asset(asset.id)).toMatchObject({ approval: 'needs_changes', approvalNote: 'Crop.' })
    for (const json of [{ state: 'approved', note: 'x'.repeat(501) }, { state: 'nope' }]) {
      expect((await call(v2('oat_monogram_owner', { method: 'PATCH', path: `${barcelona}/assets/${asset.id}/approval`, json }))).status).toBe(400)
    }
    expect((await call(v2('oat_monogram_member', { method: 'PATCH', path: `${barcelona}/assets/${asset.id}/approval`, json: { state: 'approved' } }))).status).toBe(403)
    expect(mock.db.asset(asset.id)).toMatchObject({ approval: 'needs_changes', approvalNote: 'Crop.' })
    await call(v2('oat_monogram_owner', { method: 'PATCH', path: `${barcelona}/assets/${asset.id}/approval`, json: { state: 'approved' } }))
    expect(mock.db.asset(asset.id)).toMatchObject({ approval: 'approved', approvalNote: null })
  })

  it('promoting a trashed variant is 404 NOT_FOUND "Variant not found.", nothing written', async () => {
    await mock.ready
    const asset = (await call({ path: `${barcelona}/assets?pageSize=500` })).body.data.find((candidate: any) => candidate.views.length > 0)
    const variant = mock.db.asset(asset.views[0].id)!
    await mock.db.updateAsset(variant, { trashedAt: mock.clock.now() })
    const reply = await call(v2('oat_monogram_owner', { method: 'POST', path: `${barcelona}/assets/${asset.id}/promote`, json: { variantId: variant.id } }))
    expect({ status: reply.status, body: reply.body }).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'Variant not found.' } } })
    expect(mock.db.asset(asset.id)!.promotion).toBe(null)
  })
})
