import { describe, expect, it } from 'vitest'
import { actionsByName } from '../actions/index.js'
import { mcpTools } from './tools.js'

describe('mcpTools', () => {
  it('serves an action from its `since` version on, and every action without one in every version', () => {
    const names = (version: string) => mcpTools(version).map((tool) => tool.name)
    expect(names('2026-05-20')).toHaveLength(16)
    expect(names('2026-05-20')).not.toContain('promote_variant')
    expect(names('2026-07-08').sort()).toEqual([...names('2026-05-20'), 'set_asset_approval', 'promote_variant'].sort())
  })

  it("derives the arguments from the scope and the operation's input, and maps them back", () => {
    const tool = mcpTools('2026-07-08').find((candidate) => candidate.name === 'promote_variant')!
    expect(Object.keys(tool.inputSchema.shape)).toEqual(['organizationId', 'libraryId', 'assetId', 'variantId'])
    expect(tool.input({ organizationId: 'o', libraryId: 'l', assetId: 'a', variantId: 'v' })).toEqual({ assetId: 'a', variantId: 'v' })
    const transfer = mcpTools('2026-05-20').find((candidate) => candidate.name === 'transfer_assets')!
    expect(transfer.libraryArgument).toBe('sourceLibraryId')
    expect(transfer.action).toBe(actionsByName.transferAssets)
    const upload = mcpTools('2026-05-20').find((candidate) => candidate.name === 'upload_assets')!
    expect(upload.sourceArguments).toEqual(['sources'])
    expect(upload.input({ organizationId: 'o', libraryId: 'l', sources: ['file'] })).toEqual({ files: ['file'] })
  })
})
