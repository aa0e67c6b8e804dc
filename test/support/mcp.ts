import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { setupRasterServer, type RasterServerOptions } from '../../src/node.js'
import { restClient, tinyPng } from './client.js'

/** The 3 × 2 PNG padded to `bytes`, in base64 (the bytes `files()` sends over REST). */
export const pngBase64 = (bytes = 1000) => {
  const padded = new Uint8Array(Math.max(bytes, tinyPng.byteLength))
  padded.set(tinyPng)
  return Buffer.from(padded).toString('base64')
}

/** A base64 upload source of that PNG. */
export const pngSource = (filename = 'file.png', bytes = 1000) => ({ kind: 'base64', filename, mimeType: 'image/png', data: pngBase64(bytes) })

/** The mock under setupRasterServer for a test file, reset after each test, and a REST client beside MCP's. */
export function useRaster(options: RasterServerOptions = {}) {
  const raster = setupRasterServer(options)
  beforeAll(() => raster.listen())
  afterEach(async () => {
    raster.server.resetHandlers()
    await raster.mock.reset()
  })
  afterAll(() => raster.close())
  return { raster, rest: restClient('https://api.raster.app') }
}

export const MCP_URL = 'https://mcp.raster.app/'

export interface McpConnection {
  client: Client
  /** A tool's answer: its JSON payload (REST's `data`), a coded failure, or the SDK's plain-text refusal. */
  call(name: string, args?: Record<string, unknown>): Promise<ToolAnswer>
  close(): Promise<void>
}

export type ToolAnswer =
  | { data: any; error?: undefined; refusal?: undefined }
  | { error: { code: string; message: string; status: number }; data?: undefined; refusal?: undefined }
  | { refusal: string; data?: undefined; error?: undefined }

/**
 * The SDK's own Client over Streamable HTTP, connected to `url` with `headers` on every request, the way an agent
 * connects (msw answers in process: no port).
 */
export async function connectMcp(
  { url = MCP_URL, key = 'pk_monogram_write', headers = {}, modern = false }: { url?: string; key?: string | null; headers?: Record<string, string>; modern?: boolean } = {},
): Promise<McpConnection> {
  const client = new Client({ name: 'raster-mock-tests', version: '1.0.0' }, modern ? { versionNegotiation: { mode: 'auto' } } : undefined)
  const all = { ...headers, ...(key !== null && { Authorization: `Bearer ${key}` }) }
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: all } }))
  return {
    client,
    async call(name, args = {}) {
      const result = await client.callTool({ name, arguments: args })
      const text = (result.content as { type: string; text: string }[])[0]!.text
      if (!result.isError) return { data: JSON.parse(text) }
      try {
        return JSON.parse(text) as ToolAnswer
      } catch {
        return { refusal: text }
      }
    },
    close: () => client.close(),
  }
}

/** A JSON-RPC request sent by hand, with the headers an MCP client sends. */
export function rawMcp(body: BodyInit | null, { method = 'POST', headers = {}, url = MCP_URL }: { method?: string; headers?: Record<string, string>; url?: string } = {}) {
  return fetch(url, {
    method,
    headers: { Authorization: 'Bearer pk_monogram_write', 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
    body,
  })
}

/** A `tools/call` message. */
export const toolCall = (name: string, args: Record<string, unknown>, id = 1) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } })
