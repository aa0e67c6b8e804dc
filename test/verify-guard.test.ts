import { describe, expect, it } from 'vitest'
import { guardedFetch, refusal, RefusedRequest, type Allowlist } from '../src/verify/guard.js'

/** The real side's guard: only the suite's reads leave the machine, unless writes are allowed to one library. */
const origin = 'https://api.raster.app'
const reads: Allowlist = { origin, extraPaths: ['/organizations/acme/raster-mock-verify-missing'] }
const graphql = (query: string) => JSON.stringify({ query })

describe('the guard allows', () => {
  it.each([
    '/me',
    '/openapi.json',
    '/organizations/acme/libraries',
    '/organizations/acme/libraries/a/assets',
    '/organizations/acme/libraries/a/assets/x1',
    '/organizations/acme/libraries/a/tags',
    '/organizations/acme/search/assets',
    '/organizations/acme/raster-mock-verify-missing',
  ])('GET %s', (path) => {
    expect(refusal(reads, 'GET', `${origin}${path}?page=2`, undefined)).toBeUndefined()
  })

  it('a GraphQL query, named or not, with fragments', () => {
    expect(refusal(reads, 'POST', `${origin}/`, graphql('{ viewer { organizationId } }'))).toBeUndefined()
    expect(refusal(reads, 'POST', `${origin}/`, graphql('query Q { ...F } fragment F on Query { viewer { plan } }'))).toBeUndefined()
  })
})

describe('the guard refuses', () => {
  it.each([
    ['a mutation', 'POST', '/', graphql('mutation { createLibrary(organizationId: "a", name: "x") { id } }'), 'a GraphQL mutation'],
    ['a mutation beside a query', 'POST', '/', graphql('query A { viewer { plan } } mutation B { deleteAssets(organizationId: "a", libraryId: "b", assets: []) { ids } }'), 'a GraphQL mutation'],
    ['a subscription', 'POST', '/', graphql('subscription { x }'), 'a GraphQL subscription'],
    ['a document that does not parse', 'POST', '/', graphql('{ viewer {'), 'does not parse'],
    ['a body that is not JSON', 'POST', '/', 'query=x', 'does not parse'],
    ['a GraphQL request without a query', 'POST', '/', '{}', 'without a query'],
    ['a fragment alone', 'POST', '/', graphql('fragment F on Query { viewer { plan } }'), 'without an operation'],
    ['an upload', 'POST', '/organizations/acme/libraries/a/assets', undefined, 'a write'],
    ['a delete', 'DELETE', '/organizations/acme/libraries/a/assets', '{"ids":["x"]}', 'a write'],
    ['a rename', 'PATCH', '/organizations/acme/libraries/a', '{"name":"x"}', 'a write'],
    ['the anonymous library', 'POST', '/libraries', '{"email":"a@b.c"}', 'a write'],
    ['a GET of another path', 'GET', '/__mock/reset', undefined, 'not one of the suite'],
    ['a GET with a body', 'GET', '/me', 'x', 'a GET with a body'],
    ['a HEAD', 'HEAD', '/me', undefined, 'a write'],
  ])('%s', (_, method, path, body, why) => {
    expect(refusal(reads, method, `${origin}${path}`, body)).toContain(why)
  })

  it('another origin, even for a read', () => {
    expect(refusal(reads, 'GET', 'https://evil.example/me', undefined)).toContain('another origin')
  })

  it('with writes allowed, a write to any other library, or another write than the cycle’s', () => {
    const writes: Allowlist = { origin, writes: { organizationId: 'acme', libraryId: 'scratch', allowed: [{ method: 'POST', below: '/assets/tag' }] } }
    expect(refusal(writes, 'POST', `${origin}/organizations/acme/libraries/scratch/assets/tag`, '{}')).toBeUndefined()
    expect(refusal(writes, 'POST', `${origin}/organizations/acme/libraries/main/assets/tag`, '{}')).toContain('a write')
    expect(refusal(writes, 'POST', `${origin}/organizations/acme/libraries/scratch/assets/untag`, '{}')).toContain('a write')
    expect(refusal(writes, 'POST', `${origin}/organizations/other/libraries/scratch/assets/tag`, '{}')).toContain('a write')
  })
})

describe('guardedFetch', () => {
  it('sends an allowed request (never following a redirect), and refuses another before anything is sent', async () => {
    const sent: string[] = []
    const inner = (async (request: Request) => (sent.push(`${request.method} ${new URL(request.url).pathname} ${request.redirect}`), new Response('{}'))) as typeof fetch
    const guarded = guardedFetch(reads, inner)
    await guarded(new Request(`${origin}/me`))
    await expect(guarded(new Request(`${origin}/`, { method: 'POST', body: graphql('mutation { x }') }))).rejects.toThrow(RefusedRequest)
    const form = new FormData()
    form.append('files', new File(['x'], 'x.png'))
    await expect(guarded(new Request(`${origin}/`, { method: 'POST', body: form }))).rejects.toThrow('a GraphQL request without a body')
    await expect(guarded(new Request(`${origin}/organizations/acme/libraries/a/assets`, { method: 'DELETE', body: '{}' }))).rejects.toThrow(
      'raster-mock verify refused to send DELETE /organizations/acme/libraries/a/assets: a write',
    )
    expect(sent).toEqual(['GET /me manual'])
  })
})
