import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'

/**
 * The MCP Inspector's CLI (`@modelcontextprotocol/inspector --cli`, Node 22.19+) against the standalone server:
 * another client than the SDK's, listing and calling the tools as a developer would. It is not a dependency:
 * `npm run test:msw3` (Node 24) installs it on demand and names its launcher in MCP_INSPECTOR; elsewhere these
 * tests are skipped.
 */
const inspector = process.env.MCP_INSPECTOR
const run = promisify(execFile)

describe.runIf(inspector)('the MCP Inspector CLI', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ port: 0, log: false })
  })
  afterAll(() => server.close())

  const cli = (...args: string[]) =>
    run(process.execPath, [inspector!, '--cli', `${server.url}/mcp`, '--transport', 'http', '--header', 'Authorization: Bearer pk_monogram_write', ...args], {
      maxBuffer: 16 << 20,
    }).catch((error: { stdout: string; stderr: string; code: number }) => error)

  it('lists the 16 tools, without a portability problem in their schemas', async () => {
    const { stdout, stderr, code } = (await cli('--method', 'tools/list', '--strict')) as { stdout: string; stderr: string; code?: number }
    expect(code ?? 0, stderr).toBe(0)
    expect(JSON.parse(stdout).tools.map((tool: { name: string }) => tool.name).sort()).toEqual([
      'create_library', 'create_organization', 'delete_assets', 'get_asset', 'list_assets', 'list_libraries', 'list_tags', 'rename_library',
      'search_assets', 'tag_assets', 'transfer_assets', 'untag_assets', 'update_asset_description', 'upload_asset', 'upload_assets', 'whoami',
    ])
  }, 60_000)

  it('calls a tool, and shows a coded failure as REST’s error', async () => {
    const list = (await cli('--method', 'tools/call', '--tool-name', 'list_assets', '--tool-arg', 'organizationId=monogram-labs', 'libraryId=barcelona', 'pageSize=2')) as { stdout: string }
    expect(JSON.parse(JSON.parse(list.stdout).content[0].text)).toHaveLength(2)
    const missing = (await cli('--method', 'tools/call', '--tool-name', 'get_asset', '--tool-arg', 'organizationId=monogram-labs', 'libraryId=barcelona', 'assetId=nope')) as {
      stdout: string
    }
    // The CLI prints the result, then exits non-zero for an `isError` one.
    const result = JSON.parse(missing.stdout)
    expect(result.isError).toBe(true)
    expect(JSON.parse(result.content[0].text)).toEqual({ error: { code: 'RESOURCE_NOT_FOUND', message: 'Asset not found.', status: 404 } })
  }, 60_000)
})
