import { describe, expect, test, vi } from 'vitest'
import { rawMcp, pngSource, toolCall, useRaster } from './support/mcp.js'

/**
 * Stateless MCP exchanges in flight at the same time: each answer is its own exchange's (its key, its session, its
 * JSON-RPC id), whatever the others do. Every call goes through the `slow` scenario, whose delay waits here until
 * the test releases it, so the calls overlap for sure, and finish in the order the test picks.
 */
const sleepers: (() => void)[] = []
const { rest } = useRaster({ sleep: () => new Promise<void>((resolve) => sleepers.push(resolve)) })

/** Waits until `count` calls are held, then lets them go, the last one first. */
async function releaseInReverse(count: number): Promise<void> {
  // The first MCP request loads the SDK: give it time on a busy machine.
  await vi.waitFor(() => expect(sleepers.length).toBe(count), { timeout: 15_000, interval: 5 })
  for (const wake of sleepers.splice(0).reverse()) {
    wake()
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
}

const lib = { organizationId: 'monogram-labs', libraryId: 'barcelona' }
const keys = { 'monogram-labs': 'pk_monogram_write', acme: 'pk_acme_write', northwind: 'pk_northwind_write' } as const
const asKey = (key: string) => ({ Authorization: `Bearer ${key}`, 'X-Mock-Scenario': 'slow' })

/** A JSON-RPC answer: its id, and the tool's payload (its JSON, or its plain text), or the error's message. */
async function answerOf(response: Response): Promise<{ id: unknown; payload: any }> {
  const body = await response.json()
  if (body.error) return { id: body.id, payload: body.error.message }
  const text = (body.result.content ?? body.result.contents)[0].text
  try {
    return { id: body.id, payload: JSON.parse(text) }
  } catch {
    return { id: body.id, payload: text }
  }
}

const send = (body: string, headers: Record<string, string>) => rawMcp(body, { headers }).then(answerOf)

describe('concurrent stateless exchanges', () => {
  test('calls with different keys and the same ids, in flight together, each answer for their own key', async () => {
    const calls = Object.entries(keys).flatMap(([org, key]) => [1, 'a', 1].map((id) => ({ org, id, answer: send(toolCall('whoami', {}, id as number), asKey(key)) })))
    await releaseInReverse(calls.length)
    for (const { org, id, answer } of calls) expect(await answer.then(({ id, payload }) => ({ id, org: payload.organizationId }))).toEqual({ id, org })
  })

  test('uploads in two sessions at once stay in their own session', async () => {
    const headers = (session: string) => ({ ...asKey(keys['monogram-labs']), 'X-Mock-Session': session })
    const upload = (session: string, name: string) => send(toolCall('upload_asset', { ...lib, source: pngSource(name) }, 1), headers(session))
    const uploads = [upload('alice', 'alice-1.png'), upload('bob', 'bob-1.png'), upload('alice', 'alice-2.png'), upload('bob', 'bob-2.png')]
    await releaseInReverse(uploads.length)
    expect((await Promise.all(uploads)).map(({ payload }) => payload.assets[0].name)).toEqual(['alice-1.png', 'bob-1.png', 'alice-2.png', 'bob-2.png'])
    const names = async (session: string) => {
      const listed = send(toolCall('list_assets', { ...lib, pageSize: 500 }), headers(session))
      await releaseInReverse(1)
      return (await listed).payload.map((asset: { name: string }) => asset.name).filter((name: string) => /^(alice|bob)-/.test(name)).sort()
    }
    expect(await names('alice')).toEqual(['alice-1.png', 'alice-2.png'])
    expect(await names('bob')).toEqual(['bob-1.png', 'bob-2.png'])
    const { body } = await rest({ path: '/organizations/monogram-labs/libraries/barcelona/assets?pageSize=500' })
    expect(body.data.filter((asset: { name: string }) => /^(alice|bob)-/.test(asset.name))).toEqual([])
  })

  test('a resource read, a refused call and a failing call in flight together each get their own answer', async () => {
    const tags = 'raster://organizations/monogram-labs/libraries/barcelona/tags'
    const read = (key: string) => send(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'resources/read', params: { uri: tags } }), asKey(key))
    const calls = [
      read(keys['monogram-labs']),
      read(keys.acme),
      send(toolCall('get_asset', { ...lib, assetId: 'nope' }, 7), asKey(keys['monogram-labs'])),
    ]
    // Refused before it runs: not held, answered while the others wait.
    expect(await send(toolCall('list_assets', { ...lib, pageSize: 900 }, 7), asKey(keys['monogram-labs']))).toEqual({
      id: 7,
      payload: expect.stringMatching(/^Input validation error: Invalid arguments for tool list_assets: pageSize/),
    })
    await releaseInReverse(calls.length)
    const [mine, theirs, failed] = await Promise.all(calls)
    expect(mine!.id).toBe(7)
    expect(mine!.payload.map((tag: { id: string }) => tag.id)).toContain('food')
    // A valid key of another organization is INVALID_API_KEY (docs/errors.md).
    expect(theirs).toEqual({ id: 7, payload: 'Invalid API key.' })
    expect(failed).toEqual({ id: 7, payload: { error: { code: 'RESOURCE_NOT_FOUND', message: 'Asset not found.', status: 404 } } })
  })
})
