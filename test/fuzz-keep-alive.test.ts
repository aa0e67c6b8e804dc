import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorCode } from '../src/contract/errors.js'
import * as Api from '../src/contract/schemas.js'
import { routes } from '../handlers/rest.js'
import { startServer, type RunningServer } from '../src/server.js'
import { tinyPng } from './support/client.js'
import { pinnedErrors } from './support/error-cases.js'
import { fuzzParameters, keepAliveClient } from './support/fuzz.js'
import { expectWorldConsistent } from './support/invariants.js'

/**
 * Fuzzing the standalone server over keep-alive connections (#34.17): a few hundred generated requests, some sent
 * at once, over two connections that carry them one after another. Answers that come before their body is read
 * (a wrong key, an unknown path, a missing version), bodies of every kind, sent whole or chunked, some over the
 * size limit, HEAD: every request gets its answer, with a documented status, and the connections are reused unless
 * an answer said `Connection: close`. `KEEP_ALIVE_FUZZ_RUNS` sets how many batches it sends.
 */
const RUNS = Number(process.env.KEEP_ALIVE_FUZZ_RUNS ?? 150)
/** Small, so that some generated bodies go past it; over what a socket buffers, so that early answers leave bodies unread. */
const LIMIT = 4 * 1024 * 1024
const SOCKETS = 2

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ port: 0, log: false, maxBodyBytes: LIMIT })
})
afterAll(() => server.close())

const persona = fc.constantFrom(
  { key: 'pk_monogram_write', org: 'monogram-labs', lib: 'barcelona' },
  { key: 'pk_monogram_read', org: 'monogram-labs', lib: 'tokyo' },
  { key: 'pk_acme_write', org: 'acme', lib: 'acme-1' },
  { key: 'nope', org: 'monogram-labs', lib: 'lisbon' },
)
const json = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
  fc.record({ assetIds: fc.array(fc.constantFrom('a1', 'nope'), { maxLength: 3 }), tags: fc.array(fc.constantFrom('beach', 'q3'), { maxLength: 2 }) }).map((value) => JSON.stringify(value)),
)
/** From a megabyte, more than a connection buffers, to past the limit. */
const large = fc.integer({ min: LIMIT / 4, max: LIMIT + LIMIT / 2 }).map((size) => Buffer.from(JSON.stringify({ description: 'x'.repeat(size) })))
const multipart = fc.array(fc.oneof(fc.constant(tinyPng.length), fc.nat(200_000)), { minLength: 1, maxLength: 30 }).map((sizes) => {
  const parts = sizes.map((size, i) => {
    const bytes = size === tinyPng.length ? Buffer.from(tinyPng) : Buffer.alloc(size, 0x78)
    const head = `--b\r\nContent-Disposition: form-data; name="files"; filename="f${i}.png"\r\nContent-Type: image/png\r\n\r\n`
    return Buffer.concat([Buffer.from(head), bytes, Buffer.from('\r\n')])
  })
  return Buffer.concat([...parts, Buffer.from('--b--\r\n')])
})
/** A body, printed in a counterexample as its type and size. */
const bodyOf = (type: string) => (bytes: Buffer) => ({ type, bytes, toString: () => `${type}, ${bytes.length} bytes` })
const body = fc.oneof(
  { weight: 4, arbitrary: json.map((text) => bodyOf('application/json')(Buffer.from(text))) },
  { weight: 3, arbitrary: multipart.map(bodyOf('multipart/form-data; boundary=b')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 3000 }).map((bytes) => bodyOf('application/octet-stream')(Buffer.from(bytes))) },
  { weight: 2, arbitrary: large.map(bodyOf('application/json')) },
)

/** The route table, printed in a counterexample as `GET /path`. */
const endpoints = routes.map((route) => ({
  method: route.method.toUpperCase(),
  path: route.path,
  output: route.operation.output,
  toString: () => `${route.method.toUpperCase()} ${route.path}`,
}))

const request = fc.record({
  route: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...endpoints) }, { weight: 1, arbitrary: fc.constant(undefined) }),
  /** Another method than the route's (an unknown endpoint), or HEAD on a GET route. */
  otherMethod: fc.option(fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'HEAD'), { freq: 6 }),
  who: persona,
  version: fc.constantFrom('2026-05-20', '2026-05-20', '2026-05-20', undefined, 'junk'),
  body: fc.option(body, { freq: 8 }),
  /** 0: sent with its Content-Length; else in that many writes, chunked. */
  chunks: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }),
})
type FuzzRequest = typeof request extends fc.Arbitrary<infer R> ? R : never

function target({ route, who }: FuzzRequest): string {
  if (!route) return `/nope/${who.lib}`
  return route.path.replace(':organizationId', who.org).replace(':libraryId', who.lib).replace(':assetId', 'a1')
}

describe('fuzzing the standalone server over keep-alive connections', () => {
  it(`answers ${RUNS} batches of generated requests, every one, with documented statuses`, async () => {
    const client = keepAliveClient(server.url, SOCKETS)
    let closedByAnswer = 0
    let sent = 0
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 3 }), async (batch) => {
          const replies = await Promise.all(
            batch.map((input) => {
              const method = input.otherMethod ?? input.route?.method ?? 'PATCH'
              const headers: Record<string, string> = { Authorization: `Bearer ${input.who.key}` }
              if (input.version) headers['Api-Version'] = input.version
              const payload = method === 'GET' || method === 'HEAD' ? undefined : input.body
              if (payload) headers['Content-Type'] = payload.type
              return client.send(method, target(input), headers, payload?.bytes, input.chunks).then((reply) => ({ reply, input, method }))
            }),
          )
          for (const { reply, input, method } of replies) {
            sent++
            if (reply.headers.connection === 'close') closedByAnswer++
            if (method === 'HEAD') {
              expect(reply.text).toBe('')
              expect([200, 400, 401, 403, 404]).toContain(reply.status)
              continue
            }
            expect(reply.headers['content-type']).toMatch(/^application\/json/)
            const answer = JSON.parse(reply.text)
            if (reply.status < 300) {
              expect([200, 201]).toContain(reply.status)
              // Another method on the same path may be another endpoint: only the route's own has a known shape.
              if (method === input.route?.method) Api.dataEnvelope(input.route.output).parse(answer)
              continue
            }
            const { error } = Api.ErrorEnvelope.parse(answer)
            expect(reply.status, reply.text).toBe(pinnedErrors[error.code as ErrorCode].status)
            expect(error.code, reply.text).not.toBe('INTERNAL_SERVER_ERROR')
          }
        }),
        fuzzParameters(RUNS),
      )
      // Connections were reused: a new one only where an answer closed the last (and the first few).
      expect(client.connections()).toBeLessThanOrEqual(closedByAnswer + SOCKETS)
      expect(sent).toBeGreaterThan(RUNS)
    } finally {
      client.close()
    }
    expectWorldConsistent(await server.mock.ready)
  }, 300_000)
})
