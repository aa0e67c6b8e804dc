import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'
import { restClient, tinyPng, type RestCall } from './support/client.js'
import { expectedError } from './support/error-cases.js'
import { graphqlClient } from './support/graphql.js'

/**
 * Contract rules of the standalone server that a planted bug once slipped past (issue #19):
 * the headers of the malformed-HTTP reply, the Content-Type of uploaded bytes, `POST
 * /__mock/reset` partway through `flaky`, and header over query. msw's side is in contract-pins.test.ts.
 */
let server: RunningServer
let call: RestCall
beforeAll(async () => {
  server = await startServer({ port: 0, log: false })
  call = restClient(server.url)
})
afterAll(() => server.close())

/** Writes raw bytes on a new connection and resolves with the whole reply once the server closes it. */
function rawReply(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => socket.write(bytes))
    let text = ''
    socket.on('data', (chunk) => (text += chunk))
    socket.on('close', () => resolve(text))
    socket.on('error', reject)
  })
}

describe('malformed HTTP', () => {
  it('is answered 400 in the envelope with the headers of every REST response', async () => {
    const reply = await rawReply('THIS IS NOT HTTP\r\n\r\n')
    const [head = '', body = ''] = reply.split('\r\n\r\n')
    const [statusLine, ...lines] = head.split('\r\n')
    const headers = new Headers(lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()] as [string, string]))
    expect(statusLine).toMatch(/^HTTP\/1\.1 400 /)
    expect(headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(headers.get('Vary')).toBe('Api-Version')
    expect(JSON.parse(body)).toEqual({ error: { code: 'BAD_USER_INPUT', message: 'Malformed HTTP request.' } })
  })
})

describe('uploaded bytes are served with their image type', () => {
  async function expectServedAsPng(url: string) {
    expect(url.startsWith(server.url)).toBe(true)
    const image = await fetch(url)
    expect(image.status).toBe(200)
    expect(image.headers.get('Content-Type')).toBe('image/png')
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(tinyPng)
  }
  const png = () => new File([tinyPng], 'a.png', { type: 'image/png' })

  it('REST upload', async () => {
    const body = new FormData()
    body.append('files', png())
    const reply = await call({ method: 'POST', path: '/organizations/monogram-labs/libraries/lisbon/assets', body })
    expect(reply.status, reply.text).toBe(200)
    await expectServedAsPng(reply.body.data.assets[0].url)
  })

  it('GraphQL multipart upload', async () => {
    const query = `mutation Upload($files: [Upload!]!) {
      uploadAssets(organizationId: "monogram-labs", libraryId: "lisbon", files: $files) { assets { url } }
    }`
    const reply = await graphqlClient(`${server.url}/`)({ query, files: [png()] })
    expect(reply.status, reply.text).toBe(200)
    await expectServedAsPng(reply.body.data.uploadAssets.assets[0].url)
  })
})

describe('flaky and POST /__mock/reset', () => {
  it('a reset partway through flaky starts the count again: two calls, reset, the third succeeds', async () => {
    const flaky = async () => (await call({ path: '/me', headers: { 'X-Mock-Scenario': 'flaky', 'X-Mock-Session': 'pins-flaky' } })).status
    expect([await flaky(), await flaky()]).toEqual([200, 200])
    expect((await fetch(`${server.url}/__mock/reset`, { method: 'POST' })).ok).toBe(true)
    expect([await flaky(), await flaky(), await flaky()]).toEqual([200, 200, 500])
  })
})

describe('scenario selection', () => {
  it('X-Mock-Scenario wins over ?__scenario=', async () => {
    const revoked = await call({ path: '/me?__scenario=default', headers: { 'X-Mock-Scenario': 'key-revoked' } })
    expect({ status: revoked.status, body: revoked.body }).toEqual(expectedError('INVALID_API_KEY'))
    expect((await call({ path: '/me?__scenario=key-revoked', headers: { 'X-Mock-Scenario': 'default' } })).status).toBe(200)
  })
})
