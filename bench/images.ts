/**
 * Section 7, image generation (issue 14.4): what the gallery pays for its
 * thumbnails, cold and cached, and what a download of the largest seeded
 * original costs, all through msw as an app fetches them; the cache's bound.
 * Budgets are ratios to CDN requests that do no work, measured alongside.
 */
import { setupServer } from 'msw/node'
import { createRasterMock } from '../src/index.js'
import { unhandledRequests } from '../src/msw-compat.js'
import { generatedImage } from '../src/images.js'
import { encode as encodeJpeg } from 'jpeg-js'
import { apiHeaders, assetsPath } from './fixtures.js'
import { median, timeOnce } from './measure.js'
import { atMost, type Row } from './table.js'

const fetchBytes = async (url: string) => (await (await fetch(url)).arrayBuffer()).byteLength

export async function measureImages(): Promise<Row[]> {
  const mock = createRasterMock()
  const server = setupServer(...mock.handlers)
  server.listen(unhandledRequests('error'))
  try {
    const list = `${mock.runtime.baseUrl}${assetsPath}?pageSize=50`
    const page = async () => (await (await fetch(list, { headers: apiHeaders })).json()).data as Array<{ thumbUrl: string; url: string; size: number }>
    const assets = await page()
    const listTimes: number[] = []
    for (let i = 0; i < 5; i++) listTimes.push(await timeOnce(page))
    const listMs = median(listTimes)
    // msw's own cost for 50 CDN requests: URLs the CDN refuses at once (404).
    const nothing = () => Promise.all(assets.map(() => fetchBytes(`${mock.runtime.cdnUrl}/g/999/1x1/x.jpg`)))
    await timeOnce(nothing)
    const baseline = median([await timeOnce(nothing), await timeOnce(nothing), await timeOnce(nothing)])
    const thumbs = () => Promise.all(assets.map((asset) => fetchBytes(asset.thumbUrl)))
    const cold = await timeOnce(thumbs)
    const warm = median([await timeOnce(thumbs), await timeOnce(thumbs), await timeOnce(thumbs)])
    const largest = assets.reduce((a, b) => (a.size > b.size ? a : b))
    const download = await timeOnce(() => fetchBytes(largest.url))
    // A hue no seeded 6000 × 4000 asset has in this cache yet: the encoding alone, cold.
    const encode = await timeOnce(() => generatedImage('jpeg', 359, 6000, 4000))
    const encodePng = await timeOnce(() => generatedImage('png', 358, 6000, 4000))
    const resized = await measureResized(mock.runtime.baseUrl, assets[0]!.url)
    return [
      ...resized,
      atMost({ section: '7 images', what: 'a gallery page of 50 thumbnails, cold (each encoded) ÷ 50 CDN requests answered 404 at once', value: `${cold.toFixed(0)} ms vs ${baseline.toFixed(0)} ms`, ratio: cold / baseline }, cold / baseline, 3),
      atMost({ section: '7 images', what: 'the same 50 thumbnails again, from the cache ÷ the same 404s', value: `${warm.toFixed(0)} ms`, ratio: warm / baseline }, warm / baseline, 2),
      { section: '7 images', what: 'the list call of that page, for scale', value: `${listMs.toFixed(1)} ms` },
      { section: '7 images', what: `downloading the page's largest original (${(largest.size / 2 ** 20).toFixed(1)} MB, padding streamed)`, value: `${download.toFixed(0)} ms` },
      { section: '7 images', what: 'encoding a 6000 × 4000 JPEG / PNG, cold', value: `${encode.toFixed(0)} ms / ${encodePng.toFixed(0)} ms` },
    ]
  } finally {
    server.close()
  }
}

/** A 2400 × 1600 photo-like picture (repeating gradients), as a JPEG at quality 85: what an app uploads. */
function photo(): Uint8Array {
  const [width, height] = [2400, 1600]
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([x % 256, y % 256, (x + y) % 256, 255], (y * width + x) * 4)
  }
  return encodeJpeg({ width, height, data }, 85).data
}

/** Section 7, the resizing CDN (issue 32): a resized answer cold and cached, against serving the original. */
async function measureResized(baseUrl: string, seededUrl: string): Promise<Row[]> {
  const form = new FormData()
  form.append('files', new File([photo() as Uint8Array<ArrayBuffer>], 'photo.jpg', { type: 'image/jpeg' }))
  const upload = await fetch(`${baseUrl}/organizations/monogram-labs/libraries/lisbon/assets`, { method: 'POST', headers: apiHeaders, body: form })
  const { url } = ((await upload.json()) as { data: { assets: Array<{ url: string }> } }).data.assets[0]!
  const time = (target: string) => timeOnce(() => fetchBytes(target))
  const bytes = await fetchBytes(url)
  const original = median([await time(url), await time(url), await time(url)])
  const coldUpload = await time(`${url}?w=800`)
  const cachedUpload = median([await time(`${url}?w=800`), await time(`${url}?w=800`), await time(`${url}?w=800`)])
  const coldWebp = await time(`${url}?w=800&fm=webp`)
  const coldSeeded = await time(`${seededUrl}?w=800&fm=webp&q=70`)
  const cachedSeeded = median([await time(`${seededUrl}?w=800&fm=webp&q=70`), await time(`${seededUrl}?w=800&fm=webp&q=70`)])
  const seededThumb = median([await time(`${seededUrl}?w=400`), await time(`${seededUrl}?w=400`)])
  return [
    { section: '7 images', what: `an uploaded 2400 × 1600 JPEG served as uploaded (${(bytes / 1024).toFixed(0)} kB), for scale`, value: `${original.toFixed(1)} ms` },
    { section: '7 images', what: 'the same upload at ?w=800: cold (decoded, resized, encoded) / cached', value: `${coldUpload.toFixed(0)} ms / ${cachedUpload.toFixed(1)} ms` },
    atMost({ section: '7 images', what: 'a resized upload from the cache ÷ the upload served as uploaded', value: `${cachedUpload.toFixed(1)} ms vs ${original.toFixed(1)} ms`, ratio: cachedUpload / original }, cachedUpload / original, 3),
    { section: '7 images', what: 'the same upload at ?w=800&fm=webp, cold (pixels decoded before: resize and WebP encoding)', value: `${coldWebp.toFixed(0)} ms` },
    { section: '7 images', what: 'a seeded original at ?w=800&fm=webp&q=70: cold / cached (?w=400 as JPEG, cached: the mock\'s own encoder)', value: `${coldSeeded.toFixed(0)} ms / ${cachedSeeded.toFixed(1)} ms (${seededThumb.toFixed(1)} ms)` },
  ]
}
