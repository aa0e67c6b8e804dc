import https from 'node:https'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unhandledRequests } from '../src/msw-compat.js'
import { createRasterMock } from '../src/index.js'
import { MB } from './support/client.js'

/**
 * The CDN through msw in the same process (#34.1). msw's interception of node:http reads a mocked response's body
 * without backpressure; the CDN's padding starts a task after the image, so such a client gets its first bytes
 * before the padding is made rather than after all of it.
 */
const mock = createRasterMock()
const server = setupServer(...mock.handlers)
beforeAll(() => server.listen(unhandledRequests('error')))
afterAll(() => server.close())

describe('the CDN in process', () => {
  it('gives a node:https client the first bytes of a 64 MB original before making its padding', async () => {
    const before = process.memoryUsage().arrayBuffers
    const { status, first, grown } = await new Promise<{ status: number; first: Buffer; grown: number }>((resolve, reject) => {
      const request = https.get(`${mock.runtime.cdnUrl}/o/1/10x10/${64 * MB}/x.jpg`, (response) => {
        response.once('data', (chunk: Buffer) => {
          resolve({ status: response.statusCode!, first: chunk, grown: process.memoryUsage().arrayBuffers - before })
          response.destroy()
        })
      })
      request.on('error', reject)
    })
    expect(status).toBe(200)
    expect([...first.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff])
    // Read in one run, the 64 MB were all made (and held) before the client saw a byte.
    expect(grown).toBeLessThan(32 * MB)
  })
})
