import { expect, it } from 'vitest'
import { errorCatalogue, errorCodes } from '../../src/contract/errors.js'
import { ErrorEnvelope } from '../../src/contract/schemas.js'
import type { RestCall } from './client.js'
import { errorCases } from './error-cases.js'

/** The catalogue table, run against one transport (msw in Node, or the standalone server). */
export function errorCatalogueSuite(call: () => RestCall) {
  it('reaches every code of the catalogue', () => {
    expect(new Set(errorCases.map((c) => c.code))).toEqual(new Set(errorCodes))
  })

  it.each(errorCases)('$code when $why', async ({ code, call: request, message }) => {
    const reply = await call()(request)
    expect(reply.status).toBe(errorCatalogue[code].status)
    expect(reply.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(reply.headers.get('Vary')).toBe('Api-Version')
    expect(ErrorEnvelope.parse(reply.body)).toEqual({
      error: { code, message: message ?? errorCatalogue[code].message },
    })
  })

  it('answers an unreachable library exactly like a missing one', async () => {
    const unreachable = await call()({ path: '/organizations/monogram-labs/libraries/barcelona/assets', key: 'pk_monogram_tokyo' })
    const missing = await call()({ path: '/organizations/monogram-labs/libraries/atlantis/assets', key: 'pk_monogram_tokyo' })
    expect(unreachable.status).toBe(404)
    expect([unreachable.status, unreachable.text]).toEqual([missing.status, missing.text])
    expect([...unreachable.headers]).toEqual([...missing.headers])
  })
}
