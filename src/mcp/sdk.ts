/**
 * The one module that knows the official MCP TypeScript SDK (`@modelcontextprotocol/server`, v2): everything else
 * of the MCP adapter hands it plain specs (tools, resource templates) and gets web-standard Responses back.
 *
 * Serving, stateless and in JSON (no session ids, no SSE stream): a 2025-era request (the `initialize` handshake
 * and what follows it, what every client speaks by default) is answered by a fresh server over the SDK's
 * `WebStandardStreamableHTTPServerTransport`; a 2026-07-28 request (the per-request envelope a client asks for
 * with `versionNegotiation`) by the SDK's `createMcpHandler`. Both build their server from the same spec.
 */
import {
  McpServer,
  ResourceTemplate,
  WebStandardStreamableHTTPServerTransport,
  createMcpHandler,
  isLegacyRequest,
  legacyStatelessFallback,
  PROTOCOL_VERSION_META_KEY,
  type CallToolResult,
} from '@modelcontextprotocol/server'
import type { z } from 'zod'

export type { CallToolResult }

/** One tool: its name, description, input schema (the SDK validates arguments with it) and what a call does. */
export interface ToolSpec {
  name: string
  description: string
  inputSchema: z.ZodObject
  call(args: Record<string, unknown>): Promise<CallToolResult>
}

/** One resource template; `read` answers the resource's JSON text, or throws an Error whose message the client sees. */
export interface ResourceSpec {
  name: string
  uriTemplate: string
  description: string
  read(variables: Record<string, string>): Promise<string>
}

/** What one endpoint serves for one HTTP exchange. */
export interface ServerSpec {
  tools: readonly ToolSpec[]
  resources: readonly ResourceSpec[]
}

const serverInfo = { name: 'raster', version: '2026-05-20' }

/**
 * A server for one message: a tool call registers only its tool, a resource read only the resources (registering
 * all 16 tools costs more than the call itself); anything else everything.
 */
function build(spec: ServerSpec, message?: unknown): McpServer {
  const server = new McpServer(serverInfo)
  const { method, params } = (typeof message === 'object' && message !== null ? message : {}) as { method?: unknown; params?: { name?: unknown } }
  const called = method === 'tools/call' ? spec.tools.filter((tool) => tool.name === params?.name) : []
  // An unknown tool is called with every tool registered, so the SDK says it is not found as it would.
  const tools = called.length ? called : method === 'resources/read' ? [] : spec.tools
  const resources = called.length ? [] : spec.resources
  for (const tool of tools) {
    server.registerTool(tool.name, { description: tool.description, inputSchema: tool.inputSchema }, (args) =>
      tool.call(args as Record<string, unknown>),
    )
  }
  for (const resource of resources) {
    // `list: undefined`: `resources/list` names no concrete resource, only the templates are listed.
    const template = new ResourceTemplate(resource.uriTemplate, { list: undefined })
    server.registerResource(resource.name, template, { description: resource.description, mimeType: 'application/json' }, async (uri, variables) => {
      const text = await resource.read(Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, String(value)])))
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] }
    })
  }
  return server
}

/**
 * A JSON-RPC batch, refused as the SDK refuses an oversized one (400, -32600): MCP revision 2025-06-18 removed
 * batches, and the SDK's clients negotiate 2025-11-25 or later. So a batch never runs a tool.
 */
function batchRefused(): Response {
  const error = { code: -32600, message: 'Invalid Request: a POST carries one JSON-RPC message; batches were removed in MCP revision 2025-06-18' }
  return Response.json({ jsonrpc: '2.0', error, id: null }, { status: 400 })
}

/** The exchange's spec rides in `authInfo.extra`, the SDK's pass-through from `fetch` to the server factory. */
const specKey = 'raster-mock/spec'

/**
 * Whether the SDK serves `request` as 2025-era traffic. A message with neither 2026-07-28's envelope claim (its
 * protocol version in `_meta`) nor a modern `MCP-Protocol-Version` header is, by the SDK's own definition, so only
 * the others pay for its classifier.
 */
function isLegacy(request: Request, parsedBody: unknown, maxBodyBytes: number): Promise<boolean> | boolean {
  const meta = (parsedBody as { params?: { _meta?: Record<string, unknown> } } | undefined)?.params?._meta
  const header = request.headers.get('MCP-Protocol-Version')
  if (parsedBody !== undefined && !Array.isArray(parsedBody) && meta?.[PROTOCOL_VERSION_META_KEY] === undefined && !(header && header >= '2026')) return true
  return isLegacyRequest(request, parsedBody, { maxRequestBodySize: maxBodyBytes })
}

/**
 * An MCP endpoint: `(request, parsedBody, spec) => Response`. `parsedBody` is the request's JSON body already
 * read (undefined: the SDK reads the request's own body, and answers it if it is no JSON).
 *
 * @example
 * const endpoint = mcpEndpoint(32 * 1024 * 1024)
 * const response = await endpoint(request, JSON.parse(text), { tools, resources: [] })
 */
export function mcpEndpoint(maxBodyBytes: number): (request: Request, parsedBody: unknown, spec: ServerSpec) => Promise<Response> {
  const modern = createMcpHandler((context) => build(context.authInfo!.extra![specKey] as ServerSpec, context.authInfo!.extra!.message), {
    legacy: 'reject',
    responseMode: 'auto',
    maxRequestBodySize: maxBodyBytes,
  })
  // Only its answer to what is not a POST is used: GET and DELETE (2025 session operations) are 405 when stateless.
  const notPost = legacyStatelessFallback(() => build({ tools: [], resources: [] }))
  return async (request, parsedBody, spec) => {
    if (request.method.toUpperCase() !== 'POST') return notPost(request)
    if (Array.isArray(parsedBody)) return batchRefused()
    const options = parsedBody === undefined ? {} : { parsedBody }
    if (!(await isLegacy(request, parsedBody, maxBodyBytes))) {
      const extra = { [specKey]: spec, message: parsedBody }
      return modern.fetch(request, { ...options, authInfo: { token: '', clientId: 'raster-mock', scopes: [], extra } })
    }
    const server = build(spec, parsedBody)
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: maxBodyBytes })
    await server.connect(transport)
    try {
      return await transport.handleRequest(request, options)
    } finally {
      await server.close()
    }
  }
}
