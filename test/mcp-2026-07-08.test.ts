import { describe, expect, test } from 'vitest'
import { barcelona } from './support/client.js'
import { contractErrors20260708 } from './support/error-cases.js'
import { connectMcp, useRaster } from './support/mcp.js'

// MCP has no Api-Version: with 2026-07-08 current, its tools and payloads are that version's.
const { rest } = useRaster({ apiVersion: '2026-07-08', now: () => Date.UTC(2026, 4, 20, 12) })
const v2 = { version: '2026-07-08' } as const
const lib = { organizationId: 'monogram-labs', libraryId: 'barcelona' }

describe('MCP with Api-Version 2026-07-08 current', () => {
  test('lists the 18 tools: set_asset_approval and promote_variant join, search_assets takes approval', async () => {
    const mcp = await connectMcp()
    const { tools } = await mcp.client.listTools()
    expect(tools).toHaveLength(18)
    const properties = (name: string) => Object.keys(tools.find((tool) => tool.name === name)!.inputSchema.properties ?? {}).sort()
    expect(properties('set_asset_approval')).toEqual(['assetId', 'libraryId', 'note', 'organizationId', 'state'])
    expect(properties('promote_variant')).toEqual(['assetId', 'libraryId', 'organizationId', 'variantId'])
    expect(properties('search_assets')).toContain('approval')
    await mcp.close()
  })

  test("get_asset answers REST 2026-07-08's payload: variants, approval, sizes", async () => {
    const first = (await rest({ ...v2, path: `${barcelona}/assets?pageSize=1` })).body.data[0]
    const mcp = await connectMcp()
    const answer = await mcp.call('get_asset', { ...lib, assetId: first.id })
    expect(answer.data).toEqual((await rest({ ...v2, path: `${barcelona}/assets/${first.id}` })).body.data)
    expect(answer.data).toHaveProperty('variants')
    expect(answer.data).not.toHaveProperty('views')
    expect(answer.data).toHaveProperty('approval', null)
    await mcp.close()
  })

  test('set_asset_approval: an API key is refused as REST refuses it; an Owner’s token sets it, and REST reads it', async () => {
    const first = (await rest({ ...v2, path: `${barcelona}/assets?pageSize=1` })).body.data[0]
    const byKey = await connectMcp()
    const refused = await byKey.call('set_asset_approval', { ...lib, assetId: first.id, state: 'approved' })
    expect(refused).toEqual({ error: { code: 'APPROVAL_REQUIRES_USER', ...contractErrors20260708.APPROVAL_REQUIRES_USER } })
    await byKey.close()

    const owner = await connectMcp({ key: 'oat_monogram_owner' })
    expect((await owner.call('set_asset_approval', { ...lib, assetId: first.id, state: 'approved' })).data).toEqual({ assetId: first.id, approval: 'approved' })
    await owner.close()
    expect((await rest({ ...v2, path: `${barcelona}/assets/${first.id}` })).body.data.approval).toBe('approved')
  })
})
