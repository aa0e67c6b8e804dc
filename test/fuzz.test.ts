import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { ErrorCode } from '../src/contract/errors.js'
import * as Api from '../src/contract/schemas.js'
import { uploadAssets } from '../src/domain/upload.js'
import { routes } from '../handlers/rest.js'
import { seedWorld } from '../src/model/seed.js'
import { useMockServer } from './support/client.js'
import { pinnedErrors } from './support/error-cases.js'
import { fuzzParameters } from './support/fuzz.js'
import { expectWorldConsistent } from './support/invariants.js'

/**
 * Property-based fuzzing of the REST surface: thousands of generated requests
 * (methods, paths, headers, query strings, JSON and multipart bodies, junk)
 * against ONE world. After each: the response is a documented success shape
 * or the documented error envelope with its code's status, and the world's
 * invariants hold. fast-check prints the seed and path of a failure to replay it.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000)

const { mock } = useMockServer()
const seeded = seedWorld()
const knownAssetIds = seeded.assets.filter((_, i) => i % 7 === 0).map((a) => a.id)

const junk = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom('', ' ', '..', '%00', '%2F', '💥', 'a'.repeat(300), '__proto__', 'constructor'),
)
/** Mostly real values, so requests get past auth and reach the operations; sometimes junk. */
const mostly = <T>(real: fc.Arbitrary<T>, other: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 9, arbitrary: real }, { weight: 1, arbitrary: other })
const monogramFirst = <T>(primary: T, ...others: T[]) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(primary) }, { weight: 2, arbitrary: fc.constantFrom(primary, ...others) })
/** No client can send `.` or `..` as a path segment: the URL parser resolves it, so the request goes elsewhere. */
const segment = junk.filter((id) => id !== '.' && id !== '..')
const orgId = mostly(monogramFirst('monogram-labs', 'acme', 'northwind', 'unclaimed-demo'), segment)
const libraryId = mostly(monogramFirst('barcelona', 'tokyo', 'lisbon', 'acme-1', 'acme-4', 'northwind-main', 'drafts'), segment)
// An empty id would turn `…/assets/:id` into the list route (msw ignores a trailing slash).
const assetId = mostly(fc.constantFrom(...knownAssetIds), segment.filter((id) => id !== ''))
const key = mostly(
  monogramFirst('pk_monogram_write', 'pk_monogram_read', 'pk_monogram_tokyo', 'pk_acme_write', 'pk_northwind_write', 'pk_unclaimed_demo'),
  junk,
)
/** A key with its own organization and one of its libraries: requests that get past auth. */
const persona = fc
  .constantFrom(
    { key: 'pk_monogram_write', org: 'monogram-labs', libs: ['barcelona', 'tokyo', 'lisbon'] },
    { key: 'pk_monogram_read', org: 'monogram-labs', libs: ['barcelona', 'tokyo'] },
    { key: 'pk_monogram_tokyo', org: 'monogram-labs', libs: ['tokyo', 'barcelona'] },
    { key: 'pk_acme_write', org: 'acme', libs: ['acme-1', 'acme-4'] },
    { key: 'pk_northwind_write', org: 'northwind', libs: ['northwind-main'] },
    { key: 'pk_unclaimed_demo', org: 'unclaimed-demo', libs: ['drafts'] },
  )
  .chain(({ key, org, libs }) => fc.record({ key: fc.constant(key), org: fc.constant(org), lib: fc.constantFrom(...libs), asset: assetId }))
const number = fc.oneof(fc.integer({ min: -5, max: 600 }).map(String), fc.constantFrom('1e308', '-0', '0x10', '1.5', 'NaN', '', '99999999999999999999'), junk)
const queryParam = fc.tuple(fc.constantFrom('page', 'pageSize', 'tags', 'q', 'libraries', 'limit', 'other'), fc.oneof(number, junk))
const anyJson = fc.jsonValue({ maxDepth: 3 })
const word = fc.constantFrom('beach', 'launch', 'q3', 'Night', 'index', 'trash', '*ai', 'a'.repeat(70))
const plausibleIds = fc.array(assetId, { minLength: 1, maxLength: 4 })
/** Bodies that are mostly well-formed (so writes happen and state changes), sometimes anything at all. */
const jsonBody = mostly(
  fc.record(
    {
      ids: mostly(plausibleIds, fc.oneof(fc.array(assetId, { maxLength: 110 }), anyJson)),
      assetIds: mostly(plausibleIds, fc.oneof(fc.array(assetId, { maxLength: 110 }), anyJson)),
      tags: mostly(fc.array(word, { minLength: 1, maxLength: 3 }), fc.oneof(fc.array(junk, { maxLength: 25 }), anyJson)),
      targetLibraryId: mostly(libraryId, anyJson),
      description: mostly(fc.lorem({ maxCount: 5 }), anyJson),
      name: mostly(fc.lorem({ maxCount: 3 }), anyJson),
      slug: fc.oneof(junk, anyJson, fc.constantFrom('tokyo', 'new-one')),
      email: mostly(fc.emailAddress(), junk),
    },
    { requiredKeys: [] },
  ),
  anyJson,
).map((value) => JSON.stringify(value))
const body = fc.oneof(
  { weight: 8, arbitrary: jsonBody },
  { weight: 1, arbitrary: jsonBody.chain((text) => fc.nat(text.length).map((cut) => text.slice(0, cut))) },
  { weight: 1, arbitrary: junk },
)
const file = fc.record({
  bytes: fc.nat(4096),
  type: mostly(fc.constantFrom('image/png', 'image/svg+xml'), fc.constantFrom('text/plain', '', 'application/octet-stream')),
  name: mostly(fc.constant('photo.png'), junk),
})
const multipart = fc.record({
  files: mostly(fc.array(file, { minLength: 1, maxLength: 3 }), fc.array(file, { maxLength: 22 })),
  parentId: fc.option(assetId, { nil: undefined, freq: 5 }),
})

interface Endpoint {
  method: string
  /** How fast-check prints the endpoint of a counterexample. */
  toString(): string
  path: (ids: { org: string; lib: string; asset: string }) => string
  body?: 'json' | 'multipart'
  data: z.ZodType
}

/** The route table itself, so the oracle knows every endpoint's success shape without restating it. */
const endpoints: Endpoint[] = routes.map((route) => ({
  method: route.method.toUpperCase(),
  path: ({ org, lib, asset }) =>
    route.path
      .replace(':organizationId', encodeURIComponent(org))
      .replace(':libraryId', encodeURIComponent(lib))
      .replace(':assetId', encodeURIComponent(asset)),
  body: route.method === 'get' ? undefined : route.operation === uploadAssets ? 'multipart' : 'json',
  data: route.operation.output,
  toString: () => `${route.method.toUpperCase()} ${route.path}`,
}))

const unknownEndpoint = fc
  .record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), parts: fc.array(junk, { maxLength: 5 }) })
  // `/` (also as `/..` or `//`, which msw matches the same) is the GraphQL endpoint, with its own envelope
  // (test/graphql-transport.test.ts).
  .filter(({ parts }) => {
    const url = `https://api.raster.app/${parts.map(encodeURIComponent).join('/')}`
    return !URL.canParse(url) || new URL(url).pathname.replace(/\/+/g, '/') !== '/'
  })
  .map(({ method, parts }): Endpoint => ({
    method,
    path: () => `/${parts.map(encodeURIComponent).join('/')}`,
    data: z.never(),
    toString: () => `${method} /${parts.join('/')}`,
  }))

const request = fc.record({
  endpoint: fc.oneof(
    { weight: 9, arbitrary: fc.nat(endpoints.length - 1).map((i) => endpoints[i]!) },
    { weight: 1, arbitrary: unknownEndpoint },
  ),
  ids: mostly(persona, fc.record({ org: orgId, lib: libraryId, asset: assetId, key })),
  query: fc.array(queryParam, { maxLength: 4 }),
  apiVersion: fc.option(mostly(fc.constant('2026-05-20'), junk), { nil: undefined, freq: 20 }),
  authorization: fc.option(mostly(fc.constant('Bearer'), junk), { nil: undefined, freq: 20 }),
  json: body,
  multipart,
  swapBodies: fc.nat(9).map((n) => n === 0),
})

function encodeHeader(value: string): string {
  // Headers are ByteStrings; a client cannot send anything else.
  return value.replace(/[^\x20-\x7e]/g, '?')
}

type FuzzRequest = typeof request extends fc.Arbitrary<infer R> ? R : never

async function send(input: FuzzRequest) {
  const { endpoint, ids, query, apiVersion, authorization, json, multipart: form, swapBodies } = input
  const url = new URL(`https://api.raster.app${endpoint.path(ids)}`)
  for (const [name, value] of query) url.searchParams.append(name, value)
  const headers = new Headers()
  if (apiVersion !== undefined) headers.set('Api-Version', encodeHeader(apiVersion))
  if (authorization !== undefined) {
    headers.set('Authorization', encodeHeader(authorization === 'Bearer' ? `Bearer ${ids.key}` : authorization))
  }
  let payload: BodyInit | undefined
  const kind = swapBodies ? (endpoint.body === 'json' ? 'multipart' : 'json') : endpoint.body
  if (kind === 'json' && endpoint.method !== 'GET') {
    headers.set('Content-Type', 'application/json')
    payload = json
  } else if (kind === 'multipart' && endpoint.method !== 'GET') {
    const data = new FormData()
    for (const f of form.files) data.append('files', new File([new Uint8Array(f.bytes)], f.name, { type: f.type }))
    if (form.parentId !== undefined) data.append('parentId', form.parentId)
    payload = data
  }
  return fetch(url, { method: endpoint.method, headers, body: payload })
}

describe('fuzzing the REST API', () => {
  it(`answers ${RUNS} generated requests with documented shapes, keeping the world consistent`, async () => {
    const world = await mock.ready
    let checked = 0
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const response = await send(input)
        const text = await response.text()
        expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
        const body = JSON.parse(text)
        if (response.ok) {
          expect([200, 201]).toContain(response.status)
          Api.dataEnvelope(input.endpoint.data).parse(body)
        } else {
          const { error } = Api.ErrorEnvelope.parse(body)
          expect(response.status, text).toBe(pinnedErrors[error.code as ErrorCode].status)
          expect(error.code, text).not.toBe('INTERNAL_SERVER_ERROR')
        }
        // The full consistency check is the costly part; every 10th request is plenty to catch drift.
        if (++checked % 10 === 0) expectWorldConsistent(world)
      }),
      fuzzParameters(RUNS),
    )
    expectWorldConsistent(world)
  }, 300_000)
})
