import { describe, expect, it } from 'vitest'
import { useMockServer } from './support/client.js'
import { asRest, expectData, expectError, graphqlClient } from './support/graphql.js'
import { accessCasesOf, operations, primary } from './support/graphql-operations.js'

/**
 * Every action through both APIs: the same world gives the same data, and the
 * same failure gives the same code, status and message. A fixed clock makes
 * the timestamps of writes comparable.
 */
const { mock, call } = useMockServer({ now: () => Date.UTC(2026, 4, 21) })
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)

describe.each(operations)('$field', (operation) => {
  it('returns what REST returns for the same world', async () => {
    const rest = await call(operation.rest(primary))
    expect(rest.status, rest.text).toBeLessThan(300)
    await mock.reset()
    const value = expectData(await gql(operation.graphql(primary)))[operation.field]
    expect(value).not.toEqual([])
    expect(asRest(value)).toEqual(rest.body.data)
  })

  it.each(accessCasesOf(operation))('fails like REST, with $code, for $why', async ({ target, headers, code }) => {
    const rest = await call({ ...operation.rest(target), headers })
    expect(rest.body.error?.code, rest.text).toBe(code)
    expectError(await gql({ ...operation.graphql(target), headers }), code, rest.body.error.message)
  })
})
