import { Agent, request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'
import { MB } from './support/client.js'

/** The standalone server under a hostile or careless client (issue #34: 1, 15, 16, 17). */
let server: RunningServer
beforeAll(async () => {
  server = await startServer({ port: 0, log: false, adminOrigins: ['http://app.test:5173'] })
})
afterAll(() => server.close())

const key = { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' }

/** Sends `text` on a new connection and resolves with everything the server sent back by the time it closes. */
function rawExchange(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => socket.write(text))
    let received = ''
    socket.on('data', (chunk) => (received += chunk))
    socket.on('close', () => resolve(received))
    socket.on('error', reject)
  })
}

/** An original claiming `bytes` bytes: the CDN pads it to that size. */
const original = (bytes: number) => `/cdn/o/1/10x10/${bytes}/x.jpg`

/** Fetches `url`, reads its first chunk and gives up; how long the first bytes took and how much memory grew meanwhile. */
async function firstChunk(url: string) {
  const rssBefore = process.memoryUsage().rss
  const started = performance.now()
  const response = await fetch(url)
  const reader = response.body!.getReader()
  const { value } = await reader.read()
  const result = { response, first: value!, firstByteMs: performance.now() - started, rssGrowth: process.memoryUsage().rss - rssBefore }
  await reader.cancel()
  return result
}

describe('the CDN streams a padded original (#34.1)', () => {
  it('sends the first bytes of a 256 MB original at once, without holding it in memory', async () => {
    const { response, first, firstByteMs, rssGrowth } = await firstChunk(server.url + original(256 * MB))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Length')).toBe(String(256 * MB))
    expect([...first.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff])
    // Held whole, the image took seconds and grew the process by its size (and more) before the first byte.
    expect(rssGrowth).toBeLessThan(128 * MB)
    expect(firstByteMs).toBeLessThan(3000)
  })

  it('sends every byte of a padded original, the padding (zeros after the image) last', async () => {
    const response = await fetch(server.url + original(8 * MB))
    let length = 0
    let last: Uint8Array = new Uint8Array()
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      length += chunk.length
      last = chunk
    }
    expect(length).toBe(8 * MB)
    expect([...last.subarray(-2)]).toEqual([0, 0])
  })

  it('answers HEAD on a 16 GiB original with its size, without making the body', async () => {
    const rssBefore = process.memoryUsage().rss
    const started = performance.now()
    const response = await fetch(server.url + original(16 * 1024 * MB), { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Length')).toBe(String(16 * 1024 * MB))
    expect((await response.arrayBuffer()).byteLength).toBe(0)
    expect(performance.now() - started).toBeLessThan(3000)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(128 * MB)
  })

  it('logs a transfer the client broke off as aborted, not as a plain 200', async () => {
    const logged = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    const noisy = await startServer({ port: 0, log: true })
    try {
      await firstChunk(noisy.url + original(256 * MB))
      const line = () => logged.mock.calls.map((args) => String(args[0])).find((text) => text.startsWith('GET /cdn/'))
      await vi.waitFor(() => expect(line()).toBeDefined(), { timeout: 10_000 })
      expect(line()).toMatch(/^GET \/cdn\/o\/1\/10x10\/268435456\/x\.jpg 200 - aborted \d+\.\dms$/)
    } finally {
      await noisy.close()
      logged.mockRestore()
    }
  })
})

describe('a request target is a path on this server (#34.15)', () => {
  it.each(['//user:pw@127.0.0.1/me', '//127.0.0.1/me', '//', 'http://user:pw@127.0.0.1/me'])('answers %s 404 ENDPOINT_NOT_FOUND, in the envelope', async (target) => {
    const headers = Object.entries(key).map(([name, value]) => `${name}: ${value}\r\n`).join('')
    const reply = await rawExchange(`GET ${target} HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\n${headers}Connection: close\r\n\r\n`)
    expect(reply).toMatch(/^HTTP\/1\.1 404 /)
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'ENDPOINT_NOT_FOUND', message: 'The requested REST endpoint does not exist.' },
    })
  })
})

describe('the control routes answer their own names only (#34.16)', () => {
  /** A GET with no Origin (a browser's same-origin GET sends none) and the Host `host`. */
  function getWithHost(path: string, host: string): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: new URL(server.url).port, path, headers: { Host: host } }, (response) => {
        let text = ''
        response.on('data', (chunk) => (text += chunk))
        response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }))
      })
      request.on('error', reject)
      request.end()
    })
  }
  const port = () => new URL(server.url).port

  it.each(['evil.example', 'localhost.evil.example', '127.0.0.1.nip.io'])('refuses a name rebound to the server (%s) with 403, as it refuses a foreign Origin', async (name) => {
    for (const path of ['/__mock/requests', '/__mock/scenario', '/__mock/clock']) {
      expect(await getWithHost(path, `${name}:${port()}`), path).toEqual({
        status: 403,
        body: {
          error: {
            code: 'FORBIDDEN',
            message: "The control routes under /__mock only answer the server's own pages and the origins allowed with --admin-origin.",
          },
        },
      })
    }
  })

  it('answers its own names, and the host of an allowed origin (a dev server that proxies /__mock passes its Host on)', async () => {
    for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`, `LOCALHOST:${port()}`, `[::1]:${port()}`, 'app.test:5173']) {
      expect((await getWithHost('/__mock/scenario', host)).status, host).toBe(200)
    }
  })

  it('leaves the API open to any Host', async () => {
    expect((await getWithHost('/openapi.json', `evil.example:${port()}`)).status).toBe(200)
  })
})

describe('a keep-alive connection after an early answer (#34.17)', () => {
  interface Sent {
    method: string
    path: string
    headers?: Record<string, string>
    body?: string | Buffer
  }

  /** Sends `request` through `agent`; its status, and whether it went on a connection an earlier request used. */
  function send(agent: Agent, { method, path, headers = {}, body }: Sent, base = server.url): Promise<{ status: number; reused: boolean }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(`${base}${path}`, { agent, method, headers }, (response) => {
        response.resume()
        response.on('end', () => resolve({ status: response.statusCode!, reused: request.reusedSocket }))
      })
      request.on('error', reject)
      // Unanswered, the connection was reset by the server's idle timeout only after ~6 s.
      request.setTimeout(4000, () => request.destroy(new Error(`no answer to ${method} ${path} within 4 s`)))
      request.end(body)
    })
  }

  /** 2,000 parts of 500 bytes (1 MB): more than the server reads before it knows the key is wrong. */
  function manyParts(): Buffer {
    const part = `--b\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n${'x'.repeat(500)}\r\n`
    return Buffer.from(`${part.repeat(2000)}--b--\r\n`)
  }

  const me: Sent = { method: 'GET', path: '/me', headers: key }

  it.each<[string, Sent, number]>([
    [
      'an upload with a wrong key (401)',
      {
        method: 'POST',
        path: '/organizations/monogram-labs/libraries/lisbon/assets',
        headers: { Authorization: 'Bearer nope', 'Api-Version': '2026-05-20', 'Content-Type': 'multipart/form-data; boundary=b' },
        body: manyParts(),
      },
      401,
    ],
    ['a JSON body to an unknown path (404)', { method: 'PATCH', path: '/nope', headers: { ...key, 'Content-Type': 'application/json' }, body: JSON.stringify({ tags: ['x'.repeat(MB)] }) }, 404],
    ['a small JSON body to an unknown path (404)', { method: 'PATCH', path: '/nope', headers: { ...key, 'Content-Type': 'application/json' }, body: '{"a":1}' }, 404],
  ])('answers the next request on the connection after %s', async (_, early, status) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      expect(await send(agent, early)).toEqual({ status, reused: false })
      expect(await send(agent, me)).toEqual({ status: 200, reused: true })
    } finally {
      agent.destroy()
    }
  })

  it('closes the connection after an early answer to a body of unknown length, and says so', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const answered = await new Promise<{ status: number; connection?: string }>((resolve, reject) => {
        // Chunked: the server cannot know how much is left, nor that it stays under the limit.
        const request = httpRequest(`${server.url}/nope`, { agent, method: 'PATCH', headers: { ...key, 'Content-Type': 'application/json' } })
        request.on('response', (response) => {
          response.resume()
          resolve({ status: response.statusCode!, connection: response.headers.connection })
          request.end(Buffer.alloc(MB, 0x20))
        })
        request.on('error', () => undefined)
        setTimeout(() => reject(new Error('no answer')), 4000).unref()
        request.write('{"a": ')
        request.flushHeaders()
      })
      expect(answered).toEqual({ status: 404, connection: 'close' })
      expect(await send(agent, me)).toEqual({ status: 200, reused: false })
    } finally {
      agent.destroy()
    }
  })


})
