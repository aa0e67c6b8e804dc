import { encode as encodePng } from 'fast-png'
import { describe, expect, it } from 'vitest'
import { startServer } from '../src/server.js'
import { barcelona } from './support/client.js'
import { imageHeader } from './support/image-header.js'

/** The standalone server's CDN resizes too: seeded and uploaded images, and the widths `sizes` names. */
describe('the standalone server’s resizing CDN', () => {
  it('serves transformed seeded and uploaded images at their real size and format, and sizes at their widths', async () => {
    const server = await startServer({ port: 0, log: false })
    const headers = { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' }
    const header = async (url: string, init?: RequestInit) => {
      const response = await fetch(url, init)
      expect(response.status, url).toBe(200)
      return { type: response.headers.get('Content-Type'), ...imageHeader(new Uint8Array(await response.arrayBuffer())) }
    }
    try {
      const [asset] = (await (await fetch(`${server.url}${barcelona}/assets?pageSize=1`, { headers })).json()).data
      expect(await header(`${asset.url}?w=320&fm=webp`)).toMatchObject({ type: 'image/webp', format: 'webp', width: 320 })
      expect(await header(`${asset.url}?w=200&h=200&fit=crop&fm=png`)).toMatchObject({ format: 'png', width: 200, height: 200 })
      expect(await header(`${asset.url}?w=100&auto=format`, { headers: { Accept: 'image/webp' } })).toMatchObject({ format: 'webp', width: 100 })
      const bad = await fetch(`${asset.url}?w=0`)
      expect(bad.status).toBe(400)
      expect((await bad.json()).error.code).toBe('BAD_USER_INPUT')

      const form = new FormData()
      const pixels = new Uint8Array(600 * 300 * 4).fill(200)
      form.append('files', new File([encodePng({ width: 600, height: 300, data: pixels, channels: 4, depth: 8 }) as Uint8Array<ArrayBuffer>], 'grey.png', { type: 'image/png' }))
      const uploaded = (await (await fetch(`${server.url}/organizations/monogram-labs/libraries/lisbon/assets`, { method: 'POST', headers, body: form })).json()).data.assets[0]
      expect(await header(`${uploaded.url}?w=150&fm=jpg`)).toMatchObject({ type: 'image/jpeg', format: 'jpeg', width: 150, height: 75 })
      expect(await header(`${uploaded.url}?w=150&fm=webp`)).toMatchObject({ format: 'webp', width: 150, height: 75 })

      const query = `{ asset(organizationId: "monogram-labs", libraryId: "lisbon", assetId: "${uploaded.id}") { sizes } }`
      const graphql = await fetch(`${server.url}/`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) })
      const sizes: Record<string, string> = JSON.parse((await graphql.json()).data.asset.sizes)
      expect(Object.keys(sizes)).toEqual(['400', '600'])
      for (const [width, url] of Object.entries(sizes)) expect((await header(url)).width).toBe(Number(width))
    } finally {
      await server.close()
    }
  })
})
