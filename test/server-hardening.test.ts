import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRasterMock } from '../src/index.js'
import { startServer, type RunningServer } from '../src/server.js'
import { MB } from './support/client.js'

const headers = { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' }
const uploadPath = '/organizations/monogram-labs/libraries/lisbon/assets'

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ port: 0, log: false, maxBodyBytes: MB, headersTimeoutMs: 1000 })
})
afterAll(() => server.close())

const lisbonCount = async () => (await server.mock.runtime.world()).visibleAssets((await server.mock.runtime.world()).library('monogram-labs', 'lisbon')!).length

/** Sends raw bytes on a new connection; resolves with everything the server sent back once it closes. */
function raw(send: (socket: ReturnType<typeof connect>) => void, timeoutMs = 5000): Promise<{ text: string; closedAfterMs: number }> {
  const { port } = new URL(server.url)
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const socket = connect(Number(port), '127.0.0.1', () => send(socket))
    let text = ''
    socket.on('data', (chunk) => (text += chunk))
    socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - started }))
    socket.on('error', () => undefined)
    setTimeout(() => reject(new Error('the server kept the connection open')), timeoutMs).unref()
  })
}

function envelopeOf(text: string) {
  return JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))
}

describe('standalone server hardening', () => {
  it('refuses a body announced over the limit at once, without reading it (a 2 GB upload)', async () => {
    // Only a few bytes of the 2 GB are sent: had the server waited for the rest, `raw` would time out.
    const { text } = await raw((socket) => {
      socket.write(
        `POST ${uploadPath} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer pk_monogram_write\r\nApi-Version: 2026-05-20\r\n` +
          `Content-Type: multipart/form-data; boundary=b\r\nContent-Length: ${2 * 1024 * MB}\r\n\r\n--b\r\n`,
      )
    })
    expect(text).toMatch(/^HTTP\/1\.1 413/)
    expect(envelopeOf(text)).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'File exceeds the size limit.' } })
  })

  it('refuses a chunked body once it streams past the limit, and stores nothing', async () => {
    const before = await lisbonCount()
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(`${server.url}${uploadPath}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'multipart/form-data; boundary=b', 'Transfer-Encoding': 'chunked' },
      })
      request.on('response', (response) => {
        let body = ''
        response.on('data', (chunk) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode!, body }))
      })
      request.on('error', reject)
      request.write('--b\r\nContent-Disposition: form-data; name="files"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n')
      for (let i = 0; i < 3; i++) request.write(Buffer.alloc(MB))
      request.end('\r\n--b--\r\n')
    })
    expect(reply.status).toBe(413)
    expect(JSON.parse(reply.body).error.code).toBe('PAYLOAD_TOO_LARGE')
    expect(await lisbonCount()).toBe(before)
  })

  it('cuts off a client that sends its headers too slowly, while serving others', async () => {
    const slow = raw((socket) => {
      socket.write('GET /me HTTP/1.1\r\n')
      const drip = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 200)
      socket.on('close', () => clearInterval(drip))
    }, 8000)
    const started = Date.now()
    const fast = await fetch(`${server.url}/me`, { headers })
    expect(fast.status).toBe(200)
    const fastAnsweredAfterMs = Date.now() - started
    const { closedAfterMs } = await slow
    // The slow client did not hold the fast one up: it was answered while the slow one was still connected.
    expect(fastAnsweredAfterMs).toBeLessThan(closedAfterMs)
    // Cut off by the 1 s headers timeout, not earlier (`raw` gives up at 8 s).
    expect(closedAfterMs).toBeGreaterThanOrEqual(900)
  })

  it('answers malformed HTTP with the error envelope', async () => {
    const { text } = await raw((socket) => socket.write('THIS IS NOT HTTP\r\n\r\n'))
    expect(text).toMatch(/^HTTP\/1\.1 400/)
    expect(envelopeOf(text)).toEqual({ error: { code: 'BAD_USER_INPUT', message: 'Malformed HTTP request.' } })
  })

  it('answers a multipart body with a wrong boundary with BAD_USER_INPUT and stores nothing', async () => {
    const before = await lisbonCount()
    const response = await fetch(`${server.url}${uploadPath}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'multipart/form-data; boundary=expected' },
      body: '--other\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nabc\r\n--other--\r\n',
    })
    expect(response.status).toBe(400)
    expect((await response.json()).error.code).toBe('BAD_USER_INPUT')
    expect(await lisbonCount()).toBe(before)
  })

  it('leaves no partial asset when an upload is aborted mid-body', async () => {
    const before = await lisbonCount()
    await raw((socket) => {
      socket.write(
        `POST ${uploadPath} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer pk_monogram_write\r\nApi-Version: 2026-05-20\r\n` +
          'Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n' +
          '--b\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n' +
          'x'.repeat(5000),
      )
      setTimeout(() => socket.destroy(), 100)
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await lisbonCount()).toBe(before)
    expect((await fetch(`${server.url}/me`, { headers })).status).toBe(200)
  })

  it('serves /__mock only from the standalone server, never through the msw handlers an app gets', async () => {
    const { getResponse } = await import('msw')
    const mock = createRasterMock()
    const response = await getResponse(mock.handlers, new Request('https://api.raster.app/__mock/scenarios', { headers }))
    expect(response?.status).toBe(404)
    expect((await response!.json()).error.code).toBe('ENDPOINT_NOT_FOUND')
    const reset = await getResponse(mock.handlers, new Request('https://api.raster.app/__mock/reset', { method: 'POST', headers }))
    expect(reset?.status).toBe(404)
  })
})
