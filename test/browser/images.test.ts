import { decode } from 'blurhash'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as Api from '../../src/contract/schemas.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { BROWSER_TEST_MS, hasChromium, launchChromium, WAIT_MS } from './chromium.js'

/**
 * The CDN's images in Chromium's own decoders (issue 14.4): each decodes at
 * its width × height, and shows the picture its `blurhash` describes.
 */
describe.skipIf(!hasChromium)('generated images in Chromium', { timeout: BROWSER_TEST_MS }, () => {
  let server: RunningServer
  let browser: Browser
  let page: Page
  const headers = { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' }
  const barcelona = '/organizations/monogram-labs/libraries/barcelona'

  beforeAll(async () => {
    server = await startServer({ port: 0, log: false })
    browser = await launchChromium()
    page = await browser.newPage()
    page.setDefaultTimeout(WAIT_MS)
    // A page of the server's origin that registers no worker: the images are fetched from the server itself.
    await page.goto(`${server.url}/openapi.json`)
  }, BROWSER_TEST_MS)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const assets = async () => {
    const response = await fetch(`${server.url}${barcelona}/assets?pageSize=3`, { headers })
    return Api.dataEnvelope(z.array(Api.Asset)).parse(await response.json()).data
  }

  /** The image at `url` as Chromium decodes it: its size and the colours at a 3 × 3 grid of points. */
  const decoded = (url: string) =>
    page.evaluate(async (url) => {
      const bitmap = await createImageBitmap(await (await fetch(url)).blob())
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
      const context = canvas.getContext('2d')!
      context.drawImage(bitmap, 0, 0)
      const grid: number[][] = []
      for (const v of [1, 3, 5]) {
        for (const u of [1, 3, 5]) {
          const x = Math.floor((u / 6) * bitmap.width)
          const y = Math.floor((v / 6) * bitmap.height)
          grid.push([...context.getImageData(x, y, 1, 1).data.slice(0, 3)])
        }
      }
      return { width: bitmap.width, height: bitmap.height, grid }
    }, url)

  /** The blurhash decoded, at the same 3 × 3 grid of points. */
  const blurhashGrid = (hash: string) => {
    const size = 60
    const pixels = decode(hash, size, size)
    const grid: number[][] = []
    for (const v of [1, 3, 5]) {
      for (const u of [1, 3, 5]) {
        const offset = (Math.floor((v / 6) * size) * size + Math.floor((u / 6) * size)) * 4
        grid.push([...pixels.slice(offset, offset + 3)])
      }
    }
    return grid
  }

  /**
   * The same picture: close at the centre and the middles of the sides, where a 4 × 3 blurhash follows a smooth
   * picture well (a wrong picture is off by far more), and at the corners, where its few cosines overshoot, at
   * least changing the same way from the top left to the bottom right.
   */
  const expectClose = (actual: number[][], expected: number[][]) => {
    for (const i of [1, 3, 4, 5, 7]) {
      for (let c = 0; c < 3; c++) expect(Math.abs(actual[i]![c]! - expected[i]![c]!)).toBeLessThanOrEqual(24)
    }
    const change = (grid: number[][]) => grid[8]!.map((value, c) => value - grid[0]![c]!)
    const expectedChange = change(expected)
    const strongest = expectedChange.reduce((best, value, c) => (Math.abs(value) > Math.abs(expectedChange[best]!) ? c : best), 0)
    expect(Math.sign(change(actual)[strongest]!)).toBe(Math.sign(expectedChange[strongest]!))
  }

  it('decodes each original and thumbnail at its size, showing what its blurhash shows', async () => {
    for (const asset of await assets()) {
      const original = await decoded(asset.url)
      expect([original.width, original.height]).toEqual([asset.width, asset.height])
      expectClose(original.grid, blurhashGrid(asset.blurhash!))
      const thumb = await decoded(asset.thumbUrl!)
      expect(thumb.width).toBe(400)
      expectClose(thumb.grid, blurhashGrid(asset.blurhash!))
    }
  })

  it('decodes a PNG asset the same way', async () => {
    const world = await server.mock.ready
    const [seeded] = await assets()
    await world.updateAsset(world.asset(seeded!.id)!, { contentType: 'image/png', width: 900, height: 600, size: 200_000 })
    const [asset] = await assets()
    const original = await decoded(asset!.url)
    expect([original.width, original.height]).toEqual([900, 600])
    expectClose(original.grid, blurhashGrid(asset!.blurhash!))
  })
})
