import { describe, expect, it } from 'vitest'
import { runGraphQL } from '../handlers/graphql-run.js'
import { createRasterMock } from '../src/index.js'

/**
 * GraphQL follows the current version: with 2026-07-08 current, an OAuth token works there as in REST, and the
 * viewer of a token granted every organization lists them (docs/graphql.md). The current version is set on the
 * request's env here, as the runtime's `apiVersion` option sets it.
 */
async function viewer(token: string, apiVersion: string): Promise<any> {
  const mock = createRasterMock()
  const request = new Request('https://api.raster.app/', {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: '{ viewer { organizationId plan libraries organizations { organizationId libraries } } }' }),
  })
  const env = await mock.runtime.envFor(request)
  const response = await runGraphQL(async () => ({ ...env, world: env.world, apiVersion }), request, apiVersion)
  return { status: response.status, body: await response.json() }
}

describe('GraphQL viewer with OAuth tokens', () => {
  it('a token granted every organization: the first organization’s fields, and organizations', async () => {
    const { status, body } = await viewer('oat_all_organizations', '2026-07-08')
    expect(status).toBe(200)
    expect(body.data.viewer).toEqual({
      organizationId: 'monogram-labs',
      plan: 'pro',
      libraries: ['barcelona', 'tokyo', 'lisbon'],
      organizations: [
        { organizationId: 'monogram-labs', libraries: ['barcelona', 'tokyo', 'lisbon'] },
        { organizationId: 'acme', libraries: ['acme-1', 'acme-2', 'acme-3', 'acme-4'] },
        { organizationId: 'northwind', libraries: ['northwind-main'] },
      ],
    })
  })

  it('a single-organization token answers like a key (organizations null); under 2026-05-20 a token is INVALID_API_KEY', async () => {
    expect((await viewer('oat_monogram_member', '2026-07-08')).body.data.viewer).toEqual({
      organizationId: 'monogram-labs',
      plan: 'pro',
      libraries: ['barcelona', 'tokyo'],
      organizations: null,
    })
    const old = await viewer('oat_monogram_owner', '2026-05-20')
    expect(old.status).toBe(401)
    expect(old.body.errors[0].extensions.code).toBe('INVALID_API_KEY')
  })
})
