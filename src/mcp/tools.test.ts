import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineAction } from '../actions/define.js'
import { actionsByName, rasterApi } from '../actions/index.js'
import { defineOperation } from '../domain/operation.js'
import { currentVersion, mcpTools } from './tools.js'

// An action Api-Version 2026-07-08 adds, as the second version's actions are defined.
const promote = defineAction({
  name: 'promoteVariant',
  summary: 'Makes a variant the main asset.',
  since: '2026-07-08',
  operation: defineOperation({ scope: 'library', access: 'write', input: z.object({ assetId: z.string(), variantId: z.string() }), output: z.object({}), run: () => ({}) }),
  rest: { method: 'post', path: '/organizations/:organizationId/libraries/:libraryId/assets/:assetId/promote' },
  graphql: { absent: 'test' },
  mcp: { tool: 'promote_variant', description: 'Promotes a variant.' },
})
const api = { ...rasterApi, actions: [...rasterApi.actions, promote] }

describe('mcpTools', () => {
  it('serves an action from its `since` version on, and every action without one in every version', () => {
    const names = (version: string) => mcpTools(version, api).map((tool) => tool.name)
    expect(names('2026-05-20')).toHaveLength(16)
    expect(names('2026-05-20')).not.toContain('promote_variant')
    expect(names('2026-07-08')).toEqual([...names('2026-05-20'), 'promote_variant'])
    expect(currentVersion()).toBe('2026-05-20')
  })

  it("derives the arguments from the scope and the operation's input, and maps them back", () => {
    const tool = mcpTools('2026-07-08', api).find((candidate) => candidate.name === 'promote_variant')!
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
