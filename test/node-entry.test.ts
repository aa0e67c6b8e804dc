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
