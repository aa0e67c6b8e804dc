import { getIntrospectionQuery } from 'graphql'
import { describe, expect, it } from 'vitest'
import { useMockServer } from './support/client.js'
import { assetFields, expectData, graphqlClient, type GraphQLReply } from './support/graphql.js'

/**
 * The cost limits of a GraphQL document (README "Limits"): each is answered 400 in the envelope with its own code
 * and a message naming the limit and its value, before anything runs; real clients' documents stay far below.
 */
const { mock, call } = useMockServer()
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)
const send = (query: string) => gql({ query })

function expectLimit(reply: GraphQLReply, code: string, message: string): void {
  expect(reply.body, reply.text.slice(0, 500)).toEqual({ errors: [{ message, extensions: { code, http: { status: 400 } } }], data: null })
  expect(reply.status).toBe(400)
}

/** `{ a { a { … } } }`, `depth` selection sets deep. */
const nested = (depth: number) => `${'{ a '.repeat(depth)}${'} '.repeat(depth)}`
/** `{ __schema { types { fields { type { ofType … } } } } }`: a valid document `4 + ofTypes` levels deep. */
const deepIntrospection = (ofTypes: number) =>
  `{ __schema { types { fields { type { ${'ofType { '.repeat(ofTypes)}name${' }'.repeat(ofTypes)} } } } } }`

describe('GraphQL document limits', () => {
  it('refuses a document over 1,000,000 bytes, counted in UTF-8', async () => {
    const message = 'The GraphQL document exceeds the limit of 1000000 bytes.'
    expectLimit(await send(`{ viewer { plan } }${' '.repeat(1_000_000)}`), 'GRAPHQL_DOCUMENT_TOO_LARGE', message)
    // 350,000 characters, 1,050,000 bytes.
    expectLimit(await send(`{ viewer { plan } } # ${'€'.repeat(350_000)}`), 'GRAPHQL_DOCUMENT_TOO_LARGE', message)
    expect(expectData(await send(`{ viewer { plan } } # ${'€'.repeat(300_000)}`))).toEqual({ viewer: { plan: 'pro' } })
  })

  it('stops parsing past 10,000 tokens', async () => {
    const fields = Array.from({ length: 3400 }, (_, i) => `a${i}: __typename`).join(' ')
    expectLimit(await send(`{ ${fields} }`), 'GRAPHQL_PARSE_FAILED', 'The GraphQL document has more than the limit of 10000 tokens.')
  })

  it('refuses more than 200 brackets open at once, in selections and in values', async () => {
    const message = 'The GraphQL document opens more than the limit of 200 brackets at once.'
    expectLimit(await send(nested(201)), 'GRAPHQL_PARSE_FAILED', message)
    const list = (depth: number) => `{ assets(organizationId: "monogram-labs", libraryId: "barcelona", tags: ${'['.repeat(depth)}"a"${']'.repeat(depth)}) { id } }`
    expectLimit(await send(list(200)), 'GRAPHQL_PARSE_FAILED', message)
    // Under the limit the document parses, then meets the depth limit or validation.
    expectLimit(await send(nested(150)), 'GRAPHQL_DEPTH_LIMIT_EXCEEDED', 'The GraphQL document nests selections deeper than the limit of 20 levels.')
    expect((await send(list(150))).body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED')
  })

  it.each([10_000, 30_000, 100_000])('answers %i nested selections 400 GRAPHQL_PARSE_FAILED, never a stack overflow', async (depth) => {
    expectLimit(await send(nested(depth)), 'GRAPHQL_PARSE_FAILED', 'The GraphQL document opens more than the limit of 200 brackets at once.')
    // The mock still answers.
    expect((await call({ path: '/me' })).status).toBe(200)
  })

  it('refuses more than 2,000 fields, aliases counted apiece', async () => {
    const message = 'The GraphQL document selects more than the limit of 2000 fields (aliases and fragment spreads included).'
    const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: __typename`).join(' ')} }`
    expectLimit(await send(aliases(2001)), 'GRAPHQL_TOO_MANY_FIELDS', message)
    expect(Object.keys(expectData(await send(aliases(2000))))).toHaveLength(2000)
  })

  it('counts a fragment where it is spread: a fragment bomb is refused before it is validated', async () => {
    // F11 expands to 2^11 = 2,048 fields in a document of a few hundred bytes.
    const fragments = Array.from({ length: 11 }, (_, i) => `fragment F${i + 1} on Viewer { ...F${i} ...F${i} }`).join(' ')
    const query = `{ viewer { ...F11 } } fragment F0 on Viewer { plan } ${fragments}`
    expectLimit(await send(query), 'GRAPHQL_TOO_MANY_FIELDS', 'The GraphQL document selects more than the limit of 2000 fields (aliases and fragment spreads included).')
  })

  it('refuses selections nested deeper than 20 levels', async () => {
    const message = 'The GraphQL document nests selections deeper than the limit of 20 levels.'
    expectLimit(await send(deepIntrospection(17)), 'GRAPHQL_DEPTH_LIMIT_EXCEEDED', message)
    expect(expectData(await send(deepIntrospection(16))).__schema.types.length).toBeGreaterThan(10)
  })

  it('refuses a document whose lists multiply past an estimated cost of 250,000', async () => {
    // Each alias: up to 500 hits × (the asset's fields and views): about 77,000.
    const search = (count: number) =>
      `{ ${Array.from({ length: count }, (_, i) => `s${i}: searchAssets(organizationId: "monogram-labs", pageSize: 500) { hits { ${assetFields} } }`).join(' ')} }`
    const message = "The GraphQL document's estimated cost (fields multiplied by the list sizes around them) exceeds the limit of 250000."
    expectLimit(await send(search(4)), 'GRAPHQL_COST_LIMIT_EXCEEDED', message)
    expect(Object.keys(expectData(await send(search(3))))).toEqual(['s0', 's1', 's2'])
  })

  it('lets the introspection queries of GraphiQL and graphql-codegen through', async () => {
    const graphiql = getIntrospectionQuery()
    const codegen = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true })
    for (const query of [graphiql, codegen]) {
      const { __schema } = expectData(await send(query))
      expect(__schema.queryType).toMatchObject({ name: 'Query' })
    }
  })

  it('lets every field of the largest pages through, as apps ask them', async () => {
    const query = `query($s: Int) {
      photos(organizationId: "monogram-labs", libraryId: "barcelona") { ${assetFields} }
      assets(organizationId: "monogram-labs", libraryId: "barcelona", pageSize: $s) { ${assetFields} }
    }`
    const data = expectData(await gql({ query, variables: { s: 500 } }))
    expect([data.photos.length, data.assets.length]).toEqual([48, 48])
  })
})
