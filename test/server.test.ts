import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'
import { restClient, tinyPng, type RestCall } from './support/client.js'
import { errorCatalogueSuite } from './support/error-suite.js'

let server: RunningServer
let call: RestCall
beforeAll(async () => {
  server = await startServer({ port: 0, log: false })
  call = restClient(server.url)
})
afterAll(() => server.close())

describe('error catalogue through the standalone server', () => {
  errorCatalogueSuite(() => call)
})

describe('standalone server', () => {
  it('listens on 127.0.0.1 and serves the REST paths on its own origin', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const reply = await call({ path: '/organizations/monogram-labs/libraries' })
    expect(reply.status).toBe(200)
    expect(reply.body.data.map((library: { id: string }) => library.id)).toEqual(['barcelona', 'tokyo', 'lisbon'])
  })

  it('answers CORS preflight and adds CORS headers to every response', async () => {
    const preflight = await fetch(`${server.url}/me`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization, api-version, x-mock-scenario',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const allowed = preflight.headers.get('Access-Control-Allow-Headers')!.toLowerCase()
    for (const header of ['authorization', 'api-version', 'content-type', 'apollo-require-preflight', 'x-mock-scenario', 'x-mock-error', 'x-mock-session']) {
      expect(allowed).toContain(header)
    }
    const reply = await call({ path: '/me', headers: { Origin: 'http://localhost:5173' } })
    expect(reply.headers.get('Access-Control-Allow-Origin')).toBe('*')
  })

  it('serves asset images from its own origin', async () => {
    const reply = await call({ path: '/organizations/monogram-labs/libraries/barcelona/assets?pageSize=1' })
    const [asset] = reply.body.data
    expect(asset.url.startsWith(`${server.url}/cdn/`)).toBe(true)
    const image = await fetch(asset.thumbUrl)
    expect(image.status).toBe(200)
    expect(image.headers.get('Content-Type')).toBe('image/jpeg')
  })

  it('keeps state across requests', async () => {
    const form = new FormData()
    form.append('files', new File([tinyPng], 'kept.png', { type: 'image/png' }))
    const upload = await call({ method: 'POST', path: '/organizations/monogram-labs/libraries/lisbon/assets', body: form })
    expect(upload.status).toBe(200)
    const list = await call({ path: '/organizations/monogram-labs/libraries/lisbon/assets' })
    expect(list.body.data.map((asset: { name: string }) => asset.name)).toEqual(['kept.png'])
    const bytes = new Uint8Array(await (await fetch(list.body.data[0].url)).arrayBuffer())
    expect([...bytes]).toEqual([...tinyPng])
  })
})
