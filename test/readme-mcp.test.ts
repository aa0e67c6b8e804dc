import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'
import { connectMcp } from './support/mcp.js'

/**
 * The agent set-ups of README.md's "AI agents (MCP)" section, run as written against a standalone server: the
 * `claude mcp add` command and the Cursor and VS Code files each give a URL and headers, and the SDK's client
 * connects with exactly those. (The section's Node example runs in the packed-package tests.)
 */
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const section = readme.slice(readme.indexOf('## AI agents (MCP)'), readme.indexOf('\n## ', readme.indexOf('## AI agents (MCP)') + 1))
const SHOWN_ORIGIN = 'http://127.0.0.1:4010'

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ port: 0, log: false })
})
afterAll(() => server.close())

/** An agent connected as a set-up says, to the server under test: it lists the tools and calls one. */
async function works(url: string, headers: Record<string, string>) {
  const { Authorization, ...rest } = headers
  const mcp = await connectMcp({ url: url.replace(SHOWN_ORIGIN, server.url), key: Authorization!.replace(/^Bearer /, ''), headers: rest })
  expect((await mcp.client.listTools()).tools.map((tool) => tool.name)).toContain('list_assets')
  expect((await mcp.call('whoami')).data).toMatchObject({ organizationId: 'monogram-labs' })
  await mcp.close()
}

it('claude mcp add: an http transport to the URL, with the header', async () => {
  const command = /```sh\n(claude mcp add [^\n]*)\n```/.exec(section)![1]!
  const args = [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!)
  expect(args.slice(0, 6)).toEqual(['claude', 'mcp', 'add', '--transport', 'http', 'raster'])
  const [name, value] = args[args.indexOf('--header') + 1]!.split(/:\s*/)
  await works(args[6]!, { [name!]: value! })
})

it('the Cursor and VS Code files', async () => {
  const files = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1]!))
  expect(files).toHaveLength(2)
  const [cursor, vscode] = files
  await works(cursor.mcpServers.raster.url, cursor.mcpServers.raster.headers)
  expect(vscode.servers.raster.type).toBe('http')
  await works(vscode.servers.raster.url, vscode.servers.raster.headers)
})
