/**
 * `npm run soak`: a bounded soak of the standalone server on loopback. Mixed
 * traffic (lists, searches, uploads, deletes, tags, GraphQL, scenario switches,
 * sessions, resets) for SOAK_SECONDS (default 300) from 8 concurrent clients,
 * then one line per 30 s window: heap after GC and latency percentiles. It
 * passes when memory shows no growth trend after warm-up and p99 stays stable.
 * Not part of `npm test`: it takes minutes. Run with `--expose-gc`.
 */
import { startServer } from '../src/server.js'

const seconds = Number(process.env.SOAK_SECONDS ?? 300)
const windowSeconds = Math.min(30, Math.max(5, seconds / 10))
const clients = 8
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined)

const server = await startServer({ port: 0, host: '127.0.0.1', log: false })
const base = server.url
const headers = { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' }
const barcelona = '/organizations/monogram-labs/libraries/barcelona'
// Not `slow`: its 1–3 s delays are the scenario working, and would be all the p99 shows.
const scenarios = ['default', 'empty-library', 'library-locked', 'flaky', 'processing', 'many-assets']

/** A small deterministic generator, so every soak sends the same mix. */
let state = 20261125
const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32)
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!

type Step = () => Promise<Response>
const steps: Array<[weight: number, step: Step]> = [
  [30, () => fetch(`${base}${barcelona}/assets?page=${1 + Math.floor(random() * 3)}&pageSize=20`, { headers: { ...headers, 'X-Mock-Session': `s${Math.floor(random() * 20)}` } })],
  [10, () => fetch(`${base}/organizations/monogram-labs/search/assets?q=${pick(['beach', 'night', 'city', ''])}`, { headers })],
  [10, () => fetch(`${base}${barcelona}/tags?limit=5`, { headers })],
  [10, () => {
    const form = new FormData()
    form.append('files', new File([new Uint8Array(2048 + Math.floor(random() * 8192))], 'soak.png', { type: 'image/png' }))
    return fetch(`${base}${barcelona}/assets`, { method: 'POST', headers: { ...headers, 'X-Mock-Session': `s${Math.floor(random() * 20)}` }, body: form })
  }],
  [8, async () => {
    const list = await (await fetch(`${base}${barcelona}/assets?pageSize=2`, { headers })).json()
    const ids = (list.data ?? []).map((asset: { id: string }) => asset.id)
    return fetch(`${base}${barcelona}/assets`, { method: 'DELETE', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ ids }) })
  }],
  [8, () => fetch(`${base}/`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: '{ libraries(organizationId: "monogram-labs") { id name photosCount } }' }),
  })],
  [8, () => fetch(`${base}${barcelona}/assets?pageSize=10`, { headers: { ...headers, 'X-Mock-Scenario': pick(scenarios) } })],
  [2, () => fetch(`${base}/__mock/scenario`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ scenario: pick(['default', 'default', 'flaky']) }) })],
  [1, () => fetch(`${base}/__mock/reset`, { method: 'POST' })],
]
const totalWeight = steps.reduce((sum, [weight]) => sum + weight, 0)
function nextStep(): Step {
  let roll = random() * totalWeight
  for (const [weight, step] of steps) if ((roll -= weight) < 0) return step
  return steps[0]![1]
}

interface Window { latencies: number[]; failures: number; heapMB: number }
const windows: Window[] = []
let current: Window = { latencies: [], failures: 0, heapMB: 0 }
const deadline = Date.now() + seconds * 1000

const sampler = setInterval(() => {
  gc()
  current.heapMB = process.memoryUsage().heapUsed / 2 ** 20
  windows.push(current)
  current = { latencies: [], failures: 0, heapMB: 0 }
}, windowSeconds * 1000)

async function client() {
  while (Date.now() < deadline) {
    const started = performance.now()
    try {
      const response = await nextStep()()
      await response.arrayBuffer()
    } catch {
      // 500s from `flaky` are the scenario working; a request the server could not answer at all is a failure.
      current.failures++
    }
    current.latencies.push(performance.now() - started)
  }
}
await Promise.all(Array.from({ length: clients }, client))
clearInterval(sampler)
await server.close()

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)] ?? 0
console.log(`raster-mock soak, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${seconds} s, ${clients} clients\n`)
console.log('| window | requests | failures | heap after GC | p50 | p99 |')
console.log('| --- | --- | --- | --- | --- | --- |')
windows.forEach((window, i) => {
  console.log(`| ${(i + 1) * windowSeconds} s | ${window.latencies.length} | ${window.failures} | ${window.heapMB.toFixed(1)} MB | ${percentile(window.latencies, 0.5).toFixed(1)} ms | ${percentile(window.latencies, 0.99).toFixed(1)} ms |`)
})

// After warm-up (the first third), the least-squares slope of the heap, and the last p99 against the first.
const settled = windows.slice(Math.floor(windows.length / 3))
const xs = settled.map((_, i) => i * windowSeconds / 60)
const ys = settled.map((window) => window.heapMB)
const meanX = xs.reduce((a, b) => a + b, 0) / xs.length
const meanY = ys.reduce((a, b) => a + b, 0) / ys.length
const slope = xs.reduce((sum, x, i) => sum + (x - meanX) * (ys[i]! - meanY), 0) / xs.reduce((sum, x) => sum + (x - meanX) ** 2, 0)
const p99Ratio = percentile(settled.at(-1)!.latencies, 0.99) / percentile(settled[0]!.latencies, 0.99)
const failures = windows.reduce((sum, window) => sum + window.failures, 0)
console.log(`\nheap trend after warm-up: ${slope >= 0 ? '+' : ''}${slope.toFixed(2)} MB/min; last p99 / first p99 after warm-up: ${p99Ratio.toFixed(2)}×; failures: ${failures}`)
const steady = slope < 2 && p99Ratio < 2 && failures === 0
console.log(steady ? 'steady: no memory growth trend, p99 stable, no failures' : 'NOT steady')
process.exit(steady ? 0 : 1)
