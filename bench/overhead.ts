import { http, HttpResponse, type JsonBodyType } from 'msw'
import { setupServer } from 'msw/node'
import type { RasterMock } from '../src/index.js'
import { unhandledRequests } from '../src/msw-compat.js'
import { apiHeaders, assetsPath, listQuery } from './fixtures.js'
import { sideBySide } from './measure.js'
import { atMost, type Row } from './table.js'

const BARE_URL = 'https://bare.bench.test/assets'
const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`

/**
 * Sections 1 and 5, in Node through setupServer: the full mock's list request
 * against a bare msw handler that answers a static copy of the same page, and
 * the costs that must not grow with the library (deep pages, tag filters).
 */
export async function measureHandlers(mock: RasterMock): Promise<Row[]> {
  const base = mock.runtime.baseUrl
  const get = (query: string) => fetch(`${base}${assetsPath}${query}`, { headers: apiHeaders })
  let page: JsonBodyType = null
  // First, so its matching is all it pays: the mock's own handlers come after it.
  const server = setupServer(http.get(BARE_URL, () => HttpResponse.json(page)), ...mock.handlers)
  server.listen(unhandledRequests('error'))
  try {
    // The bare handler answers a copy of the mock's own page, the idiomatic way: the same bytes.
    page = await (await get(listQuery)).json()
    const read = (response: Promise<Response>) => response.then((r) => r.text())
    const times = await sideBySide({
      bare: () => read(fetch(BARE_URL, { headers: apiHeaders })),
      page2: () => read(get(listQuery)),
      page1: () => read(get('?page=1&pageSize=50')),
      page2000: () => read(get('?page=2000&pageSize=50')),
      tag: () => read(get('?page=2&pageSize=50&tags=beach')),
      tags3: () => read(get('?page=40&pageSize=50&tags=beach,food,night')),
    })
    const compare = (what: string, a: number, b: number, limit?: number): Row => {
      const row = { section: '1 handler', what, value: `${us(a)} vs ${us(b)}`, ratio: a / b }
      return limit === undefined ? row : atMost(row, a / b, limit)
    }
    return [
      compare('list page 2 of 50 (100k library) vs bare msw handler, static page', times.page2, times.bare, 1.3),
      compare('page 2,000 vs page 1 (the offset must not cost)', times.page2000, times.page1, 1.2),
      compare('tags=beach page 2 vs unfiltered page 2', times.tag, times.page2, 1.2),
      compare('tags=beach,food,night page 40 vs unfiltered page 2', times.tags3, times.page2),
      await measureGraphql(mock),
    ]
  } finally {
    server.close()
  }
}

/** Section 5: the GraphQL `assets` query for the same 50 items, if the GraphQL endpoint answers it. */
async function measureGraphql(mock: RasterMock): Promise<Row> {
  const row = { section: '5 graphql', what: 'assets, 50 items, vs the REST list page 2' }
  const query = `query Assets($page: Int, $pageSize: Int) {
    assets(organizationId: "monogram-labs", libraryId: "barcelona", page: $page, pageSize: $pageSize) {
      id name libraryId width height blurhash url thumbUrl description contentType size created updated
    }
  }`
  // GraphQL pages count from 0: its page 1 is REST's page 2.
  const ask = () =>
    fetch(`${mock.runtime.baseUrl}/`, {
      method: 'POST',
      headers: { ...apiHeaders, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query, variables: { page: 1, pageSize: 50 } }),
    })
  const probe = (await (await ask()).json().catch(() => null)) as { data?: { assets?: unknown[] } } | null
  if (probe?.data?.assets?.length !== 50) {
    return { ...row, value: 'not measured: GraphQL not built yet', target: '≤ 1.5×' }
  }
  const rest = () => fetch(`${mock.runtime.baseUrl}${assetsPath}${listQuery}`, { headers: apiHeaders }).then((r) => r.text())
  const times = await sideBySide({ rest, graphql: () => ask().then((r) => r.text()) })
  const ratio = times.graphql / times.rest
  return atMost({ ...row, value: `${us(times.graphql)} vs ${us(times.rest)}`, ratio }, ratio, 1.5)
}
