import { describe, expect, it } from 'vitest'
import { resolveLimits } from '../src/config.js'
import { defineConfig, type RasterMockConfig } from '../src/config-file.js'
import { barcelona, tinyPng, useMockServer } from './support/client.js'
import { graphqlClient } from './support/graphql.js'

/**
 * Issue #34, hardening round three: inputs that used to answer 500, or to store part of a failed request, answer
 * the documented 400 and store nothing; the GraphQL limits count the work a document asks for. Each test is the
 * issue's reproduction, kept small; the expected answers are those of docs/.
 */
const { mock, call } = useMockServer()
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)

const svg = (attributes: string) =>
  new File([`<svg xmlns="http://www.w3.org/2000/svg" ${attributes}></svg>`], 'bad.svg', { type: 'image/svg+xml' })
/** The fixture's 3 × 2 PNG with the header's width set to `width` (image readers take the header's word). */
function pngOfWidth(width: number): File {
  const bytes = new Uint8Array(tinyPng)
  new DataView(bytes.buffer).setUint32(16, width)
  return new File([bytes], 'wide.png', { type: 'image/png' })
}
const upload = (...files: File[]) => {
  const body = new FormData()
  for (const file of files) body.append('files', file)
  return call({ method: 'POST', path: `${barcelona}/assets`, body })
}
/** docs/graphql.md, "How GraphQL fails": one error with its code and status, data null. */
const graphqlFailure = (code: string, message: string) => ({ errors: [{ message, extensions: { code, http: { status: 400 } } }], data: null })
/** Barcelona's asset count (48 in the fixture, docs/rest.md). */
const barcelonaCount = async () => (await call({ path: '/organizations/monogram-labs/libraries' })).body.data[0].assetsCount

describe('uploads whose image sizes cannot be stored (#34.2, #34.3)', () => {
  // docs/decisions.md, "REST and the data" (Uploads): a file whose width and height cannot be read is 400
  // BAD_USER_INPUT naming it, and nothing of the upload is stored.
  it.each([
    ['a width of 1e400', 'width="1e400" height="10"'],
    ['a huge viewBox', 'viewBox="0 0 1e400 10"'],
    ['a viewBox that gives no height', 'width="10" viewBox="0 0 1e-300 1"'],
  ])('answers an SVG with %s 400 naming it, and stores none of the upload', async (_, attributes) => {
    const reply = await upload(new File([tinyPng], 'ok.png', { type: 'image/png' }), svg(attributes))
    expect(reply.status).toBe(400)
    expect(reply.body.error.code).toBe('BAD_USER_INPUT')
    expect(reply.body.error.message).toMatch(/^files\[1\] \("bad\.svg"\) is not an image: /)
    expect(await barcelonaCount()).toBe(48)
  })

  // docs/decisions.md, "REST and the data" (Uploads): an image side is at most 20,000 px.
  it.each([2 ** 31, 20_001])('refuses a PNG %i px wide over REST, naming the cap, and stores nothing', async (width) => {
    const reply = await upload(new File([tinyPng], 'ok.png', { type: 'image/png' }), pngOfWidth(width))
    expect(reply.body).toEqual({
      error: { code: 'BAD_USER_INPUT', message: `files[1] ("wide.png") is ${width} × 2 px: an image side is at most 20,000 px.` },
    })
    expect(reply.status).toBe(400)
    expect(await barcelonaCount()).toBe(48)
  })

  it('takes a PNG of 20,000 px', async () => {
    expect((await upload(pngOfWidth(20_000))).status).toBe(200)
  })

  it('refuses it over GraphQL the same way, and assets { width } still answers', async () => {
    const query = `mutation($files: [Upload!]!) { uploadAssets(organizationId: "monogram-labs", libraryId: "barcelona", files: $files) { responseText } }`
    const reply = await gql({ query, files: [pngOfWidth(2 ** 31)] })
    expect(reply.body).toEqual(graphqlFailure('BAD_USER_INPUT', 'files[0] ("wide.png") is 2147483648 × 2 px: an image side is at most 20,000 px.'))
    expect(reply.status).toBe(400)
    const assets = await gql({ query: '{ assets(organizationId: "monogram-labs", libraryId: "barcelona", pageSize: 500) { width } }' })
    expect(assets.status).toBe(200)
    expect(assets.body.data.assets).toHaveLength(48)
  })
})

describe('a subscription (#34.8)', () => {
  // docs/graphql.md, "How GraphQL fails": a document that does not fit the schema is 400 GRAPHQL_VALIDATION_FAILED,
  // with where in the document; the schema has no subscriptions ("Every limit"), see docs/decisions.md, "GraphQL".
  it('is 400 GRAPHQL_VALIDATION_FAILED, not 500', async () => {
    const reply = await gql({ query: 'subscription { viewer { plan } }' })
    expect(reply.body).toEqual({
      errors: [
        {
          message: 'The subscription operation is not supported by the schema.',
          locations: [{ line: 1, column: 1 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
        },
      ],
      data: null,
    })
    expect(reply.status).toBe(400)
  })

  it('fails the document even when another operation is chosen', async () => {
    const reply = await gql({ query: 'query Q { viewer { plan } } subscription S { viewer { plan } }', operationName: 'Q' })
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED')
  })
})

describe('limits (#34.11)', () => {
  // docs/decisions.md, "REST and the data" (Sizes are binary): whole numbers in their range, unknown names
  // refused, the setting named in the Error, a limit given as undefined keeps its default.
  it('defineConfig throws an Error naming each bad limit', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ fileBytes: '1MB', processingMs: -5000, freePlanLibraries: 'three', bogusLimit: 1 }, /^limits\.fileBytes /],
      [{ processingMs: -5000 }, /^limits\.processingMs /],
      [{ freePlanLibraries: 'three' }, /^limits\.freePlanLibraries /],
      [{ trashRetentionMs: 1e20 }, /^limits\.trashRetentionMs /],
      [{ fileBytes: 1.5 }, /^limits\.fileBytes /],
      [{ bogusLimit: 1 }, /limits\.bogusLimit/],
    ]
    for (const [limits, named] of cases) expect(() => defineConfig({ limits } as RasterMockConfig)).toThrow(named)
    expect(() => defineConfig({ limits: null } as unknown as RasterMockConfig)).toThrow(/^limits must be an object/)
  })

  it('resolveLimits keeps good overrides, and a limit given as undefined keeps its default', () => {
    expect(resolveLimits({ fileBytes: 1024, processingMs: 5000 })).toMatchObject({ fileBytes: 1024, processingMs: 5000, freePlanLibraries: 3 })
    expect(resolveLimits({ fileBytes: undefined }).fileBytes).toBe(100 * 1024 * 1024)
    expect(() => resolveLimits({ freePlanLibraries: 'three' })).toThrow(/^limits\.freePlanLibraries /)
  })
})

describe('the cost of searchAssets (#34.6)', () => {
  const many = { 'X-Mock-Scenario': 'many-assets' }
  const searches = (count: number) =>
    `{ ${Array.from({ length: count }, (_, i) => `s${i}: searchAssets(organizationId: "monogram-labs", q: "e") { found }`).join(' ')} }`
  // docs/graphql.md, "How GraphQL fails"; docs/decisions.md, "GraphQL" (Cost limits): each search adds 10,000, 24 fit.
  const tooCostly = graphqlFailure(
    'GRAPHQL_COST_LIMIT_EXCEEDED',
    "The GraphQL document's estimated cost (fields multiplied by the list sizes around them) exceeds the limit of 250000.",
  )

  it('refuses 700 searches under many-assets before any runs', async () => {
    const started = performance.now()
    const reply = await gql({ query: searches(700), headers: many })
    expect(reply.body).toEqual(tooCostly)
    expect(reply.status).toBe(400)
    expect(performance.now() - started).toBeLessThan(2000)
    expect((await gql({ query: searches(25), headers: many })).body).toEqual(tooCostly)
  })

  it('still answers one search, and 24', async () => {
    const one = await gql({ query: searches(1), headers: many })
    expect(one.status).toBe(200)
    expect(one.body.data.s0.found).toBeGreaterThan(0)
    const most = await gql({ query: searches(24) })
    expect(most.status).toBe(200)
    expect(Object.keys(most.body.data)).toHaveLength(24)
  }, 60_000)
})

describe('fields repeated under one name (#34.7)', () => {
  const copies = (count: number) => `{ ${Array.from({ length: count }, () => 'a: viewer { plan }').join(' ')} }`
  // docs/graphql.md, "How GraphQL fails": over 2,000 fields, n fields under one name in one selection set counted
  // n × n, is 400 GRAPHQL_TOO_MANY_FIELDS, checked before validation.
  it.each([1000, 500, 45])('refuses %i copies of `a: viewer { plan }` quickly, before validation', async (count) => {
    const started = performance.now()
    const reply = await gql({ query: copies(count) })
    expect(reply.body).toEqual(
      graphqlFailure('GRAPHQL_TOO_MANY_FIELDS', 'The GraphQL document selects more than the limit of 2000 fields (aliases and fragment spreads included).'),
    )
    expect(reply.status).toBe(400)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('counts them in a fragment no operation spreads too', async () => {
    const query = `{ viewer { plan } } fragment Unused on Query { ${Array.from({ length: 1000 }, () => 'a: viewer { plan }').join(' ')} }`
    expect((await gql({ query })).body.errors[0].extensions.code).toBe('GRAPHQL_TOO_MANY_FIELDS')
  })

  it('answers 44 copies, merged into one', async () => {
    const reply = await gql({ query: copies(44) })
    expect(reply.body).toEqual({ data: { a: { plan: 'pro' } } })
  })
})
