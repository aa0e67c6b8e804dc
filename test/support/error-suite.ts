import { expect, it } from 'vitest'
import { ErrorEnvelope } from '../../src/contract/schemas.js'
import type { RestCall } from './client.js'
import { contractCodes, errorCases, expectedError } from './error-cases.js'

/**
 * The catalogue table, run against one transport (msw in Node, or the standalone server).
 * Statuses and messages come from the contract's table in error-cases.ts, not from the catalogue.
 */
export function errorCatalogueSuite(call: () => RestCall) {
  it("reaches every code of the contract's catalogue", () => {
    expect(new Set(errorCases.map((c) => c.code))).toEqual(new Set(contractCodes))
  })

  it.each(errorCases)('$code when $why', async ({ code, call: request, message }) => {
    const reply = await call()(request)
    expect({ status: reply.status, body: reply.body }).toEqual(expectedError(code, message))
    expect(reply.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(reply.headers.get('Vary')).toBe('Api-Version')
    expect(ErrorEnvelope.parse(reply.body)).toEqual(reply.body)
  })

  it('answers an unreachable library exactly like a missing one', async () => {
    const unreachable = await call()({ path: '/organizations/monogram-labs/libraries/barcelona/assets', key: 'pk_monogram_tokyo' })
    const missing = await call()({ path: '/organizations/monogram-labs/libraries/atlantis/assets', key: 'pk_monogram_tokyo' })
    expect(unreachable.status).toBe(404)
    expect([unreachable.status, unreachable.text]).toEqual([missing.status, missing.text])
    expect([...unreachable.headers]).toEqual([...missing.headers])
  })
}
