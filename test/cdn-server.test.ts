import { imageSize } from 'image-size'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as Api from '../src/contract/schemas.js'
import { startServer } from '../src/server.js'
import { barcelona } from './support/client.js'

/** The standalone server's CDN (under its own /cdn/): the same images as the embedded mock's, HEAD included. */
describe('the CDN of the standalone server', () => {
  it('serves the same exact-size JPEG under /cdn/, and HEAD without the body', async () => {
    const server = await startServer({ port: 0, log: false })
    try {
      const list = await fetch(`${server.url}${barcelona}/assets?pageSize=1`, { headers: { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' } })
      const [asset] = Api.dataEnvelope(z.array(Api.Asset)).parse(await list.json()).data
      expect(asset!.url.startsWith(`${server.url}/cdn/`)).toBe(true)
      const response = await fetch(asset!.url)
      expect(response.headers.get('Content-Type')).toBe('image/jpeg')
      const bytes = new Uint8Array(await response.arrayBuffer())
      expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff])
      expect(bytes.length).toBe(asset!.size)
      expect(imageSize(bytes)).toMatchObject({ width: asset!.width, height: asset!.height })
      const head = await fetch(asset!.url, { method: 'HEAD' })
      expect(head.status).toBe(200)
      expect(head.headers.get('Content-Length')).toBe(String(asset!.size))
      expect(head.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect((await head.arrayBuffer()).byteLength).toBe(0)
    } finally {
      await server.close()
    }
  })
})
