import { createRequire } from 'node:module'
import { describe, expect, it, vi } from 'vitest'
import { API_VERSION, barcelona, tinyPng, useMockServer } from './support/client.js'

/** Bodies that never arrive whole (issue #15.8): an aborted upload stores nothing, an unreadable body is the client's fault. */
const { mock, call } = useMockServer()
const base = mock.runtime.baseUrl
const headers = { Authorization: 'Bearer pk_monogram_write', 'Api-Version': API_VERSION }

/**
 * A multipart upload of one PNG whose stream, once the mock has started reading
 * it, calls `midway` (the test aborts there) before it sends the rest.
 */
function uploadAbortedMidway(midway: () => void) {
  const boundary = 'raster-mock-test-boundary'
  const encoder = new TextEncoder()
  const parts = [
    encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="aborted.png"\r\nContent-Type: image/png\r\n\r\n`),
    tinyPng.slice(0, 10),
    tinyPng.slice(10),
    encoder.encode(`\r\n--${boundary}--\r\n`),
  ]
  let sent = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 2) midway()
      if (sent === parts.length) return controller.close()
      controller.enqueue(parts[sent++])
    },
  })
  return { body, contentType: `multipart/form-data; boundary=${boundary}` }
}

/** A body stream that sends `start`, then fails. */
function failingBody(start: string) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(start))
      controller.error(new Error('connection reset by the test'))
    },
  })
}

/**
 * msw 3 reads a request's whole body before any handler sees it: a body that breaks off fails the client's fetch
 * inside msw itself, and the mock is never asked. msw 2 hands the stream to the mock, which answers 400.
 */
const mswReadsBodiesFirst = Number(createRequire(import.meta.url)('msw/package.json').version.split('.')[0]) >= 3

const assetNames = async () => (await call({ path: `${barcelona}/assets?pageSize=500` })).body.data.map((asset: { name: string }) => asset.name)

describe('bodies that never arrive whole', () => {
  it('stores nothing from an upload aborted before its body ended', async () => {
    const before = await assetNames()
    const attempts = Array.from({ length: 5 }, async () => {
      const controller = new AbortController()
      const upload = uploadAbortedMidway(() => controller.abort())
      const sent = fetch(`${base}${barcelona}/assets`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': upload.contentType },
        body: upload.body,
        signal: controller.signal,
        duplex: 'half',
      } as RequestInit)
      await expect(sent).rejects.toThrow()
    })
    await Promise.all(attempts)
    // The client gave up at once; the mock finishes reading on its own and records the call when done.
    const uploads = () => mock.runtime.requests.recent().filter((entry) => entry.method === 'POST')
    if (!mswReadsBodiesFirst) {
      await vi.waitFor(() => expect(uploads()).toHaveLength(5))
      expect(uploads().map(({ status, code }) => ({ status, code }))).toEqual(Array(5).fill({ status: 400, code: 'BAD_USER_INPUT' }))
    } else expect(uploads()).toEqual([])
    expect(await assetNames()).toEqual(before)
    expect(before).not.toContain('aborted.png')
  })

  it.each([
    ['a JSON body', 'application/json', `${barcelona}/assets/tag`, '{"assetIds": [', 'The request body could not be read to its end.'],
    [
      'a multipart body',
      'multipart/form-data; boundary=x',
      `${barcelona}/assets`,
      '--x\r\nContent-Disposition: form-data; name="files"',
      'The multipart/form-data body could not be read.',
    ],
  ])('answers 400 BAD_USER_INPUT when %s stream fails midway', async (_, contentType, path, start, message) => {
    const errors: unknown[] = []
    const originalError = console.error
    console.error = (...args: unknown[]) => void errors.push(args)
    try {
      const sent = fetch(`${base}${path}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': contentType },
        body: failingBody(start),
        duplex: 'half',
      } as RequestInit)
      if (mswReadsBodiesFirst) return void (await expect(sent).rejects.toThrow())
      const response = await sent
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({
        error: { code: 'BAD_USER_INPUT', message },
      })
    } finally {
      console.error = originalError
    }
    expect(errors).toEqual([])
  })
})
