import { buildSchema, parse } from 'graphql'
import { describe, expect, it } from 'vitest'
import { documentTooLarge, exceededLimit, lexicalLimit, measureDocument } from './graphql-limits.js'

/**
 * The limits of one GraphQL document (docs/graphql.md, "How GraphQL fails"): 1,000,000 bytes, 10,000 tokens, 200
 * brackets open at once, 2,000 fields, 20 levels, an estimated cost of 250,000 (the rules of the estimate are in
 * docs/decisions.md, "GraphQL", under Cost limits). Each message names its limit and value. A small schema of the same shape as
 * Raster's keeps the arithmetic of the estimates readable.
 */
const schema = buildSchema(`
  type Query {
    viewer: Viewer
    assets(page: Int, pageSize: Int): [Asset!]!
    photos: [Asset!]!
    searchAssets(q: String, pageSize: Int): SearchResult!
    tags(limit: Int): [Tag!]!
  }
  type Viewer { plan: String, email: String }
  type Asset { id: ID!, name: String, tags: [String!]!, views: [Asset!]! }
  type SearchResult { hits: [Asset!]!, found: Int }
  type Tag { id: ID, count: Int }
`)

const measure = (query: string) => measureDocument(schema, parse(query))
const exceeded = (query: string) => exceededLimit(schema, parse(query))
/** `{ a { a { … } } }`, `depth` selection sets deep. */
const nested = (depth: number) => `${'{ a '.repeat(depth)}${'} '.repeat(depth)}`
/** `count` aliases of one field. */
const aliases = (count: number, field = '__typename') => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`

describe('the document size', () => {
  const message = 'The GraphQL document exceeds the limit of 1000000 bytes.'

  it('allows 1,000,000 bytes and refuses one more', () => {
    expect(documentTooLarge('a'.repeat(1_000_000))).toBeUndefined()
    expect(documentTooLarge('a'.repeat(1_000_001))).toEqual({ code: 'GRAPHQL_DOCUMENT_TOO_LARGE', message })
  })

  it('counts bytes in UTF-8, not characters', () => {
    // € is 3 bytes: 333,333 of them are 999,999 bytes, 333,334 are 1,000,002.
    expect(documentTooLarge('€'.repeat(333_333))).toBeUndefined()
    expect(documentTooLarge('€'.repeat(333_334))).toEqual({ code: 'GRAPHQL_DOCUMENT_TOO_LARGE', message })
  })
})

describe('tokens and brackets', () => {
  it('allows 10,000 tokens and refuses one more, as a parse failure', () => {
    // `{`, then names, then `}`.
    expect(lexicalLimit(`{ ${'a '.repeat(9_998)}}`)).toBeUndefined()
    expect(lexicalLimit(`{ ${'a '.repeat(9_999)}}`)).toEqual({
      code: 'GRAPHQL_PARSE_FAILED',
      message: 'The GraphQL document has more than the limit of 10000 tokens.',
    })
  })

  it('allows 200 brackets open at once and refuses 201, of any kind', () => {
    const failure = { code: 'GRAPHQL_PARSE_FAILED', message: 'The GraphQL document opens more than the limit of 200 brackets at once.' }
    expect(lexicalLimit(nested(200))).toBeUndefined()
    expect(lexicalLimit(nested(201))).toEqual(failure)
    expect(lexicalLimit(`{ a(b: ${'['.repeat(201)}1${']'.repeat(201)}) }`)).toEqual(failure)
    expect(lexicalLimit(`{ a(b: ${'{c: '.repeat(201)}1${'}'.repeat(201)}) }`)).toEqual(failure)
  })

  it('counts brackets open at once, not in all', () => {
    expect(lexicalLimit(`{ ${'a { b } '.repeat(500)}}`)).toBeUndefined()
  })

  it('leaves a text that does not lex to the parser, which says where', () => {
    expect(lexicalLimit('{ a(b: "unterminated) }')).toBeUndefined()
  })
})

describe('fields, depth and cost', () => {
  it('allows 2,000 fields and refuses one more, aliases counted apiece', () => {
    expect(exceeded(aliases(2_000))).toBeUndefined()
    expect(exceeded(aliases(2_001))).toEqual({
      code: 'GRAPHQL_TOO_MANY_FIELDS',
      message: 'The GraphQL document selects more than the limit of 2000 fields (aliases and fragment spreads included).',
    })
  })

  it('counts a fragment wherever it is spread, and measures a fragment bomb without expanding it', () => {
    expect(measure('{ viewer { ...V ...V } } fragment V on Viewer { plan email }')).toEqual([{ fields: 5, depth: 1, cost: 5 }])
    // F30 expands to 2^30 fields; measured once per fragment, it costs microseconds.
    const bomb = Array.from({ length: 30 }, (_, i) => `fragment F${i + 1} on Viewer { ...F${i} ...F${i} }`).join(' ')
    const started = performance.now()
    expect(exceeded(`{ viewer { ...F30 } } fragment F0 on Viewer { plan } ${bomb}`)?.code).toBe('GRAPHQL_TOO_MANY_FIELDS')
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('counts a fragment cycle once, leaving it to validation', () => {
    expect(measure('{ viewer { ...A } } fragment A on Viewer { plan ...B } fragment B on Viewer { ...A }')).toEqual([
      { fields: 2, depth: 1, cost: 2 },
    ])
  })

  it('allows selections nested 20 levels and refuses 21', () => {
    // The operation's own selection set is not a level: `{ viewer { plan } }` is one level deep.
    expect(measure('{ viewer { plan } }')[0]!.depth).toBe(1)
    expect(measure(nested(21))[0]!.depth).toBe(20)
    expect(exceeded(nested(21))).toBeUndefined()
    expect(exceeded(nested(22))).toEqual({
      code: 'GRAPHQL_DEPTH_LIMIT_EXCEEDED',
      message: 'The GraphQL document nests selections deeper than the limit of 20 levels.',
    })
  })

  it('estimates a list at its pageSize or limit, 500 from a variable, and multiplies what it holds by it', () => {
    // The list's items, each with one field: items × (1 + 1).
    expect(measure('{ assets(pageSize: 20) { id } }')[0]!.cost).toBe(40)
    expect(measure('{ tags(limit: 3) { id } }')[0]!.cost).toBe(6)
    expect(measure('query ($n: Int) { assets(pageSize: $n) { id } }')[0]!.cost).toBe(1_000)
  })

  it('estimates photos at 500, a paged list without pageSize at 50, hits at the search’s page (and 10,000 a search), other lists at 10', () => {
    expect(measure('{ photos { id } }')[0]!.cost).toBe(1_000)
    expect(measure('{ assets { id } }')[0]!.cost).toBe(100)
    // searchAssets is one object: 1 × (1 + 30 hits × (1 + id) + found), and 10,000 for the search's own work.
    expect(measure('{ searchAssets(pageSize: 30) { hits { id } found } }')[0]!.cost).toBe(10_062)
    // 2 assets × (1 + 10 views × (1 + id)).
    expect(measure('{ assets(pageSize: 2) { views { id } } }')[0]!.cost).toBe(42)
  })

  it('refuses an estimated cost over 250,000', () => {
    // Each alias: 500 assets × (1 + 10 views × (1 + 10 tags)) = 55,500; four are 222,000, five 277,500.
    const heavy = (count: number) => aliases(count, 'assets(pageSize: 500) { views { tags } }')
    expect(exceeded(heavy(4))).toBeUndefined()
    expect(exceeded(heavy(5))).toEqual({
      code: 'GRAPHQL_COST_LIMIT_EXCEEDED',
      message: "The GraphQL document's estimated cost (fields multiplied by the list sizes around them) exceeds the limit of 250000.",
    })
  })

  it('measures each operation of a document on its own', () => {
    const document = `query A { viewer { plan } } query B ${aliases(2_001)}`
    expect(measure(document).map(({ fields }) => fields)).toEqual([2, 2_001])
    expect(exceeded(document)?.code).toBe('GRAPHQL_TOO_MANY_FIELDS')
  })
})
