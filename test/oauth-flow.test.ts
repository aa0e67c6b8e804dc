import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { setupRasterServer } from '../src/node.js'
import { startServer, type RunningServer } from '../src/server.js'
import { signInFlow } from './support/oauth-flow.js'

describe('OAuth sign-in end to end with PKCE, in Node (setupRasterServer)', () => {
  const raster = setupRasterServer()
  beforeAll(() => raster.listen())
  afterEach(() => raster.mock.reset())
  afterAll(() => raster.close())

  it('discovery, authorize, a wrong verifier refused, the code exchanged, the token used, refreshed and revoked', async () => {
    await signInFlow('https://api.raster.app')
  })

  it('refuses what RFC 6749 refuses, with its error bodies, issuing nothing', async () => {
    const base = 'https://api.raster.app/oauth'
    const noRedirect = await fetch(`${base}/authorize?response_type=code&code_challenge=x&code_challenge_method=S256`, { redirect: 'manual' })
    expect(noRedirect.status).toBe(400)
    expect(await noRedirect.json()).toMatchObject({ error: 'invalid_request' })
    const noPkce = await fetch(`${base}/authorize?response_type=code&redirect_uri=${encodeURIComponent('http://localhost/cb')}&state=s`, { redirect: 'manual' })
    const location = new URL(noPkce.headers.get('Location')!)
    expect([noPkce.status, location.searchParams.get('error'), location.searchParams.get('state'), location.searchParams.get('code')]).toEqual([302, 'invalid_request', 's', null])
    const form = (body: Record<string, string>) => ({ method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() })
    const grant = await fetch(`${base}/token`, form({ grant_type: 'password', username: 'a', password: 'b' }))
    expect([grant.status, (await grant.json()).error]).toEqual([400, 'unsupported_grant_type'])
    const refresh = await fetch(`${base}/token`, form({ grant_type: 'refresh_token', refresh_token: 'ort_nope' }))
    expect([refresh.status, (await refresh.json()).error]).toEqual([400, 'invalid_grant'])
    expect((await fetch(`${base}/revoke`, form({ token: 'oat_nope' }))).status).toBe(200)
    // Only the fixture's tokens: no code or token was issued.
    await raster.mock.ready
    expect(raster.mock.db.toRecords().tokens!.map((token) => token.id).sort()).toEqual(
      ['oat_acme_owner', 'oat_all_organizations', 'oat_monogram_member', 'oat_monogram_owner', 'oat_monogram_owner_expired', 'oat_monogram_owner_revoked'],
    )
  })
})

describe('OAuth sign-in end to end with PKCE, against the standalone server', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ port: 0, log: false })
  })
  afterAll(() => server.close())

  it('discovery, authorize, a wrong verifier refused, the code exchanged, the token used, refreshed and revoked', async () => {
    await signInFlow(server.url)
  })
})
