import { request as httpRequest } from 'node:http'
import { networkInterfaces } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'

/** `--host 0.0.0.0` (issue #15.10): bound to every interface, reached here through loopback only. */
let server: RunningServer
let port: string
beforeAll(async () => {
  server = await startServer({ host: '0.0.0.0', port: 0, log: false })
  port = new URL(server.url).port
})
afterAll(() => server.close())

/** GET on 127.0.0.1 with the Host header a client on another device (or a rebound DNS name) would send. */
function getWithHost(path: string, host: string, method = 'GET', body?: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const headers = { Host: host, Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20', 'Content-Type': 'application/json' }
    const request = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (response) => {
      let text = ''
      response.on('data', (chunk) => (text += chunk))
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }))
    })
    request.on('error', reject)
    request.end(body)
  })
}

describe('a server bound to 0.0.0.0', () => {
  it('knows every address it is reachable at', () => {
    const ipv4 = Object.values(networkInterfaces()).flat().filter((address) => address?.family === 'IPv4').map((address) => `http://${address!.address}:${port}`)
    expect(new Set(server.addresses)).toEqual(new Set(ipv4))
    expect(server.addresses[0]).toBe(`http://127.0.0.1:${port}`)
  })

  it("puts the address the client used in the OpenAPI document's servers", async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      const { status, body } = await getWithHost('/openapi.json', host)
      expect(status).toBe(200)
      expect(body.servers).toEqual([{ url: `http://${host}` }])
    }
  })

  it('ignores a Host that is not one of its addresses', async () => {
    const { body } = await getWithHost('/openapi.json', `rebound.example:${port}`)
    expect(body.servers).toEqual([{ url: `http://127.0.0.1:${port}` }])
  })

  it('builds asset URLs, in REST and GraphQL, from the address the client used', async () => {
    const rest = await getWithHost('/organizations/monogram-labs/libraries/barcelona/assets?pageSize=1', `localhost:${port}`)
    const [asset] = rest.body.data
    for (const key of ['url', 'thumbUrl', 'thumbHighUrl', 'thumbUrlBlurred']) expect(asset[key].startsWith(`http://localhost:${port}/cdn/`), key).toBe(true)
    const query = 'query Query($organizationId: String!, $libraryId: String!) { photos(organizationId: $organizationId, libraryId: $libraryId, page: 0) { id } }'
    const variables = { organizationId: 'monogram-labs', libraryId: 'barcelona' }
    const graphql = await getWithHost('/', `localhost:${port}`, 'POST', JSON.stringify({ query: query.replace('{ id }', '{ id url }'), variables }))
    expect(graphql.status).toBe(200)
    expect(graphql.body.data.photos[0].url.startsWith(`http://localhost:${port}/cdn/`)).toBe(true)
    // And the image is there at that URL.
    const image = await fetch(asset.url)
    expect(image.status).toBe(200)
  })

  it('keeps its own URL for a Host that is not one of its addresses', async () => {
    const rest = await getWithHost('/organizations/monogram-labs/libraries/barcelona/assets?pageSize=1', `rebound.example:${port}`)
    expect(rest.body.data[0].url.startsWith(`http://127.0.0.1:${port}/cdn/`)).toBe(true)
  })
})
