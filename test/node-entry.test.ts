import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupRasterServer } from '../src/node.js'

describe('setupRasterServer (raster-mock/node)', () => {
  const raster = setupRasterServer()
  beforeAll(() => raster.listen())
  afterAll(() => raster.close())

  it('answers the Raster API', async () => {
    const response = await fetch('https://api.raster.app/me', {
      headers: { Authorization: 'Bearer pk_monogram_read', 'Api-Version': '2026-05-20' },
    })
    expect(response.status).toBe(200)
    expect((await response.json()).data.organizationId).toBe('monogram-labs')
    expect((await raster.mock.ready).key('pk_monogram_read')).toBeDefined()
  })

  it('refuses requests it does not mock, so tests never reach the network by accident', async () => {
    await expect(fetch('https://example.com/')).rejects.toThrow()
  })
})

describe('a base URL with a path of its own', () => {
  const raster = setupRasterServer({ baseUrl: 'https://gateway.example.test/raster', cdnUrl: 'https://gateway.example.test/raster-cdn' })
  beforeAll(() => raster.listen())
  afterAll(() => raster.close())
  const headers = { Authorization: 'Bearer pk_monogram_read', 'Api-Version': '2026-05-20' }

  it('answers below it, matching paths case-insensitively as msw does', async () => {
    for (const url of ['https://gateway.example.test/raster/me', 'https://GATEWAY.example.test/Raster/ME/']) {
      const response = await fetch(url, { headers })
      expect(response.status, url).toBe(200)
      expect((await response.json()).data.organizationId).toBe('monogram-labs')
    }
  })

  it('answers GraphQL at its `/`', async () => {
    const response = await fetch('https://gateway.example.test/raster/', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { organizationName } }' }),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ data: { viewer: { organizationName: 'Monogram Labs' } } })
  })

  it('serves the images below its CDN URL', async () => {
    const list = await fetch('https://gateway.example.test/raster/organizations/monogram-labs/libraries/barcelona/assets?pageSize=1', { headers })
    const [asset] = (await list.json()).data
    expect(asset.url).toMatch(/^https:\/\/gateway\.example\.test\/raster-cdn\//)
    const image = await fetch(asset.url)
    expect(image.status).toBe(200)
    expect(image.headers.get('Content-Type')).toMatch(/^image\//)
    await expect(fetch(asset.url.replace('/raster-cdn/', '/raster-cdn-old/'))).rejects.toThrow()
  })

  it('leaves alone what is beside it: a longer segment, another origin', async () => {
    await expect(fetch('https://gateway.example.test/raster-old/me', { headers })).rejects.toThrow()
    await expect(fetch('https://gateway.example.test.evil/raster/me', { headers })).rejects.toThrow()
  })
})
