import { describe, expect, it, vi } from 'vitest'
import { graphqlErrorResponse } from '../src/contract/envelope.js'
import { messages } from '../src/contract/errors.js'
import { useMockServer } from './support/client.js'
import { expectData, expectError, graphqlClient, type GraphQLReply } from './support/graphql.js'

/** What reaches `POST /` before any operation runs: bodies, documents, variables, methods, headers. */
const { mock } = useMockServer()
const endpoint = `${mock.runtime.baseUrl}/`
const gql = graphqlClient(endpoint)
const viewer = '{ viewer { organizationId } }'

function expectDocumentError(reply: GraphQLReply, code: string, message: string) {
  expect(reply.status).toBe(400)
  expect(reply.headers.get('Content-Type')).toMatch(/^application\/json/)
  expect(reply.body.data).toBeNull()
  expect(reply.body.errors[0]).toMatchObject({ message, extensions: { code, http: { status: 400 } } })
}

describe('malformed requests get the envelope, never a crash', () => {
  it.each([
    ['a body that is not JSON', '{"query": ', messages.invalidJson],
    ['a batch (a JSON array)', JSON.stringify([{ query: viewer }]), messages.jsonNotObject],
    ['an empty body', '', messages.graphqlQueryMissing],
    ['no query', JSON.stringify({ variables: {} }), messages.graphqlQueryMissing],
    ['a blank query', JSON.stringify({ query: '  ' }), messages.graphqlQueryMissing],
    ['a query that is not a string', JSON.stringify({ query: 42 }), messages.graphqlQueryMissing],
    ['variables that are not an object', JSON.stringify({ query: viewer, variables: [1] }), messages.graphqlVariablesNotObject],
    ['an operationName that is not a string', JSON.stringify({ query: viewer, operationName: 1 }), messages.graphqlOperationNameNotString],
  ])('%s → BAD_USER_INPUT', async (_, body, message) => {
    expectError(await gql({ query: '', body, headers: { 'Content-Type': 'application/json' } }), 'BAD_USER_INPUT', message)
  })

  it.each(['GET', 'PUT', 'DELETE'])('%s / → BAD_USER_INPUT: GraphQL is POST only', async (method) => {
    expectError(await gql({ query: viewer, method, body: method === 'GET' ? undefined : '{}' }), 'BAD_USER_INPUT', messages.graphqlPostOnly)
  })

  it('a syntax error → 400 GRAPHQL_PARSE_FAILED with where it is', async () => {
    const reply = await gql({ query: '{ viewer { organizationId ' })
    expectDocumentError(reply, 'GRAPHQL_PARSE_FAILED', 'Syntax Error: Expected Name, found <EOF>.')
    expect(reply.body.errors[0].locations).toEqual([{ line: 1, column: 27 }])
  })

  it('a document that does not fit the schema → 400 GRAPHQL_VALIDATION_FAILED, every problem listed', async () => {
    const reply = await gql({ query: '{ viewer { nope } libraries { id } }' })
    expectDocumentError(reply, 'GRAPHQL_VALIDATION_FAILED', 'Cannot query field "nope" on type "Viewer".')
    expect(reply.body.errors).toHaveLength(2)
    expect(reply.body.errors[1].message).toMatch(/argument "organizationId" of type "String!" is required/)
  })

  it('an ID! variable where photos declares String! → GRAPHQL_VALIDATION_FAILED', async () => {
    const reply = await gql({
      query: 'query($o: ID!, $l: ID!) { photos(organizationId: $o, libraryId: $l) { id } }',
      variables: { o: 'monogram-labs', l: 'barcelona' },
    })
    expectDocumentError(reply, 'GRAPHQL_VALIDATION_FAILED', 'Variable "$o" of type "ID!" used in position expecting type "String!".')
  })

  it.each([
    ['of the wrong type', { o: 'monogram-labs', p: 'two' }, 'Variable "$p" got invalid value "two"; Int cannot represent non-integer value: "two"'],
    ['missing', { p: 1 }, 'Variable "$o" of required type "String!" was not provided.'],
  ])('a variable %s → 400 BAD_USER_INPUT with graphql-js’s message', async (_, variables, message) => {
    const reply = await gql({ query: 'query($o: String!, $p: Int) { libraries(organizationId: $o, page: $p) { id } }', variables })
    expectError(reply, 'BAD_USER_INPUT', message)
  })

  it('several operations need an operationName; an unknown one is BAD_USER_INPUT', async () => {
    const query = 'query A { viewer { plan } } query B { viewer { organizationId } }'
    expectError(await gql({ query }), 'BAD_USER_INPUT', 'Must provide operation name if query contains multiple operations.')
    expectError(await gql({ query, operationName: 'C' }), 'BAD_USER_INPUT', 'Unknown operation named "C".')
    expect(expectData(await gql({ query, operationName: 'B' }))).toEqual({ viewer: { organizationId: 'monogram-labs' } })
  })

  it('one failing field fails the whole request: no partial data, the error’s status', async () => {
    const reply = await gql({ query: '{ viewer { plan } asset(organizationId: "monogram-labs", libraryId: "barcelona", assetId: "nope") { id } }' })
    expectError(reply, 'RESOURCE_NOT_FOUND')
  })

  it('forced errors and scenario faults answer in the GraphQL envelope', async () => {
    expectError(await gql({ query: viewer, headers: { 'X-Mock-Error': 'LIBRARY_LOCKED' } }), 'LIBRARY_LOCKED')
    expectError(await gql({ query: viewer, headers: { 'X-Mock-Scenario': 'server-error' } }), 'INTERNAL_SERVER_ERROR')
  })

  it('an unexpected error is INTERNAL_SERVER_ERROR, without its details', async () => {
    vi.spyOn(console, 'error').mockImplementationOnce(() => {})
    const response = graphqlErrorResponse(new TypeError('secret stack'))
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({
      errors: [{ message: 'An unexpected error occurred. Please try again.', extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 500 } } }],
      data: null,
    })
  })
})

describe('what real clients send is accepted', () => {
  it('needs no Api-Version, accepts Apollo-Require-Preflight, and ignores undeclared variables', async () => {
    const reply = await gql({
      query: 'query Query($organizationId: String!) { libraries(organizationId: $organizationId) { id } }',
      operationName: 'Query',
      variables: { organizationId: 'monogram-labs', pageSize: 50, unused: true },
      headers: { 'Apollo-Require-Preflight': 'true' },
    })
    expect(expectData(reply).libraries.map((l: any) => l.id)).toEqual(['barcelona', 'tokyo', 'lisbon'])
  })

  it('reads a body sent as text/plain or as curl’s default form type as JSON', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const reply = await gql({ query: '', body: JSON.stringify({ query: viewer }), headers: { 'Content-Type': type } })
      expect(expectData(reply)).toEqual({ viewer: { organizationId: 'monogram-labs' } })
    }
  })

  it('treats null arguments as not given', async () => {
    const query = 'query($p: Int, $s: Int) { assets(organizationId: "monogram-labs", libraryId: "tokyo", page: $p, pageSize: $s) { id } }'
    const withNulls = expectData(await gql({ query, variables: { p: null, s: null } }))
    expect(withNulls.assets).toHaveLength(24)
    expect(withNulls).toEqual(expectData(await gql({ query })))
  })

  it('answers introspection and __typename without a key', async () => {
    const reply = await gql({ key: null, query: '{ __typename __schema { queryType { name } } }' })
    expect(expectData(reply)).toEqual({ __typename: 'Query', __schema: { queryType: { name: 'Query' } } })
  })
})
