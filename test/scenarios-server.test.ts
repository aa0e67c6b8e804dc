import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'
import { barcelona, restClient, type RestCall } from './support/client.js'

/** Scenarios through the standalone server: the control routes (docs/scenarios.md, "Against the standalone server"), and GraphQL parity. */
let server: RunningServer
let call: RestCall
beforeAll(async () => {
  server = await startServer({ port: 0, log: false })
  call = restClient(server.url)
})
afterEach(() => call({ method: 'PUT', path: '/__mock/scenario', json: { scenario: 'default' } }))
afterAll(() => server.close())

const graphql = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer pk_monogram_write', ...headers },
    body: JSON.stringify({ query }),
  }).then(async (response) => ({ status: response.status, body: await response.json() }))

describe('control surface', () => {
  it('lists every scenario with its description', async () => {
    const reply = await call({ path: '/__mock/scenarios' })
    expect(reply.body.data).toHaveLength(23)
    expect(reply.body.data[3]).toEqual({ name: 'library-locked', description: expect.stringContaining('LIBRARY_LOCKED') })
  })

  it('GET/PUT /__mock/scenario switch the active scenario; headers still win', async () => {
    expect((await call({ path: '/__mock/scenario' })).body).toEqual({ data: { scenario: 'default' } })
    const put = await call({ method: 'PUT', path: '/__mock/scenario', json: { scenario: 'slow-not, x' } })
    expect(put.status).toBe(400)
    expect((await call({ method: 'PUT', path: '/__mock/scenario', json: { scenario: 'no-access,file-too-large' } })).body).toEqual({
      data: { scenario: 'no-access,file-too-large' },
    })
    expect((await call({ path: `${barcelona}/assets` })).status).toBe(404)
    expect((await call({ path: `${barcelona}/assets`, headers: { 'X-Mock-Scenario': 'default' } })).status).toBe(200)
    expect((await call({ method: 'PUT', path: '/__mock/scenario', json: {} })).body.error.code).toBe('BAD_USER_INPUT')
  })

  it('POST /__mock/reset restores the seeded world', async () => {
    await call({ method: 'PATCH', path: barcelona, json: { name: 'Changed' } })
    await call({ method: 'POST', path: '/__mock/reset' })
    const libraries = await call({ path: '/organizations/monogram-labs/libraries' })
    expect(libraries.body.data[0].name).toBe('Barcelona')
  })

  it('GET /__mock/requests lists recent API calls, newest first', async () => {
    await call({ path: '/me', headers: { 'X-Mock-Scenario': 'key-revoked', 'X-Mock-Session': 'log' } })
    const [latest] = (await call({ path: '/__mock/requests' })).body.data
    expect(latest).toEqual({
      method: 'GET',
      path: '/me',
      status: 401,
      code: 'INVALID_API_KEY',
      scenario: 'key-revoked',
      session: 'log',
      durationMs: expect.any(Number),
      at: expect.any(Number),
      notice: null,
    })
  })

  it('POST /__mock/claim turns a temporary organization into a claimed Free one', async () => {
    const headers = { 'X-Mock-Scenario': 'ephemeral' }
    const create = { method: 'POST', path: '/organizations/monogram-labs/libraries', json: { name: 'Second' }, headers }
    expect((await call(create)).body.error.code).toBe('EPHEMERAL_LIBRARY_LIMIT_EXCEEDED')
    const claim = await call({ method: 'POST', path: '/__mock/claim', json: { organizationId: 'monogram-labs' }, headers })
    expect(claim.body).toEqual({ data: { organizationId: 'monogram-labs', plan: 'free', temporary: false } })
    expect((await call(create)).status).toBe(201)
  })

  it('is never subject to faults, so a test can always switch away from them', async () => {
    await call({ method: 'PUT', path: '/__mock/scenario', json: { scenario: 'network-error' } })
    await expect(fetch(`${server.url}/me`)).rejects.toThrow(TypeError)
    expect((await call({ path: '/__mock/scenario' })).status).toBe(200)
  })

  it('--no-admin removes every control route', async () => {
    const bare = await startServer({ port: 0, log: false, admin: false })
    try {
      for (const path of ['/__mock/scenarios', '/__mock/scenario', '/__mock/requests']) {
        expect((await restClient(bare.url)({ path })).body.error.code).toBe('ENDPOINT_NOT_FOUND')
      }
    } finally {
      await bare.close()
    }
  })
})

describe('over HTTP', () => {
  it('network-error drops the connection: fetch rejects with a TypeError', async () => {
    await expect(fetch(`${server.url}/me`, { headers: { 'X-Mock-Scenario': 'network-error' } })).rejects.toThrow(TypeError)
  })

  it('sessions give parallel clients worlds of their own', async () => {
    const rename = (session: string) =>
      call({ method: 'PATCH', path: barcelona, json: { name: session }, headers: { 'X-Mock-Session': session } })
    await Promise.all(['alpha', 'beta'].map(rename))
    for (const session of ['alpha', 'beta']) {
      const libraries = await call({ path: '/organizations/monogram-labs/libraries', headers: { 'X-Mock-Session': session } })
      expect(libraries.body.data[0].name).toBe(session)
    }
  })
})

describe('GraphQL parity', () => {
  it('answers a scenario error with the same code, status and message as REST', async () => {
    const rest = await call({ path: `${barcelona}/assets`, headers: { 'X-Mock-Scenario': 'library-locked' } })
    const gql = await graphql('{ assets(organizationId: "monogram-labs", libraryId: "barcelona") { id } }', { 'X-Mock-Scenario': 'library-locked' })
    expect(gql.status).toBe(rest.status)
    expect(gql.body).toEqual({
      errors: [{ message: rest.body.error.message, extensions: { code: 'LIBRARY_LOCKED', http: { status: 403 } } }],
      data: null,
    })
  })

  it('applies state, faults and forced errors to GraphQL too', async () => {
    const viewer = '{ viewer { organizationId } }'
    expect((await graphql(viewer, { 'X-Mock-Scenario': 'key-revoked' })).body.errors[0].extensions.code).toBe('INVALID_API_KEY')
    expect((await graphql(viewer, { 'X-Mock-Scenario': 'server-error' })).status).toBe(500)
    expect((await graphql(viewer, { 'X-Mock-Error': 'CONFLICT' })).body.errors[0].extensions).toEqual({ code: 'CONFLICT', http: { status: 409 } })
    expect((await graphql(viewer, { 'X-Mock-Scenario': 'nope' })).body.errors[0].extensions.code).toBe('BAD_USER_INPUT')
    await expect(graphql(viewer, { 'X-Mock-Scenario': 'network-error' })).rejects.toThrow(TypeError)
    // GraphQL follows the current version, 2026-05-20 here: a canceled Pro plan still creates libraries.
    const created = await graphql('mutation { createLibrary(organizationId: "monogram-labs", name: "X") { id } }', { 'X-Mock-Scenario': 'pro-plan-canceled' })
    expect(created.body.data.createLibrary.id).toBe('x')
  })
})
