import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as Api from '../src/contract/schemas.js'
import { createRasterMock } from '../src/index.js'
import { seedWorld } from '../src/model/seed.js'
import { unhandledRequests } from '../src/msw-compat.js'
import { barcelona, restClient } from './support/client.js'

// Presented assets and their JSON text are cached by record (#17): every read after a write must see the write,
// and mocks sharing the seeded records must not see each other's URLs.
// One seed for both, as the browser entry and the bench hand it over: a cache by anything but the record would mix their URLs.
const seeded = seedWorld()
const one = createRasterMock({ seeded, baseUrl: 'https://one.raster.test', cdnUrl: 'https://cdn-one.raster.test' })
const two = createRasterMock({ seeded, baseUrl: 'https://two.raster.test', cdnUrl: 'https://cdn-two.raster.test' })
const server = setupServer(...one.handlers, ...two.handlers)
beforeAll(() => server.listen(unhandledRequests('error')))
afterEach(() => one.reset())
afterAll(() => server.close())
const call = restClient('https://one.raster.test')
const list = async (query = '?pageSize=5') => {
  const reply = await call({ path: `${barcelona}/assets${query}` })
  expect(reply.status, reply.text).toBe(200)
  return Api.dataEnvelope(z.array(Api.Asset)).parse(reply.body).data
}

describe('lists read after a write', () => {
  it('show a new description on the asset written, and the others as before', async () => {
    const before = await list()
    await list()
    const [first, ...rest] = before
    const patched = await call({ method: 'PATCH', path: `${barcelona}/assets/${first!.id}/description`, json: { description: 'Harbour at dusk' } })
    expect(patched.status, patched.text).toBe(200)
    const [read, ...others] = await list()
    expect(read).toMatchObject({ id: first!.id, description: 'Harbour at dusk' })
    expect(others).toEqual(rest)
    expect((await call({ path: `${barcelona}/assets/${first!.id}` })).body.data.description).toBe('Harbour at dusk')
  })

  it('show a write to an asset further down the page, whose first asset is unchanged', async () => {
    const [first, second, ...rest] = await list()
    await list()
    const patched = await call({ method: 'PATCH', path: `${barcelona}/assets/${second!.id}/description`, json: { description: 'Second, rewritten' } })
    expect(patched.status, patched.text).toBe(200)
    const [readFirst, readSecond, ...others] = await list()
    expect(readFirst).toEqual(first)
    expect(readSecond).toMatchObject({ id: second!.id, description: 'Second, rewritten' })
    expect(others).toEqual(rest)
  })

  it('show tags added and removed', async () => {
    const [first] = await list()
    const tag = { assetIds: [first!.id], tags: ['cached-tag'] }
    expect((await call({ method: 'POST', path: `${barcelona}/assets/tag`, json: tag })).status).toBe(200)
    expect((await list())[0]!.tags).toContain('cached-tag')
    expect((await call({ method: 'POST', path: `${barcelona}/assets/untag`, json: tag })).status).toBe(200)
    expect((await list())[0]!.tags).not.toContain('cached-tag')
  })

  it('drop an asset moved to trash', async () => {
    const [first, second] = await list()
    expect((await call({ method: 'DELETE', path: `${barcelona}/assets`, json: { ids: [first!.id] } })).status).toBe(200)
    expect((await list())[0]!.id).toBe(second!.id)
  })
})

describe('two mocks over the same seed', () => {
  it('each name their own CDN in the URLs of the same asset', async () => {
    const urls = async (base: string) => {
      const reply = await restClient(base)({ path: `${barcelona}/assets?pageSize=1` })
      const [asset] = Api.dataEnvelope(z.array(Api.Asset)).parse(reply.body).data
      return [asset!.url, asset!.thumbUrl]
    }
    for (let round = 0; round < 2; round++) {
      for (const url of await urls('https://one.raster.test')) expect(url).toMatch(/^https:\/\/cdn-one\.raster\.test\//)
      for (const url of await urls('https://two.raster.test')) expect(url).toMatch(/^https:\/\/cdn-two\.raster\.test\//)
    }
  })
})
