import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { errorCatalogue, graphqlDocumentErrors } from '../src/contract/errors.js'
import { seedWorld } from '../src/model/seed.js'
import { useMockServer } from './support/client.js'
import { multipartForm } from './support/graphql.js'
import { fuzzParameters } from './support/fuzz.js'
import { expectWorldConsistent } from './support/invariants.js'

/**
 * Property-based fuzzing of the GraphQL surface against one world: real
 * operations with variables of every type (right, wrong, missing), junk and
 * truncated documents, malformed JSON and multipart bodies. After each: a
 * success is 200 with `data` and no `errors`; a failure is
 * `{errors:[{message, extensions:{code, http:{status}}}], data:null}` whose HTTP
 * status is the first error's, with a code of the catalogue (or graphql-js's
 * document errors), never INTERNAL_SERVER_ERROR; and the world stays consistent.
 */
const RUNS = Number(process.env.GRAPHQL_FUZZ_RUNS ?? 3000)
const { mock } = useMockServer()
const endpoint = 'https://api.raster.app/'
const knownAssetIds = seedWorld().assets.filter((_, i) => i % 9 === 0).map((a) => a.id)
const knownCodes = new Set([...Object.keys(errorCatalogue), ...Object.keys(graphqlDocumentErrors)])

const junk = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '💥', '__proto__', 'a'.repeat(300)))
const mostly = <T>(real: fc.Arbitrary<T>, other: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 8, arbitrary: real as fc.Arbitrary<unknown> }, { weight: 2, arbitrary: other })
const anyValue = fc.jsonValue({ maxDepth: 2 })
/** The primary organization, library and key most of the time, so requests get past auth and change state. */
const primaryFirst = <T>(primary: T, ...others: T[]) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(primary) }, { weight: 1, arbitrary: fc.constantFrom(primary, ...others) })
const org = mostly(primaryFirst('monogram-labs', 'acme', 'northwind', 'unclaimed-demo'), fc.oneof(junk, anyValue))
const lib = mostly(primaryFirst('barcelona', 'tokyo', 'lisbon', 'acme-1', 'acme-4', 'drafts'), fc.oneof(junk, anyValue))
const assetId = mostly(fc.constantFrom(...knownAssetIds), fc.oneof(junk, anyValue))
const ids = mostly(fc.array(fc.constantFrom(...knownAssetIds), { minLength: 1, maxLength: 4 }), fc.oneof(fc.array(junk, { maxLength: 110 }), anyValue))
const int = mostly(fc.integer({ min: -2, max: 600 }), fc.oneof(fc.double(), junk, fc.constant(2 ** 40)))
const tags = mostly(fc.array(fc.constantFrom('beach', 'launch', 'trash', '*ai'), { minLength: 1, maxLength: 3 }), fc.oneof(fc.array(junk, { maxLength: 25 }), anyValue))
const text = mostly(fc.lorem({ maxCount: 3 }), fc.oneof(junk, anyValue))

const asset = 'id name libraryId width height blurhash url thumbUrl sizes tags views { id parentId sizes }'
/** Each real operation with a generator of its variables (sometimes missing, of the wrong type, or extra). */
const operations: Array<[string, fc.Arbitrary<Record<string, unknown>>]> = [
  ['query Q($o: ID!, $l: ID!, $p: Int, $s: Int, $t: [String!]) { assets(organizationId: $o, libraryId: $l, page: $p, pageSize: $s, tags: $t) { ' + asset + ' } }',
    fc.record({ o: org, l: lib, p: int, s: int, t: tags }, { requiredKeys: ['o', 'l'] })],
  ['query Q($o: ID!, $l: ID!, $a: ID!) { asset(organizationId: $o, libraryId: $l, assetId: $a) { ' + asset + ' } }', fc.record({ o: org, l: lib, a: assetId })],
  ['query Q($o: ID!, $q: String, $ls: [ID!], $p: Int) { searchAssets(organizationId: $o, q: $q, libraries: $ls, page: $p) { found page hits { id score highlights { name tags } } } }',
    fc.record({ o: org, q: text, ls: mostly(fc.array(lib, { maxLength: 3 }), anyValue), p: int }, { requiredKeys: ['o'] })],
  ['query Query($organizationId: String!, $page: Int) { libraries(organizationId: $organizationId, page: $page) { id name photosCount tags { id count type } } }',
    fc.record({ organizationId: org, page: int, pageSize: int }, { requiredKeys: ['organizationId'] })],
  ['query Query($organizationId: String!, $libraryId: String!, $page: Int) { photos(organizationId: $organizationId, libraryId: $libraryId, page: $page) { id blurhash thumbUrl url name views { id parentId } } }',
    fc.record({ organizationId: org, libraryId: lib, page: int, pageSize: int }, { requiredKeys: ['organizationId', 'libraryId'] })],
  ['query Q($o: ID!, $l: ID!, $n: Int) { tags(organizationId: $o, libraryId: $l, limit: $n) { id count type } }', fc.record({ o: org, l: lib, n: int })],
  ['{ viewer { organizationId plan libraries } }', fc.constant({})],
  ['mutation M($o: ID!, $l: ID!, $a: [ID!]!) { deleteAssets(organizationId: $o, libraryId: $l, assets: $a) { success message ids } }', fc.record({ o: org, l: lib, a: ids })],
  ['mutation M($o: ID!, $l: ID!, $a: [ID!]!, $t: [String!]!) { tagAssets(organizationId: $o, libraryId: $l, assetIds: $a, tags: $t) { taggedCount } }', fc.record({ o: org, l: lib, a: ids, t: tags })],
  ['mutation M($o: ID!, $l: ID!, $a: [ID!]!, $t: [String!]!) { untagAssets(organizationId: $o, libraryId: $l, assetIds: $a, tags: $t) { untaggedCount } }', fc.record({ o: org, l: lib, a: ids, t: tags })],
  ['mutation M($o: ID!, $l: ID!, $a: ID!, $d: String!) { updateAssetDescription(organizationId: $o, libraryId: $l, assetId: $a, description: $d) { assetId description } }', fc.record({ o: org, l: lib, a: assetId, d: text })],
  ['mutation M($o: ID!, $l: ID!, $t: ID!, $a: [ID!]!) { transferAssets(organizationId: $o, sourceLibraryId: $l, targetLibraryId: $t, assetIds: $a) { transferredCount } }', fc.record({ o: org, l: lib, t: lib, a: ids })],
  ['mutation M($o: ID!, $n: String!, $s: String) { createLibrary(organizationId: $o, name: $n, slug: $s) { id name } }', fc.record({ o: org, n: text, s: mostly(fc.constantFrom('tokyo', 'fresh'), junk) }, { requiredKeys: ['o', 'n'] })],
  ['mutation M($o: ID!, $l: ID!, $n: String!) { renameLibrary(organizationId: $o, libraryId: $l, name: $n) { id name } }', fc.record({ o: org, l: lib, n: text })],
]

/**
 * Documents shaped like the attacks of issue #15: many aliases of cheap and of costly fields, selections nested
 * up to 100,000 levels (unknown fields, or the schema's own `ofType` chain), fragments spread over and over.
 * Each is answered (with data, or 400 and a limit's code) and never 500.
 */
const aliased = fc
  .record({
    count: fc.integer({ min: 1, max: 4000 }),
    field: fc.constantFrom('__typename', 'viewer { plan }', 'photos(organizationId: "monogram-labs", libraryId: "barcelona") { id views { id } }'),
  })
  .map(({ count, field }) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`)
const nested = fc.oneof(
  fc.integer({ min: 1, max: 100_000 }).map((depth) => `${'{ a '.repeat(depth)}${'}'.repeat(depth)}`),
  fc.integer({ min: 0, max: 40 }).map((depth) => `{ __schema { types { fields { type { ${'ofType { '.repeat(depth)}name${' }'.repeat(depth)} } } } } }`),
)
const fragmentBomb = fc
  .integer({ min: 1, max: 20 })
  .map((levels) => `{ viewer { ...F${levels} } } fragment F0 on Viewer { plan } ${Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Viewer { ...F${i} ...F${i} }`).join(' ')}`)
const shaped = fc.oneof(aliased, nested, fragmentBomb).map((query) => ({ kind: 'json' as const, query, variables: {} }))

const operation = fc.nat(operations.length - 1).chain((i) => fc.record({ query: fc.constant(operations[i]![0]), variables: operations[i]![1] }))
const request = fc.oneof(
  { weight: 14, arbitrary: operation.map((call) => ({ kind: 'json' as const, ...call })) },
  { weight: 2, arbitrary: operation.chain((call) => fc.nat(call.query.length).map((cut) => ({ kind: 'json' as const, query: call.query.slice(0, cut), variables: call.variables }))) },
  { weight: 1, arbitrary: shaped },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), body: fc.oneof(junk, anyValue.map((v) => JSON.stringify(v))) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('upload' as const),
      variables: fc.record({ o: org, l: lib }),
      files: fc.array(fc.record({ bytes: fc.nat(2048), type: fc.constantFrom('image/png', 'text/plain') }), { maxLength: 22 }),
      map: fc.option(fc.constantFrom('{"0":["query"]}', '{"0":["variables.__proto__.x"]}', '{', '[]'), { nil: undefined }),
    }),
  },
)
const key = mostly(primaryFirst('pk_monogram_write', 'pk_monogram_read', 'pk_monogram_tokyo', 'pk_acme_write', 'pk_northwind_write', 'pk_unclaimed_demo'), fc.oneof(junk, fc.constant(null)))

const upload = 'mutation U($o: ID!, $l: ID!, $files: [Upload!]!) { uploadAssets(organizationId: $o, libraryId: $l, files: $files) { responseText assets { id } } }'

describe('fuzzing the GraphQL API', () => {
  it(`answers ${RUNS} generated requests in the documented envelope, keeping the world consistent`, async () => {
    const world = await mock.ready
    let checked = 0
    await fc.assert(
      fc.asyncProperty(request, key, async (input, apiKey) => {
        const headers = new Headers()
        if (typeof apiKey === 'string') headers.set('Authorization', `Bearer ${apiKey.replace(/[^\x20-\x7e]/g, '?')}`)
        let body: BodyInit
        if (input.kind === 'json') {
          headers.set('Content-Type', 'application/json')
          body = JSON.stringify({ query: input.query, variables: input.variables })
        } else if (input.kind === 'raw') {
          headers.set('Content-Type', 'application/json')
          body = input.body
        } else {
          const files = input.files.map((f, i) => new File([new Uint8Array(f.bytes)], `f${i}.png`, { type: f.type }))
          const form = multipartForm({ query: upload, variables: input.variables }, files)
          if (input.map !== undefined) form.set('map', input.map)
          body = form
        }
        const response = await fetch(endpoint, { method: 'POST', headers, body })
        const text = await response.text()
        expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
        const reply = JSON.parse(text)
        if (response.status === 200) {
          expect(reply.errors, text).toBeUndefined()
          expect(reply.data, text).toBeTruthy()
        } else {
          expect(reply.data, text).toBeNull()
          expect(reply.errors.length).toBeGreaterThan(0)
          for (const error of reply.errors) {
            expect(typeof error.message).toBe('string')
            expect(knownCodes.has(error.extensions.code), text).toBe(true)
            expect(error.extensions.code, text).not.toBe('INTERNAL_SERVER_ERROR')
          }
          expect(response.status, text).toBe(reply.errors[0].extensions.http.status)
        }
        if (++checked % 10 === 0) expectWorldConsistent(world)
      }),
      fuzzParameters(RUNS),
    )
    expectWorldConsistent(world)
  }, 300_000)
})
