/**
 * msw's `setupServer` keeps memory per intercepted request that nothing of ours can free (mswjs/msw#2537, and
 * mswjs/interceptors#783 for `fetch`): measured here, the mock beside a bare msw handler on the same msw, so a
 * long test run can tell msw's share from ours. `reset()` frees the mock's part; msw's goes with `server.close()`.
 * Alone: `node --expose-gc --import tsx bench/msw-retention.ts`.
 */
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { createRasterMock } from '../src/index.js'
import { unhandledRequests } from '../src/msw-compat.js'
import { heapMB } from './measure.js'
import type { Row } from './table.js'

const REQUESTS = 10_000
const CONCURRENCY = 20

/** Heap growth (KB per request) over REQUESTS fetches of `url` with msw intercepting `handlers`, after a warm-up. */
async function retainedPerRequest(handlers: Parameters<typeof setupServer>, url: string, init: RequestInit, after?: () => unknown): Promise<number> {
  const server = setupServer(...handlers)
  server.listen(unhandledRequests('error'))
  const run = async (count: number) => {
    let next = 0
    const worker = async () => {
      while (next++ < count) await (await fetch(url, init)).arrayBuffer()
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  }
  try {
    await run(1000)
    await after?.()
    const before = heapMB()
    await run(REQUESTS)
    await after?.()
    return ((heapMB() - before) * 1024) / REQUESTS
  } finally {
    server.close()
  }
}

/** Section 4's rows: KB kept per request by a bare msw handler, and by the mock (`GET /me`, reset after). */
export async function measureMswRetention(): Promise<Row[]> {
  const bare = await retainedPerRequest([http.get('https://bare.example/ok', () => HttpResponse.json({ ok: true }))], 'https://bare.example/ok', {})
  const mock = createRasterMock()
  await mock.ready
  const headers = { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' }
  const ours = await retainedPerRequest(mock.handlers, `${mock.runtime.baseUrl}/me`, { headers }, () => mock.reset())
  const row = (what: string, kb: number): Row => ({ section: '4 memory', what, value: `${kb.toFixed(1)} KB/request (${((kb * REQUESTS) / 1024).toFixed(0)} MB per ${REQUESTS.toLocaleString('en')})` })
  return [
    row('heap kept per request by a bare msw handler (setupServer, fetch; msw#2537)', bare),
    row('heap kept per request by the mock behind setupServer (GET /me, reset after)', ours),
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await measureMswRetention()) console.log(`${row.what}: ${row.value}`)
}
