import { describe, expect, it } from 'vitest'
import { MB, tinyPng, useMockServer, type Call } from './support/client.js'
import { contractCodes, contractErrors, expectedError, type ContractCode } from './support/error-cases.js'
import { graphqlClient } from './support/graphql.js'

/**
 * Contract rules that a planted bug once slipped past (issue #19), pinned through msw's
 * setupServer + fetch with values written out from docs/errors.md: forced errors' statuses
 * and messages in REST and GraphQL, `reset()` partway through `flaky`, the Content-Type of
 * uploaded bytes, quotas to the byte, header over query. The standalone server's side is in
 * contract-pins-server.test.ts.
 */
const { mock, call } = useMockServer()
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)

/** A real PNG (3 × 2) of exactly `bytes` bytes: the image, then zeros after its IEND chunk. */
function pngOfSize(bytes: number): File {
  const padded = new Uint8Array(bytes)
  padded.set(tinyPng)
  return new File([padded], 'sized.png', { type: 'image/png' })
}

const form = (file: File) => {
  const body = new FormData()
  body.append('files', file)
  return body
}
const uploadTo = (path: string, key: string, file: File): Call => ({ method: 'POST', path: `${path}/assets`, key, body: form(file) })

/** The GraphQL error envelope (docs/graphql.md, "How GraphQL fails") for `code`, its status repeated in the extensions. */
function graphqlError(code: ContractCode, message?: string) {
  const { status, body } = expectedError(code, message)
  return { status, body: { errors: [{ message: body.error.message, extensions: { code, http: { status } } }], data: null } }
}

describe('forced errors answer the contract table, REST and GraphQL alike', () => {
  const fixed = contractCodes.filter((code) => 'message' in contractErrors[code])

  it.each(fixed)('X-Mock-Error: %s', async (code) => {
    const rest = await call({ path: '/me', headers: { 'X-Mock-Error': code } })
    expect({ status: rest.status, body: rest.body }).toEqual(expectedError(code))
    const graphql = await gql({ query: '{ viewer { organizationId } }', headers: { 'X-Mock-Error': code } })
    expect({ status: graphql.status, body: graphql.body }).toEqual(graphqlError(code))
  })

  it('LIBRARY_LOCKED reached for real is 403 in both', async () => {
    const acme4 = '/organizations/acme/libraries/acme-4'
    const rest = await call({ path: `${acme4}/assets`, key: 'pk_acme_write' })
    expect({ status: rest.status, body: rest.body }).toEqual(expectedError('LIBRARY_LOCKED'))
    expect(rest.status).toBe(403)
    const graphql = await gql({ query: '{ assets(organizationId: "acme", libraryId: "acme-4") { id } }', key: 'pk_acme_write' })
    expect({ status: graphql.status, body: graphql.body }).toEqual(graphqlError('LIBRARY_LOCKED'))
  })
})

describe('flaky and reset()', () => {
  const flaky = () => call({ path: '/me', headers: { 'X-Mock-Scenario': 'flaky' } })

  it('reset() partway through flaky starts the count again: two calls, reset, the third succeeds', async () => {
    expect([(await flaky()).status, (await flaky()).status]).toEqual([200, 200])
    await mock.reset()
    const third = await flaky()
    expect(third.status).toBe(200)
    // Counted from the reset: calls 1 and 2 after it pass, call 3 fails.
    expect([(await flaky()).status, (await flaky()).status]).toEqual([200, 500])
  })
})

describe('uploaded bytes are served with their image type', () => {
  const lisbon = '/organizations/monogram-labs/libraries/lisbon'

  async function expectServedAsPng(url: string) {
    const image = await fetch(url)
    expect(image.status).toBe(200)
    expect(image.headers.get('Content-Type')).toBe('image/png')
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(tinyPng)
  }

  it('REST upload', async () => {
    const reply = await call(uploadTo(lisbon, 'pk_monogram_write', new File([tinyPng], 'a.png', { type: 'image/png' })))
    expect(reply.status).toBe(200)
    await expectServedAsPng(reply.body.data.assets[0].url)
  })

  it('GraphQL multipart upload', async () => {
    const query = `mutation Upload($files: [Upload!]!) {
      uploadAssets(organizationId: "monogram-labs", libraryId: "lisbon", files: $files) { assets { url } }
    }`
    const reply = await gql({ query, files: [new File([tinyPng], 'a.png', { type: 'image/png' })] })
    expect(reply.status, reply.text).toBe(200)
    await expectServedAsPng(reply.body.data.uploadAssets.assets[0].url)
  })
})

describe('quotas count to the byte: exactly at the limit passes, one byte over fails', () => {
  // docs/fixture.md: acme (Free, 1 GB) has 1 GB − 1 MB used; drafts (temporary, 100 MB) has 100 MB − 1 MB.
  const quotas = [
    { code: 'STORAGE_LIMIT_EXCEEDED', library: '/organizations/acme/libraries/acme-1', key: 'pk_acme_write' },
    { code: 'EPHEMERAL_STORAGE_LIMIT_EXCEEDED', library: '/organizations/unclaimed-demo/libraries/drafts', key: 'pk_unclaimed_demo' },
  ] as const

  it.each(quotas)('$code: 1 MB fits exactly', async ({ library, key }) => {
    const reply = await call(uploadTo(library, key, pngOfSize(MB)))
    expect(reply.status, reply.text).toBe(200)
    expect(reply.body.data.assets[0].size).toBe(MB)
  })

  it.each(quotas)('$code: 1 MB + 1 byte is refused and nothing is stored', async ({ code, library, key }) => {
    const before = (await call({ path: `${library}/assets?pageSize=500`, key })).body.data.length
    const reply = await call(uploadTo(library, key, pngOfSize(MB + 1)))
    expect({ status: reply.status, body: reply.body }).toEqual(expectedError(code))
    expect((await call({ path: `${library}/assets?pageSize=500`, key })).body.data).toHaveLength(before)
  })

  it('GraphQL: the Free plan takes its last MB exactly, then refuses one byte more', async () => {
    const query = `mutation Upload($files: [Upload!]!) {
      uploadAssets(organizationId: "acme", libraryId: "acme-1", files: $files) { assets { size } }
    }`
    const exact = await gql({ query, key: 'pk_acme_write', files: [pngOfSize(MB)] })
    expect(exact.status, exact.text).toBe(200)
    await mock.reset()
    const over = await gql({ query, key: 'pk_acme_write', files: [pngOfSize(MB + 1)] })
    expect({ status: over.status, body: over.body }).toEqual(graphqlError('STORAGE_LIMIT_EXCEEDED'))
  })
})

describe('scenario selection: the header wins over the query', () => {
  it('X-Mock-Scenario beats ?__scenario= whichever of them fails', async () => {
    const revokedByHeader = await call({ path: '/me?__scenario=default', headers: { 'X-Mock-Scenario': 'key-revoked' } })
    expect({ status: revokedByHeader.status, body: revokedByHeader.body }).toEqual(expectedError('INVALID_API_KEY'))
    const defaultByHeader = await call({ path: '/me?__scenario=key-revoked', headers: { 'X-Mock-Scenario': 'default' } })
    expect(defaultByHeader.status).toBe(200)
  })

  it('in GraphQL too', async () => {
    const endpoint = `${mock.runtime.baseUrl}/?__scenario=server-error`
    const reply = await graphqlClient(endpoint)({ query: '{ viewer { organizationId } }', headers: { 'X-Mock-Scenario': 'default' } })
    expect(reply.status, reply.text).toBe(200)
    const locked = await graphqlClient(`${mock.runtime.baseUrl}/?__scenario=default`)({
      query: '{ assets(organizationId: "monogram-labs", libraryId: "barcelona") { id } }',
      headers: { 'X-Mock-Scenario': 'library-locked' },
    })
    expect({ status: locked.status, body: locked.body }).toEqual(graphqlError('LIBRARY_LOCKED'))
  })

  it('X-Mock-Error beats ?__error=', async () => {
    const reply = await call({ path: '/me?__error=CONFLICT', headers: { 'X-Mock-Error': 'LIBRARY_LOCKED' } })
    expect({ status: reply.status, body: reply.body }).toEqual(expectedError('LIBRARY_LOCKED'))
  })
})
