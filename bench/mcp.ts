import type { RasterMock } from '../src/index.js'
import { fixture } from '../src/model/seed.js'
import { sideBySide } from './measure.js'
import { atMost, type Row } from './table.js'

/** Issue 35: at most 1.3× the REST list of the same page. */
const LIMIT = 1.3

const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`

/**
 * Section 5: MCP's `list_assets` for the REST list's page (page 2 of 50), one stateless `tools/call` as an agent's
 * client sends it once connected, in process through the same msw server, side by side with the REST request.
 * `on` runs a case with the mock's handlers in place; `rest` is the REST list case.
 */
export async function measureMcp(
  mock: RasterMock,
  on: (handlers: RasterMock['handlers'], run: () => Promise<unknown>) => () => Promise<unknown>,
  rest: () => Promise<unknown>,
): Promise<Row> {
  const row = { section: '5 mcp', what: 'list_assets, 50 items, vs the REST list page 2' }
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'list_assets', arguments: { organizationId: fixture.organizations.monogram, libraryId: 'barcelona', page: 2, pageSize: 50 } },
  })
  const ask = () =>
    fetch(`${mock.runtime.mcpUrl}/`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${fixture.keys.monogramWrite}`,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        'Mcp-Protocol-Version': '2025-11-25',
      },
      body,
    })
  // With the mock's handlers in place: the case measured last may have left the bare handler's.
  const probe = (await ((await on(mock.handlers, ask)()) as Response).json().catch(() => null)) as { result?: { content?: { text: string }[] } } | null
  if (JSON.parse(probe?.result?.content?.[0]?.text ?? '[]').length !== 50) return { ...row, value: 'not measured: list_assets did not answer 50 assets', target: `≤ ${LIMIT}×` }
  const mcp = on(mock.handlers, () => ask().then((r) => r.text()))
  const { ms, ratio } = await sideBySide({ rest, mcp })
  return atMost({ ...row, value: `${us(ms.mcp)} vs ${us(ms.rest)}`, ratio: ratio('mcp', 'rest') }, ratio('mcp', 'rest'), LIMIT)
}
