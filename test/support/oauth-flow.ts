import { expect } from 'vitest'

/** A PKCE pair (RFC 7636, S256): a random verifier and BASE64URL(SHA-256(verifier)). */
export async function pkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')
  const challenge = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))).toString('base64url')
  return { verifier, challenge }
}

const form = (values: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(values).toString(),
})

/**
 * Sign-in as an app does it, against the API at `base`: discovery, authorize (with PKCE), the code exchanged for
 * tokens (a wrong verifier refused first), the token used on the REST API, refreshed, revoked. Every expected value
 * is docs/rest.md's ("OAuth").
 */
export async function signInFlow(base: string): Promise<void> {
  const discovery = await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json()
  expect(discovery).toMatchObject({
    issuer: base,
    authorization_endpoint: `${base}/oauth/authorize`,
    token_endpoint: `${base}/oauth/token`,
    revocation_endpoint: `${base}/oauth/revoke`,
    code_challenge_methods_supported: ['S256'],
  })
  const redirectUri = 'http://localhost:3000/callback'
  const { verifier, challenge } = await pkce()
  const authorizeUrl = new URL(discovery.authorization_endpoint)
  for (const [name, value] of Object.entries({ response_type: 'code', client_id: 'my-app', redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256', state: 'xyz' })) {
    authorizeUrl.searchParams.set(name, value)
  }
  const consent = await fetch(authorizeUrl, { redirect: 'manual' })
  expect(consent.status).toBe(302)
  const callback = new URL(consent.headers.get('Location')!)
  expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri)
  expect(callback.searchParams.get('state')).toBe('xyz')
  const code = callback.searchParams.get('code')!
  expect(code).toBeTruthy()

  const exchange = (verifierSent: string) =>
    fetch(discovery.token_endpoint, form({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'my-app', code_verifier: verifierSent }))
  const wrong = await exchange('not-the-verifier-not-the-verifier-not-the-verifier')
  expect(wrong.status).toBe(400)
  expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' })

  const granted = await exchange(verifier)
  expect(granted.status).toBe(200)
  expect(granted.headers.get('Cache-Control')).toBe('no-store')
  const tokens = await granted.json()
  expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 })
  expect(tokens.access_token).toMatch(/^oat_/)
  // A code is used once.
  expect(await (await exchange(verifier)).json()).toMatchObject({ error: 'invalid_grant' })

  const me = (token: string) => fetch(`${base}/me`, { headers: { Authorization: `Bearer ${token}`, 'Api-Version': '2026-07-08' } })
  const answer = await me(tokens.access_token)
  expect(answer.status).toBe(200)
  expect((await answer.json()).data).toMatchObject({ organizationId: 'monogram-labs', libraries: ['barcelona', 'tokyo', 'lisbon'] })

  const refreshed = await (await fetch(discovery.token_endpoint, form({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }))).json()
  expect(refreshed.access_token).toMatch(/^oat_/)
  expect(refreshed.access_token).not.toBe(tokens.access_token)
  expect((await me(refreshed.access_token)).status).toBe(200)

  const revoked = await fetch(discovery.revocation_endpoint, form({ token: refreshed.access_token }))
  expect(revoked.status).toBe(200)
  const after = await me(refreshed.access_token)
  expect(after.status).toBe(401)
  expect((await after.json()).error.code).toBe('UNAUTHENTICATED')
  // The first access token was not revoked.
  expect((await me(tokens.access_token)).status).toBe(200)
}
