import { crc32, inflateSync } from 'node:zlib'
import { imageSize } from 'image-size'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as Api from '../src/contract/schemas.js'
import { barcelona, tinyPng, useMockServer } from './support/client.js'

/**
 * The mock CDN as a download client sees it: the bytes at a seeded asset's
 * URL are a real image of its contentType, exactly `size` bytes and
 * `width` × `height` (issue 14.4); every answer is safe to open on the mock's
 * origin (issue 15.3); HEAD answers as GET without the body (issue 15.4).
 */
const { mock, call } = useMockServer()
const cdn = 'https://cdn.raster.app'
const drafts = '/organizations/unclaimed-demo/libraries/drafts'

const JPEG_MAGIC = [0xff, 0xd8, 0xff]
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

async function assets(path: string, key?: string) {
  const reply = await call({ path, key })
  expect(reply.status).toBe(200)
  return Api.dataEnvelope(z.array(Api.Asset)).parse(reply.body).data
}

/** The image at `url`: its served type, its bytes' type by magic number, its length and its dimensions. */
async function image(url: string) {
  const response = await fetch(url)
  expect(response.status).toBe(200)
  const bytes = new Uint8Array(await response.arrayBuffer())
  const starts = (magic: number[]) => magic.every((byte, i) => bytes[i] === byte)
  const { width, height } = imageSize(bytes)
  return {
    contentType: response.headers.get('Content-Type'),
    contentLength: Number(response.headers.get('Content-Length')),
    magic: starts(JPEG_MAGIC) ? 'image/jpeg' : starts(PNG_MAGIC) ? 'image/png' : 'unknown',
    size: bytes.length,
    width,
    height,
    bytes,
  }
}

/** A thumbnail `width` wide at most (never wider than the original), with the original's aspect ratio. */
function expectThumbnail(thumb: Awaited<ReturnType<typeof image>>, original: { width: number; height: number }, width: number) {
  expect(thumb.magic).toBe('image/jpeg')
  expect(thumb.contentType).toBe('image/jpeg')
  expect(thumb.width).toBe(Math.min(width, original.width))
  expect(thumb.height).toBe(Math.round((original.height * thumb.width) / original.width))
  expect(thumb.size).toBe(thumb.contentLength)
}

describe('seeded images', () => {
  it('serves each original as a JPEG of exactly its size and its width × height', async () => {
    const seeded = [...(await assets(`${barcelona}/assets?pageSize=6`)), ...(await assets(`${drafts}/assets`, 'pk_unclaimed_demo'))]
    expect(seeded).toHaveLength(10)
    for (const asset of seeded) {
      expect(asset.contentType).toBe('image/jpeg')
      const original = await image(asset.url)
      expect(original).toMatchObject({
        contentType: 'image/jpeg',
        magic: 'image/jpeg',
        size: asset.size,
        contentLength: asset.size,
        width: asset.width,
        height: asset.height,
      })
    }
  })

  it('serves thumbnails and views as real JPEGs no larger than the original, in its aspect ratio', async () => {
    const all = await assets(`${barcelona}/assets?pageSize=50`)
    const seeded = [...all.slice(0, 3), ...all.filter((asset) => asset.views.length > 0).slice(0, 3)]
    expect(seeded.filter((asset) => asset.views.length > 0)).toHaveLength(3)
    for (const asset of seeded) {
      const original = { width: asset.width!, height: asset.height! }
      expectThumbnail(await image(asset.thumbUrl!), original, 400)
      expectThumbnail(await image(asset.thumbHighUrl!), original, 1200)
      expectThumbnail(await image(asset.thumbUrlBlurred!), original, 400)
      for (const view of asset.views) {
        expect(await image(view.url)).toMatchObject({ magic: 'image/jpeg', width: view.width, height: view.height })
        expectThumbnail(await image(view.thumbUrl!), view, 400)
      }
    }
  })

  it('serves a PNG asset as a PNG of exactly its size and dimensions, thumbnails too', async () => {
    const world = await mock.ready
    const [seededJpeg] = await assets(`${barcelona}/assets?pageSize=1`)
    const record = world.asset(seededJpeg!.id)!
    await world.updateAsset(record, { contentType: 'image/png', width: 1000, height: 700, size: 250_000 })
    const [asset] = await assets(`${barcelona}/assets?pageSize=1`)
    expect(await image(asset!.url)).toMatchObject({
      contentType: 'image/png',
      magic: 'image/png',
      size: 250_000,
      width: 1000,
      height: 700,
    })
    const thumb = await image(asset!.thumbUrl!)
    expect(thumb).toMatchObject({ contentType: 'image/png', magic: 'image/png', width: 400, height: 280 })
  })

  it('pads a JPEG only after its end-of-image marker, its entropy-coded data well formed', async () => {
    const [asset] = await assets(`${barcelona}/assets?pageSize=1`)
    const { bytes } = await image(asset!.url)
    // Marker segments up to start-of-scan, each with its declared length.
    let at = 2
    const markers: number[] = []
    while (bytes[at] === 0xff && bytes[at + 1] !== 0xda) {
      markers.push(bytes[at + 1]!)
      at += 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!)
    }
    expect(markers).toEqual([0xe0, 0xdb, 0xc0, 0xc4]) // JFIF, quantization, baseline frame, Huffman tables
    at += 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!)
    // In the scan, every 0xFF is a stuffed 0xFF 0x00, until end of image (0xFF 0xD9); then only zeros.
    while (!(bytes[at] === 0xff && bytes[at + 1] !== 0x00)) at += bytes[at] === 0xff ? 2 : 1
    expect([bytes[at], bytes[at + 1]]).toEqual([0xff, 0xd9])
    expect(bytes.subarray(at + 2).every((byte) => byte === 0)).toBe(true)
    expect(at + 2).toBeLessThan(asset!.size!)
  })

  it('gives a PNG whose chunks all check out, padded in an ancillary chunk before IEND', async () => {
    const world = await mock.ready
    const [seeded] = await assets(`${barcelona}/assets?pageSize=1`)
    await world.updateAsset(world.asset(seeded!.id)!, { contentType: 'image/png', width: 640, height: 480, size: 100_000 })
    const [asset] = await assets(`${barcelona}/assets?pageSize=1`)
    const { bytes } = await image(asset!.url)
    const view = new DataView(bytes.buffer, bytes.byteOffset)
    const chunks: string[] = []
    const idat: Uint8Array[] = []
    for (let at = 8; at < bytes.length; ) {
      const length = view.getUint32(at)
      const type = new TextDecoder().decode(bytes.subarray(at + 4, at + 8))
      expect(view.getUint32(at + 8 + length) >>> 0).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)))
      if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length))
      chunks.push(type)
      at += 12 + length
    }
    expect(chunks).toEqual(['IHDR', 'PLTE', 'IDAT', 'paDd', 'IEND'])
    // The image data inflates (zlib checks its Adler-32) to a filter byte and 640 palette indexes per row.
    expect(inflateSync(Buffer.concat(idat)).length).toBe(480 * (1 + 640))
  })

  it('gives the same bytes for the same URL', async () => {
    const [asset] = await assets(`${barcelona}/assets?pageSize=1`)
    const first = await image(asset!.thumbHighUrl!)
    expect((await image(asset!.thumbHighUrl!)).bytes).toEqual(first.bytes)
  })

  it('answers 404 RESOURCE_NOT_FOUND for generated URLs that cannot be an image', async () => {
    const [asset] = await assets(`${barcelona}/assets?pageSize=1`)
    const path = new URL(asset!.url).pathname.split('/') // ['', 'o', hue, WxH, bytes, file]
    const variants = [
      [...path.slice(0, 4), '0', path[5]],
      [...path.slice(0, 4), String(2 ** 40), path[5]],
      [...path.slice(0, 4), path[4], 'x.svg'],
      [...path.slice(0, 2), '360', ...path.slice(3)],
      [...path.slice(0, 3), '0x10', ...path.slice(4)],
    ]
    for (const parts of variants) {
      const response = await fetch(cdn + parts.join('/'))
      expect(response.status).toBe(404)
      expect((await response.json()).error.code).toBe('RESOURCE_NOT_FOUND')
    }
  })
})

describe('a safe CDN', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>'

  async function uploaded(bytes: BlobPart, name: string, type: string) {
    const form = new FormData()
    form.append('files', new File([bytes], name, { type }))
    const reply = await call({ method: 'POST', path: `${barcelona}/assets`, body: form })
    expect(reply.status).toBe(200)
    return reply.body.data.assets[0].url as string
  }

  it('sends X-Content-Type-Options: nosniff and a CSP without scripts on every answer, errors included', async () => {
    const [asset] = await assets(`${barcelona}/assets?pageSize=1`)
    const urls = [asset!.url, asset!.thumbUrl!, asset!.thumbUrlBlurred!, `${cdn}/g/999/10x10/x.jpg`, `${cdn}/f/unknown/x.png`]
    urls.push(await uploaded(tinyPng, 'tiny.png', 'image/png'))
    for (const url of urls) {
      const response = await fetch(url)
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(response.headers.get('Content-Security-Policy')).toMatch(/(^|;)\s*sandbox(;|$)/)
      expect(response.headers.get('Content-Security-Policy')).toMatch(/default-src 'none'/)
    }
  })

  it('serves an uploaded SVG sandboxed: no script runs on the mock’s origin', async () => {
    const response = await fetch(await uploaded(svg, 'evil.svg', 'image/svg+xml'))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('image/svg+xml')
    expect(response.headers.get('Content-Security-Policy')).toMatch(/(^|;)\s*sandbox(;|$)/)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
  })

  it('never echoes a declared type that is not one image type', async () => {
    const response = await fetch(await uploaded(tinyPng, 'odd.png', 'image/png, text/html'))
    expect(response.status).toBe(200)
    expect(['image/png', 'application/octet-stream']).toContain(response.headers.get('Content-Type'))
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(tinyPng)
  })
})

describe('HEAD on the CDN', () => {
  it('answers as GET, headers and all, without the body', async () => {
    const [asset] = await assets(`${barcelona}/assets?pageSize=1`)
    for (const url of [asset!.url, asset!.thumbUrl!, `${cdn}/g/999/10x10/x.jpg`]) {
      const get = await fetch(url)
      const head = await fetch(url, { method: 'HEAD' })
      expect(head.status).toBe(get.status)
      expect([...head.headers]).toEqual([...get.headers])
      expect((await head.arrayBuffer()).byteLength).toBe(0)
    }
    const head = await fetch(asset!.url, { method: 'HEAD' })
    expect(head.headers.get('Content-Length')).toBe(String(asset!.size))
  })
})
