import { encode as encodePng } from 'fast-png'
import jpeg from 'jpeg-js'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as Api from '../src/contract/schemas.js'
import { transformedBytes } from '../src/images/transformed.js'
import { barcelona, useMockServer } from './support/client.js'
import { expectData as expectGraphQLData, graphqlClient } from './support/graphql.js'
import { imageHeader } from './support/image-header.js'

/**
 * The resizing CDN (issue 32) in Node msw: every transformed answer's bytes are read here (header parsed by the
 * test) for their real format, width and height; bad parameters are a 400 in the REST envelope or the nearest
 * allowed value, as docs/images.md says; `sizes` URLs serve the widths they name.
 */
const { mock, call } = useMockServer()
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)
const lisbon = '/organizations/monogram-labs/libraries/lisbon'

async function firstAsset() {
  const reply = await call({ path: `${barcelona}/assets?pageSize=1` })
  return Api.dataEnvelope(z.array(Api.Asset)).parse(reply.body).data[0]!
}

/** The image at `url`: status, type, the format and size its header declares, its bytes. */
async function image(url: string, headers?: Record<string, string>) {
  const response = await fetch(url, { headers })
  expect(response.status, url).toBe(200)
  const bytes = new Uint8Array(await response.arrayBuffer())
  expect(Number(response.headers.get('Content-Length'))).toBe(bytes.length)
  return { type: response.headers.get('Content-Type'), vary: response.headers.get('Vary'), ...imageHeader(bytes), bytes }
}

async function badRequest(url: string) {
  const response = await fetch(url)
  expect(response.status, url).toBe(400)
  const body = await response.json()
  expect(body.error.code).toBe('BAD_USER_INPUT')
  return body.error.message as string
}

/** A w × h RGBA picture: a red-to-blue gradient whose left quarter is transparent. */
function rgba(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4
      data.set([Math.round((255 * x) / width), 80, Math.round((255 * y) / height), x < width / 4 ? 0 : 255], at)
    }
  }
  return data
}

async function upload(name: string, bytes: Uint8Array, type: string, parentId?: string) {
  const form = new FormData()
  form.append('files', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }))
  if (parentId) form.append('parentId', parentId)
  const reply = await call({ method: 'POST', path: `${parentId ? barcelona : lisbon}/assets`, body: form })
  expect(reply.status, reply.text).toBe(200)
  return Api.dataEnvelope(Api.UploadResult).parse(reply.body).data.assets[0]!
}

describe('resizing a seeded image', () => {
  it('gives w, h and each fit their real size, keeping the aspect ratio where the fit does', async () => {
    const asset = await firstAsset()
    const ratio = asset.height! / asset.width!
    expect(await image(`${asset.url}?w=400`)).toMatchObject({ type: 'image/jpeg', format: 'jpeg', width: 400, height: Math.round(400 * ratio) })
    expect(await image(`${asset.url}?height=300`)).toMatchObject({ format: 'jpeg', width: Math.round(300 / ratio), height: 300 })
    // clip (the default) fits inside the box; crop fills it; fill pads to it; max never enlarges.
    const clip = Math.min(500 / asset.width!, 500 / asset.height!)
    expect(await image(`${asset.url}?w=500&h=500`)).toMatchObject({ width: Math.round(asset.width! * clip), height: Math.round(asset.height! * clip) })
    expect(await image(`${asset.url}?w=500&h=500&fit=crop`)).toMatchObject({ width: 500, height: 500 })
    expect(await image(`${asset.url}?w=500&h=500&fit=fill`)).toMatchObject({ width: 500, height: 500 })
    expect(await image(`${asset.thumbUrl}?w=1000&fit=max`)).toMatchObject({ width: 400, height: Math.round(400 * ratio) })
    expect(await image(`${asset.thumbUrl}?w=1000`)).toMatchObject({ width: 1000, height: Math.round(1000 * ratio) })
  })

  it('converts with fm, negotiates with auto=format and Accept, and lowers the bytes with q', async () => {
    const asset = await firstAsset()
    expect(await image(`${asset.url}?w=300&fm=png`)).toMatchObject({ type: 'image/png', format: 'png', width: 300 })
    expect(await image(`${asset.url}?w=300&fm=webp`)).toMatchObject({ type: 'image/webp', format: 'webp', width: 300 })
    expect(await image(`${asset.url}?w=300&fm=jpg`)).toMatchObject({ type: 'image/jpeg', format: 'jpeg', width: 300 })
    const webp = await image(`${asset.url}?w=300&auto=format`, { Accept: 'image/avif,image/webp,*/*' })
    expect(webp).toMatchObject({ type: 'image/webp', format: 'webp', width: 300, vary: 'Accept' })
    expect(await image(`${asset.url}?w=300&auto=format`, { Accept: 'image/*' })).toMatchObject({ format: 'jpeg', vary: 'Accept' })
    // fm wins over auto=format.
    expect(await image(`${asset.url}?w=300&auto=format&fm=png`, { Accept: 'image/webp' })).toMatchObject({ format: 'png', vary: null })
    const low = await image(`${asset.url}?w=800&q=10`)
    const high = await image(`${asset.url}?w=800&q=90`)
    expect(low.bytes.length).toBeLessThan(high.bytes.length)
    const lowWebp = await image(`${asset.url}?w=800&fm=webp&q=5`)
    const highWebp = await image(`${asset.url}?w=800&fm=webp&q=95`)
    expect(lowWebp.bytes.length).toBeLessThan(highWebp.bytes.length)
  })

  it('multiplies the size by dpr, and brings sizes and dpr over their caps down to them', async () => {
    const asset = await firstAsset()
    expect(await image(`${asset.url}?w=200&dpr=2`)).toMatchObject({ width: 400 })
    expect(await image(`${asset.url}?w=100&dpr=100`)).toMatchObject({ width: 500 })
    expect(await image(`${asset.url}?w=100000`)).toMatchObject({ width: 4096 })
    expect(await image(`${asset.url}?w=1000&h=1000&fit=crop&dpr=5`)).toMatchObject({ width: 4096, height: 4096 })
  })

  it('answers malformed parameters with a 400 naming the parameter', async () => {
    const { url } = await firstAsset()
    expect(await badRequest(`${url}?w=0`)).toMatch(/^w must be a whole number of pixels from 1/)
    expect(await badRequest(`${url}?w=-5`)).toMatch(/^w must be/)
    expect(await badRequest(`${url}?width=wide`)).toMatch(/^w must be/)
    expect(await badRequest(`${url}?h=1.5`)).toMatch(/^h must be/)
    expect(await badRequest(`${url}?fm=gif`)).toBe('fm must be one of jpg, png, webp, got "gif".')
    expect(await badRequest(`${url}?q=101`)).toBe('q must be a whole number from 0 to 100, got "101".')
    expect(await badRequest(`${url}?q=-1`)).toMatch(/^q must be/)
    expect(await badRequest(`${url}?fit=stretch`)).toMatch(/^fit must be one of clip, crop, max, fill/)
    expect(await badRequest(`${url}?dpr=0`)).toMatch(/^dpr must be a number above 0/)
  })

  it('serves the original unchanged when the query asks no transform', async () => {
    const asset = await firstAsset()
    const plain = new Uint8Array(await (await fetch(asset.url)).arrayBuffer())
    const signed = new Uint8Array(await (await fetch(`${asset.url}?s=abc&ixlib=js`)).arrayBuffer())
    expect(signed.length).toBe(asset.size)
    // Buffer's comparison: a deep equality of megabytes element by element takes minutes.
    expect(Buffer.from(signed).equals(Buffer.from(plain))).toBe(true)
  })

  it('keeps hundreds of distinct transforms of one image within its memory budget', async () => {
    const { url } = await firstAsset()
    // Distinct answers adding up to more than the 32 MB budget, so the oldest are dropped.
    let served = 0
    for (let side = 3500; served < 40 * 1024 * 1024; side++) {
      const response = await fetch(`${url}?w=${side}&h=${side}&fit=crop`)
      expect(response.status).toBe(200)
      served += (await response.arrayBuffer()).byteLength
    }
    expect(transformedBytes()).toBeLessThanOrEqual(32 * 1024 * 1024)
  }, 120_000)
})

describe('resizing an upload', () => {
  it('decodes a PNG with transparency and gives each size and format', async () => {
    const png = encodePng({ width: 300, height: 200, data: rgba(300, 200), channels: 4, depth: 8 })
    const asset = await upload('gradient.png', png, 'image/png')
    expect(await image(`${asset.url}?w=150`)).toMatchObject({ type: 'image/png', format: 'png', width: 150, height: 100 })
    expect(await image(`${asset.url}?w=90&h=90&fit=crop&fm=jpg`)).toMatchObject({ format: 'jpeg', width: 90, height: 90 })
    expect(await image(`${asset.url}?w=600&fm=webp&q=80`)).toMatchObject({ format: 'webp', width: 600, height: 400 })
    expect(await image(`${asset.url}?w=400&fit=max`)).toMatchObject({ width: 300, height: 200 })
    // A JPEG of it is flattened onto white: its transparent left quarter is white, not black.
    const flattened = jpeg.decode((await image(`${asset.url}?w=100&fm=jpg&q=100`)).bytes, { useTArray: true })
    expect([...flattened.data.subarray(0, 3)].every((channel) => channel > 240)).toBe(true)
    // The resized pixels are the source's: the middle of the right half keeps its red-to-blue gradient.
    const resized = jpeg.decode((await image(`${asset.url}?w=30&fm=jpg&q=100`)).bytes, { useTArray: true })
    const pixel = (x: number, y: number) => [...resized.data.subarray((y * 30 + x) * 4, (y * 30 + x) * 4 + 3)]
    expect(pixel(29, 10)[0]).toBeGreaterThan(pixel(10, 10)[0]! + 100)
  })

  it('decodes a JPEG and a WebP, and resizes a variant', async () => {
    const jpegBytes = jpeg.encode({ width: 320, height: 240, data: rgba(320, 240) }, 90).data
    const photo = await upload('photo.jpg', jpegBytes, 'image/jpeg')
    expect(await image(`${photo.url}?w=160`)).toMatchObject({ type: 'image/jpeg', format: 'jpeg', width: 160, height: 120 })
    expect(await image(`${photo.url}?h=60&fm=png`)).toMatchObject({ format: 'png', width: 80, height: 60 })
    const webpBytes = (await image(`${photo.url}?fm=webp`)).bytes
    expect(imageHeader(webpBytes)).toMatchObject({ format: 'webp', width: 320, height: 240 })
    const webp = await upload('photo.webp', webpBytes, 'image/webp')
    expect(await image(`${webp.url}?w=100`)).toMatchObject({ type: 'image/webp', format: 'webp', width: 100, height: 75 })
    expect(await image(`${webp.url}?w=100&h=50&fit=fill&fm=png`)).toMatchObject({ format: 'png', width: 100, height: 50 })

    const parent = await firstAsset()
    const withVariant = await upload('crop.jpg', jpegBytes, 'image/jpeg', parent.id)
    const variant = withVariant.views.find((view) => view.name === 'crop.jpg')!
    expect(await image(`${variant.url}?w=200`)).toMatchObject({ format: 'jpeg', width: 200, height: 150 })
  })

  it('refuses to transform what it cannot decode, and still serves it as uploaded', async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>')
    const asset = await upload('logo.svg', svg, 'image/svg+xml')
    expect(await badRequest(`${asset.url}?w=20`)).toMatch(/^This file cannot be transformed: the CDN resizes and converts JPEG, PNG and WebP/)
    const plain = await fetch(asset.url)
    expect(plain.headers.get('Content-Type')).toBe('image/svg+xml')
    expect(new Uint8Array(await plain.arrayBuffer())).toEqual(svg)
  })
})

describe('sizes', () => {
  const sizesQuery = (libraryId: string, assetId: string) =>
    `{ asset(organizationId: "monogram-labs", libraryId: "${libraryId}", assetId: "${assetId}") { width sizes views { width sizes } } }`

  async function expectServedWidths(sizes: Record<string, string>) {
    for (const [width, url] of Object.entries(sizes)) expect((await image(url)).width, url).toBe(Number(width))
  }

  it('are the widths below the original, then the original, each served at its width: seeded assets and variants', async () => {
    const assets = Api.dataEnvelope(z.array(Api.Asset)).parse((await call({ path: `${barcelona}/assets?pageSize=50` })).body).data
    const asset = assets.find((candidate) => candidate.views.length > 0)!
    const { asset: read } = expectGraphQLData(await gql({ query: sizesQuery('barcelona', asset.id) }))
    const sizes = JSON.parse(read.sizes)
    expect(Object.keys(sizes)).toEqual([...[400, 800, 1200, 1600].filter((width) => width < read.width), read.width].map(String))
    expect(sizes[String(read.width)]).toBe(asset.url)
    await expectServedWidths(sizes)
    await expectServedWidths(JSON.parse(read.views[0].sizes))
  }, 60_000)

  it('of an upload are served at their widths; one the CDN cannot resize has only its original', async () => {
    const png = await upload('wide.png', encodePng({ width: 900, height: 300, data: rgba(900, 300), channels: 4, depth: 8 }), 'image/png')
    const { asset } = expectGraphQLData(await gql({ query: sizesQuery('lisbon', png.id) }))
    const sizes = JSON.parse(asset.sizes)
    expect(Object.keys(sizes)).toEqual(['400', '800', '900'])
    await expectServedWidths(sizes)

    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="20"></svg>')
    const vector = await upload('line.svg', svg, 'image/svg+xml')
    const read = expectGraphQLData(await gql({ query: sizesQuery('lisbon', vector.id) })).asset
    expect(JSON.parse(read.sizes)).toEqual({ 1000: vector.url })
  })
})
