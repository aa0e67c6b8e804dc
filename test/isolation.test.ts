import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { useMockServer, type Call } from './support/client.js'

/**
 * Key isolation as a property: for random keys, libraries and operations, a key
 * never reads or writes a library without the grant, and an unreachable library
 * answers byte for byte like a missing one. Read grants never write.
 */
const { mock, call } = useMockServer()

const libraries = [
  ['monogram-labs', 'barcelona'],
  ['monogram-labs', 'tokyo'],
  ['monogram-labs', 'lisbon'],
  ['acme', 'acme-1'],
  ['northwind', 'northwind-main'],
  ['unclaimed-demo', 'drafts'],
] as const

const operations: Array<{ access: 'read' | 'write'; call: (org: string, lib: string) => Call }> = [
  { access: 'read', call: (org, lib) => ({ path: `/organizations/${org}/libraries/${lib}/assets` }) },
  { access: 'read', call: (org, lib) => ({ path: `/organizations/${org}/libraries/${lib}/tags` }) },
  { access: 'read', call: (org, lib) => ({ path: `/organizations/${org}/libraries/${lib}/assets/some-id` }) },
  { access: 'read', call: (org, lib) => ({ path: `/organizations/${org}/search/assets?libraries=${lib}` }) },
  { access: 'write', call: (org, lib) => ({ method: 'PATCH', path: `/organizations/${org}/libraries/${lib}`, json: { name: 'Mine now' } }) },
  { access: 'write', call: (org, lib) => ({ method: 'DELETE', path: `/organizations/${org}/libraries/${lib}/assets`, json: { ids: ['x'] } }) },
  { access: 'write', call: (org, lib) => ({ method: 'POST', path: `/organizations/${org}/libraries/${lib}/assets/tag`, json: { assetIds: ['x'], tags: ['t'] } }) },
]

describe('key isolation', () => {
  it('holds for every key, library and operation', async () => {
    const world = await mock.ready
    const anonymous = await call({ method: 'POST', path: '/libraries', key: null, json: { email: 'iso@example.com' } })
    const keys = [...world.toRecords().keys.map((k) => k.id), anonymous.body.data.apiKey as string]

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...keys),
        fc.constantFrom(...libraries),
        fc.constantFrom(...operations),
        async (keyId, [org, lib], operation) => {
          const key = world.key(keyId)!
          const before = JSON.stringify(world.toRecords())
          const reply = await call({ ...operation.call(org, lib), key: keyId })
          const grant = key.organizationId === org ? key.grants[lib] : undefined
          const allowed = grant === 'write' || (grant === 'read' && operation.access === 'read')
          if (allowed) {
            expect(reply.body.error?.code).not.toBe('API_KEY_NOT_AUTHORIZED_FOR_LIBRARY')
            return
          }
          // A key of another organization is not a key of the target organization: 401 INVALID_API_KEY.
          expect(reply.status).toBe(key.organizationId === org ? 404 : 401)
          const missing = await call({ ...operation.call(org, 'no-such-library'), key: keyId })
          expect(reply.text).toBe(missing.text)
          expect(reply.status).toBe(missing.status)
          expect(JSON.stringify(world.toRecords())).toBe(before)
        },
      ),
      { numRuns: 300 },
    )
  })

  it("never lets a temporary organization's key reach another organization", async () => {
    const anonymous = await call({ method: 'POST', path: '/libraries', key: null, json: { email: 'tmp@example.com' } })
    for (const [org, lib] of libraries) {
      const reply = await call({ path: `/organizations/${org}/libraries/${lib}/assets`, key: anonymous.body.data.apiKey })
      expect(reply.status).toBe(401)
    }
  })
})
