import { http, HttpResponse, type JsonBodyType, type RequestHandler } from 'msw'
import { setupServer } from 'msw/node'
import type { RasterMock } from '../src/index.js'
import { unhandledRequests } from '../src/msw-compat.js'
import { apiHeaders, assetsPath, listQuery } from './fixtures.js'
import { measureMcp } from './mcp.js'
import { sideBySide } from './measure.js'
import { profileSummary } from './profile.js'
import { atMost, type Row } from './table.js'

const BARE_URL = 'https://bare.bench.test/assets'
/** Issue 35: the list page at most 1.15× a bare msw handler answering the same bytes; GraphQL's page 1.2× REST's. */
const LIST_LIMIT = 1.15
const GRAPHQL_LIMIT = 1.2
const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`

/** A missed row and the request to profile for it. */
interface Miss {
  row: Row
  run: () => Promise<unknown>
}

/**
 * One msw server whose handlers are each case's own: before a case's batch its handlers replace the others, so
 * every case pays msw's matching for its own handlers only (~30–40 µs a handler tried).
 */
function casesOn(server: ReturnType<typeof setupServer>) {
  let active: readonly RequestHandler[] | undefined
  return (handlers: readonly RequestHandler[], run: () => Promise<unknown>) => () => {
    if (active !== handlers) server.resetHandlers(...(active = handlers))
    return run()
  }
}

const read = (response: Promise<Response>) => response.then((r) => r.text())

/**
 * Sections 1 and 5, in Node through setupServer: the full mock's list request against bare msw handlers
 * answering the same page, one with the same pre-serialized bytes (issue 17's baseline) and one written the
 * usual way, `HttpResponse.json(page)` (issue 7's, softer: it stringifies on every request); with `full`, also
 * the costs that must not grow with the library (deep pages, tag filters) and GraphQL. A CPU profile summary of
 * each missed row's request is added to `profiles`.
 */
export async function measureHandlers(mock: RasterMock, size: string, profiles: string[], full = true): Promise<Row[]> {
  const misses: Miss[] = []
  const base = mock.runtime.baseUrl
  const get = (query: string) => fetch(`${base}${assetsPath}${query}`, { headers: apiHeaders })
  const server = setupServer(...mock.handlers)
  server.listen(unhandledRequests('error'))
  try {
    const response = await get(listQuery)
    const bytes = new Uint8Array(await response.arrayBuffer())
    const page = JSON.parse(new TextDecoder().decode(bytes)) as JsonBodyType
    const headers = Object.fromEntries(response.headers)
    const bare = {
      bytes: [http.get(BARE_URL, () => new HttpResponse(bytes, { headers }))],
      json: [http.get(BARE_URL, () => HttpResponse.json(page, { headers: { Vary: 'Api-Version' } }))],
    }
    const on = casesOn(server)
    const ours = (query: string) => on(mock.handlers, () => read(get(query)))
    const list = ours(listQuery)
    const cases: Record<string, () => Promise<unknown>> = {
      bytes: on(bare.bytes, () => read(fetch(BARE_URL, { headers: apiHeaders }))),
      json: on(bare.json, () => read(fetch(BARE_URL, { headers: apiHeaders }))),
      page2: list,
      ...(full && {
        page1: ours('?page=1&pageSize=50'),
        page2000: ours('?page=2000&pageSize=50'),
        tag: ours('?page=2&pageSize=50&tags=beach'),
        tags3: ours('?page=40&pageSize=50&tags=beach,food,night'),
      }),
    }
    const { ms, ratio } = await sideBySide(cases)
    const compare = (what: string, a: string, b: string, limit?: number, run = list): Row => {
      const row: Row = { section: '1 handler', what, value: `${us(ms[a]!)} vs ${us(ms[b]!)}`, ratio: ratio(a, b) }
      if (limit === undefined) return row
      const held = atMost(row, row.ratio!, limit)
      if (!held.met) misses.push({ row: held, run })
      return held
    }
    const rows = [compare(`list page 2 of 50 (${size} library) vs bare msw handler, same pre-serialized bytes`, 'page2', 'bytes', LIST_LIMIT)]
    if (full) rows.push(
      compare(`list page 2 of 50 (${size} library) vs bare msw handler, HttpResponse.json(page)`, 'page2', 'json', 1.3),
      compare('page 2,000 vs page 1 (the offset must not cost)', 'page2000', 'page1', 1.2, cases.page2000!),
      compare('tags=beach page 2 vs unfiltered page 2', 'tag', 'page2', 1.2, cases.tag!),
      compare('tags=beach,food,night page 40 vs unfiltered page 2', 'tags3', 'page2'),
      await measureGraphql(mock, on, list, misses),
      await measureMcp(mock, on, list),
    )
    // While the server listens: the profiles replay the missed rows' requests.
    for (const { row, run } of misses) profiles.push(`- ${row.section}, ${row.what} (${row.ratio?.toFixed(2)}×):\n  ${await profileSummary(run)}`)
    return rows
  } finally {
    server.close()
  }
}

/** Section 5: the GraphQL `assets` query for the same 50 items, if the GraphQL endpoint answers it. */
async function measureGraphql(mock: RasterMock, on: ReturnType<typeof casesOn>, rest: () => Promise<unknown>, misses: Miss[]): Promise<Row> {
  const row = { section: '5 graphql', what: 'assets, 50 items, vs the REST list page 2' }
  const query = `query Assets($page: Int, $pageSize: Int) {
    assets(organizationId: "monogram-labs", libraryId: "barcelona", page: $page, pageSize: $pageSize) {
      id name libraryId width height blurhash url thumbUrl description contentType size created updated
    }
  }`
  // GraphQL pages count from 1, as REST's do.
  const ask = () =>
    fetch(`${mock.runtime.baseUrl}/`, {
      method: 'POST',
      headers: { ...apiHeaders, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query, variables: { page: 2, pageSize: 50 } }),
    })
  // With the mock's handlers in place: the case measured last may have left the bare handler's.
  const probe = (await ((await on(mock.handlers, ask)()) as Response).json().catch(() => null)) as { data?: { assets?: unknown[] } } | null
  if (probe?.data?.assets?.length !== 50) {
    return { ...row, value: 'not measured: GraphQL not built yet', target: `≤ ${GRAPHQL_LIMIT}×` }
  }
  const graphql = on(mock.handlers, () => ask().then((r) => r.text()))
  const { ms, ratio } = await sideBySide({ rest, graphql })
  const held = atMost({ ...row, value: `${us(ms.graphql)} vs ${us(ms.rest)}`, ratio: ratio('graphql', 'rest') }, ratio('graphql', 'rest'), GRAPHQL_LIMIT)
  if (!held.met) misses.push({ row: held, run: graphql })
  return held
}
