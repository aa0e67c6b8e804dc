import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as Api from '../src/contract/schemas.js'
import { barcelona, tinyPng, useMockServer } from './support/client.js'
import { successData as data } from './support/data.js'
import { expectData as graphqlData, graphqlClient } from './support/graphql.js'

/**
 * Issue #14: what Raster's own clients found different from the real API. Each
 * answer is written out as the contract states it (docs/rest.md, "Endpoints"; docs/errors.md, "The catalogue").
 */
const start = Date.UTC(2026, 4, 21)
let clock = start
const { mock, call } = useMockServer({ now: () => clock })
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)
const lisbon = '/organizations/monogram-labs/libraries/lisbon'


function form(...files: File[]): FormData {
  const body = new FormData()
  for (const file of files) body.append('files', file)
  return body
}

const upload = (path: string, body: FormData) => call({ method: 'POST', path: `${path}/assets`, body })
const png = (name: string, type = 'image/png') => new File([tinyPng], name, { type })
/** A 10 × 5 GIF header: enough for its signature and logical screen size. */
const gif = new Uint8Array([...new TextEncoder().encode('GIF89a'), 10, 0, 5, 0, 0, 0, 0])
/** An 8 × 6 extended WebP header (VP8X: width − 1 and height − 1, 24 bits each). */
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0))
const webp = new Uint8Array([...ascii('RIFF'), 22, 0, 0, 0, ...ascii('WEBPVP8X'), 10, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 5, 0, 0])
const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"></svg>'

describe('a valid key of another organization (#14.1)', () => {
  it('is INVALID_API_KEY in REST', async () => {
    const reply = await call({ path: '/organizations/monogram-labs/libraries', key: 'pk_acme_write' })
    expect(reply.status).toBe(401)
    expect(reply.body).toEqual({ error: { code: 'INVALID_API_KEY', message: 'Invalid API key.' } })
  })

  it('is INVALID_API_KEY in GraphQL', async () => {
    const reply = await gql({ query: '{ libraries(organizationId: "monogram-labs") { id } }', key: 'pk_acme_write' })
    expect(reply.status).toBe(401)
    expect(reply.body.errors[0]).toMatchObject({ message: 'Invalid API key.', extensions: { code: 'INVALID_API_KEY', http: { status: 401 } } })
  })

  it('leaves an organization that does not exist ORGANIZATION_NOT_FOUND', async () => {
    const reply = await call({ path: '/organizations/nope/libraries', key: 'pk_acme_write' })
    expect(reply.status).toBe(404)
    expect(reply.body.error.code).toBe('ORGANIZATION_NOT_FOUND')
  })
})

describe('taggedCount and untaggedCount (#14.2)', () => {
  it('count the (asset, tag) pairs the call added or removed', async () => {
    const [a, b] = data(await call({ path: `${barcelona}/assets?pageSize=2` }), z.array(Api.Asset))
    const assetIds = [a!.id, b!.id]
    const tag = (tags: string[]) => call({ method: 'POST', path: `${barcelona}/assets/tag`, json: { assetIds, tags } })
    const untag = (tags: string[]) => call({ method: 'POST', path: `${barcelona}/assets/untag`, json: { assetIds, tags } })
    expect(data(await tag(['launch', 'q3']), Api.TagResult)).toEqual({ taggedCount: 4 })
    expect(data(await tag(['launch', 'q3']), Api.TagResult)).toEqual({ taggedCount: 0 })
    expect(data(await tag(['launch', 'q4']), Api.TagResult)).toEqual({ taggedCount: 2 })
    expect(data(await untag(['launch', 'q3']), Api.UntagResult)).toEqual({ untaggedCount: 4 })
    expect(data(await untag(['launch', 'q3']), Api.UntagResult)).toEqual({ untaggedCount: 0 })
  })
})

describe('variant metadata (#14.3) and the parent of a new variant (#14.7)', () => {
  it('is AssetViewMetadata on an uploaded variant, and the parent is updated', async () => {
    const [parent] = data(await upload(lisbon, form(png('parent.png'))), Api.UploadResult).assets
    clock = start + 60_000
    const answer = data(await call({ method: 'POST', path: `${lisbon}/assets`, body: (() => {
      const body = form(png('parent-square.png'))
      body.append('parentId', parent!.id)
      return body
    })() }), Api.UploadResult)
    const [view] = answer.assets[0]!.views
    expect(view!.metadata).toEqual({ basedOnId: parent!.id, created: start + 60_000, name: 'parent-square.png', url: view!.url })
    expect(answer.assets[0]!.updated).toBe(start + 60_000)
    const read = data(await call({ path: `${lisbon}/assets/${parent!.id}` }), Api.Asset)
    expect(read.updated).toBe(start + 60_000)
    expect(read.views.map((v) => v.metadata)).toEqual([view!.metadata])
  })

  it('is AssetViewMetadata on a seeded variant, in REST and GraphQL', async () => {
    // rapid-saw-5058.jpg of the fixture world and its story crop.
    const asset = data(await call({ path: `${barcelona}/assets/sQffp4yrIvxK` }), Api.Asset)
    const [view] = asset.views
    // A view is made after its asset (#33.6f): its created is later than the asset's.
    expect(view!.metadata).toEqual({ basedOnId: 'sQffp4yrIvxK', created: expect.any(Number), name: 'rapid-saw-5058-story.jpg', url: view!.url })
    expect(view!.metadata.created).toBeGreaterThan(asset.created!)
    const graphql = graphqlData(
      await gql({ query: '{ asset(organizationId: "monogram-labs", libraryId: "barcelona", assetId: "sQffp4yrIvxK") { views { metadata } } }' }),
    )
    expect(JSON.parse(graphql.asset.views[0].metadata)).toEqual(view!.metadata)
  })
})

describe('uploads are sniffed (#14.5)', () => {
  it('refuse a file that is not an image, naming it, and store nothing of the upload', async () => {
    const before = data(await call({ path: `${lisbon}/assets` }), z.array(Api.Asset)).length
    const reply = await upload(lisbon, form(png('ok.png'), new File(['just text'], 'notes.txt', { type: 'image/png' })))
    expect(reply.status).toBe(400)
    expect(reply.body).toEqual({
      error: {
        code: 'BAD_USER_INPUT',
        message: 'files[1] ("notes.txt") is not an image: only PNG, JPEG, GIF, WebP, AVIF and SVG files can be uploaded.',
      },
    })
    expect(data(await call({ path: `${lisbon}/assets` }), z.array(Api.Asset))).toHaveLength(before)
  })

  it('refuse an HTML page that holds an inline <svg>', async () => {
    const html = new File(['<html><body><svg width="1" height="1"></svg></body></html>'], 'page.svg', { type: 'image/svg+xml' })
    const reply = await upload(lisbon, form(html))
    expect(reply.status).toBe(400)
    expect(reply.body.error.message).toContain('"page.svg"')
  })

  it('store the type of the bytes, whatever the part declares', async () => {
    const { assets } = data(
      await upload(
        lisbon,
        form(
          png('a.png', 'application/octet-stream'),
          new File([gif], 'b.png', { type: 'image/png' }),
          new File([svg], 'c.png', { type: 'image/png' }),
          new File([webp], 'd', { type: 'text/plain' }),
        ),
      ),
      Api.UploadResult,
    )
    expect(assets.map((a) => [a.name, a.contentType, a.width, a.height])).toEqual([
      ['a.png', 'image/png', 3, 2],
      ['b.png', 'image/gif', 10, 5],
      ['c.png', 'image/svg+xml', 30, 20],
      ['d', 'image/webp', 8, 6],
    ])
  })

  it('take a real JPEG, as a downloaded thumbnail of the CDN is', async () => {
    const seeded = data(await call({ path: `${barcelona}/assets/sQffp4yrIvxK` }), Api.Asset)
    const jpeg = new Uint8Array(await (await fetch(seeded.thumbUrl!)).arrayBuffer())
    const [asset] = data(await upload(lisbon, form(new File([jpeg], 'thumb.bin', { type: 'application/octet-stream' }))), Api.UploadResult).assets
    // The thumbnail of a 6000 × 4000 original: 400 px wide, same aspect ratio.
    expect([asset!.contentType, asset!.width, asset!.height, asset!.size]).toEqual(['image/jpeg', 400, 267, jpeg.byteLength])
  })
})

describe('an upload while it processes (#14.6)', () => {
  // The processing scenario: uploads take 5 s of the mock's clock.
  const processing = { call: (request: Parameters<typeof call>[0]) => call({ ...request, headers: { 'X-Mock-Scenario': 'processing' } }) }

  it('has null thumbnails, blurhash and size, and answers GET by id', async () => {
    clock = start
    const [asset] = data(await processing.call({ method: 'POST', path: `${lisbon}/assets`, body: form(png('slow.png')) }), Api.UploadResult).assets
    const pending = { thumbUrl: null, thumbHighUrl: null, thumbUrlBlurred: null, blurhash: null, width: null, height: null }
    expect(asset).toMatchObject(pending)
    const read = await processing.call({ path: `${lisbon}/assets/${asset!.id}` })
    expect(data(read, Api.Asset)).toMatchObject({ id: asset!.id, ...pending })
    expect(data(await processing.call({ path: `${lisbon}/assets` }), z.array(Api.Asset))).toEqual([])
    clock = start + 5000
    const done = data(await processing.call({ path: `${lisbon}/assets/${asset!.id}` }), Api.Asset)
    expect(done).toMatchObject({ width: 3, height: 2 })
    for (const url of [done.thumbUrl, done.thumbHighUrl, done.thumbUrlBlurred]) expect(url).toMatch(/^https?:\/\//)
    expect(done.blurhash).toEqual(expect.any(String))
  })

  it('is found by id in its own library only', async () => {
    clock = start
    const [asset] = data(await processing.call({ method: 'POST', path: `${lisbon}/assets`, body: form(png('mine.png')) }), Api.UploadResult).assets
    const elsewhere = await processing.call({ path: `${barcelona}/assets/${asset!.id}` })
    expect(elsewhere.status).toBe(404)
    expect(elsewhere.body.error.code).toBe('RESOURCE_NOT_FOUND')
  })
})

describe('search highlights (#14.8)', () => {
  const search = async (q: string) =>
    data(await call({ path: `/organizations/monogram-labs/search/assets?libraries=lisbon&q=${encodeURIComponent(q)}` }), Api.SearchResult)

  it('are absent where nothing matched, and name only the fields that did', async () => {
    const recent = data(await call({ path: '/organizations/monogram-labs/search/assets?q=' }), Api.SearchResult)
    expect(recent.hits.length).toBeGreaterThan(0)
    for (const hit of recent.hits) expect(hit).not.toHaveProperty('highlights')

    const [asset] = data(await upload(lisbon, form(png('harbour.png'))), Api.UploadResult).assets
    await call({ method: 'POST', path: `${lisbon}/assets/tag`, json: { assetIds: [asset!.id], tags: ['sunrise', 'boats'] } })
    await call({ method: 'PATCH', path: `${lisbon}/assets/${asset!.id}/description`, json: { description: 'fog at dawn' } })
    expect((await search('sunrise')).hits[0]!.highlights).toEqual({ tags: ['<mark>sunrise</mark>'] })
    expect((await search('harbour')).hits[0]!.highlights).toEqual({ name: '<mark>harbour</mark>.png' })
    const byDescription = (await search('fog')).hits[0]!
    expect(byDescription.id).toBe(asset!.id)
    expect(byDescription).not.toHaveProperty('highlights')
  })

  it('never split an HTML entity of the original text', async () => {
    await upload(lisbon, form(png('camp & lamp <b>.png')))
    expect((await search('amp')).hits[0]!.highlights).toEqual({ name: 'c<mark>amp</mark> &amp; l<mark>amp</mark> &lt;b&gt;.png' })
    expect((await search('lt')).hits).toEqual([])
    expect((await search('&')).hits[0]!.highlights).toEqual({ name: 'camp <mark>&amp;</mark> lamp &lt;b&gt;.png' })
  })

  it('are null in GraphQL where REST leaves them out', async () => {
    await upload(lisbon, form(png('harbour.png')))
    const { searchAssets } = graphqlData(
      await gql({ query: '{ searchAssets(organizationId: "monogram-labs", q: "harbour", libraries: ["lisbon"]) { hits { highlights { name tags } } } }' }),
    )
    expect(searchAssets.hits).toEqual([{ highlights: { name: '<mark>harbour</mark>.png', tags: null } }])
  })
})

describe('minted keys and claim tokens (#14.9)', () => {
  const anonymous = async () =>
    data(await call({ method: 'POST', path: '/libraries', key: null, json: { email: 'new@example.com' } }), Api.AnonymousLibrary)

  it('are pk_ and 45 letters and digits like Raster’s (#33.6e), and the claim token is not an id of the asset sequence', async () => {
    const created = await anonymous()
    expect(created.apiKey).toMatch(/^pk_[A-Za-z0-9]{45}$/)
    const token = created.claimUrl.replace('https://raster.app/claim/', '')
    expect(token).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(data(await call({ path: '/me', key: created.apiKey }), Api.Me).libraries).toEqual([created.libraryId])
    // Asset ids are 12 characters: a 32-character token can never be one, here or in another world.
    const [asset] = data(await upload(lisbon, form(png('after.png'))), Api.UploadResult).assets
    expect(asset!.id).toHaveLength(12)
  })

  it('are the same for the same history of the world', async () => {
    const first = await anonymous()
    await mock.reset()
    const again = await anonymous()
    expect([again.apiKey, again.claimUrl]).toEqual([first.apiKey, first.claimUrl])
    const second = await anonymous()
    expect(second.apiKey).not.toBe(again.apiKey)
  })
})
