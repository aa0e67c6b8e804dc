/**
 * The one module that knows the official MCP TypeScript SDK (`@modelcontextprotocol/server`, v2): everything else
 * of the MCP adapter hands it plain specs (tools, resource templates) and gets web-standard Responses back.
 *
 * Serving, stateless and in JSON (no session ids, no SSE stream). A 2025-era request (the `initialize` handshake
 * and what follows it, what every client speaks by default) is answered over the SDK's
 * `WebStandardStreamableHTTPServerTransport`; a 2026-07-28 request (the per-request envelope a client asks for
 * with `versionNegotiation`) by the SDK's `createMcpHandler`. Both build their server from the same spec. The
 * 2025-era calls that change nothing in a server (tool calls, resource reads, the lists, `ping`) skip the per-request
 * server: one server per spec answers them all, concurrently (see `SharedServer`).
 */
import {
  McpServer,
  ResourceTemplate,
  WebStandardStreamableHTTPServerTransport,
  createMcpHandler,
  isJSONRPCRequest,
  isJsonContentType,
  isLegacyRequest,
  legacyStatelessFallback,
  parseJSONRPCMessage,
  PROTOCOL_VERSION_META_KEY,
  type AuthInfo,
  type CallToolResult,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type MessageExtraInfo,
  type RequestId,
  type ServerContext,
  type Transport,
} from '@modelcontextprotocol/server'
import type { z } from 'zod'
import { BoundedCache } from '../util/bounded-cache.js'

export type { CallToolResult }

/**
 * One tool: its name, description, input schema (the SDK validates arguments with it) and what a call does, given
 * the exchange's `context` (what `mcpEndpoint` was handed with the request).
 */
export interface ToolSpec<Context> {
  name: string
  description: string
  inputSchema: z.ZodObject
  call(args: Record<string, unknown>, context: Context): Promise<CallToolResult>
}

/** One resource template; `read` answers the resource's JSON text, or throws an Error whose message the client sees. */
export interface ResourceSpec<Context> {
  name: string
  uriTemplate: string
  description: string
  read(variables: Record<string, string>, context: Context): Promise<string>
}

/** What one endpoint serves: the same for every exchange (an exchange's own part is its context). */
export interface ServerSpec<Context> {
  tools: readonly ToolSpec<Context>[]
  resources: readonly ResourceSpec<Context>[]
}

const serverInfo = { name: 'raster', version: '2026-05-20' }

/** The exchange's context rides in `authInfo.extra`, the SDK's pass-through from the transport to each handler. */
const contextKey = 'raster-mock/context'
const authInfoOf = (context: unknown): AuthInfo => ({ token: '', clientId: 'raster-mock', scopes: [], extra: { [contextKey]: context } })
const contextOf = <Context>(ctx: ServerContext): Context => ctx.http!.authInfo!.extra![contextKey] as Context

/**
 * A server for `spec`. Given the one message it will answer, it registers only what that needs: a tool call only
 * its tool, a resource read only the resources (registering all 16 tools costs more than the call itself);
 * anything else everything.
 */
function build<Context>(spec: ServerSpec<Context>, message?: unknown): McpServer {
  const server = new McpServer(serverInfo)
  const { method, params } = (typeof message === 'object' && message !== null ? message : {}) as { method?: unknown; params?: { name?: unknown } }
  const called = method === 'tools/call' ? spec.tools.filter((tool) => tool.name === params?.name) : []
  // An unknown tool is called with every tool registered, so the SDK says it is not found as it would.
  const tools = called.length ? called : method === 'resources/read' ? [] : spec.tools
  const resources = called.length ? [] : spec.resources
  for (const tool of tools) {
    server.registerTool(tool.name, { description: tool.description, inputSchema: tool.inputSchema }, (args, ctx) =>
      tool.call(args as Record<string, unknown>, contextOf(ctx)),
    )
  }
  for (const resource of resources) {
    // `list: undefined`: `resources/list` names no concrete resource, only the templates are listed.
    const template = new ResourceTemplate(resource.uriTemplate, { list: undefined })
    server.registerResource(resource.name, template, { description: resource.description, mimeType: 'application/json' }, async (uri, variables, ctx) => {
      const strings = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, String(value)]))
      const text = await resource.read(strings, contextOf(ctx))
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] }
    })
  }
  return server
}

/**
 * The 2025-era methods a stateless server answers from its registrations alone: they leave no trace in the server
 * (unlike `initialize`, which records the client and its protocol version, or `logging/setLevel`), so one server
 * answers them for every exchange, concurrently, and each sees only its own context.
 */
const sharedMethods = new Set(['tools/call', 'tools/list', 'resources/read', 'resources/list', 'resources/templates/list', 'ping'])

/** The lists a server's registrations fix: asked without parameters, the first answer is every answer. */
const fixedLists = new Set(['tools/list', 'resources/list', 'resources/templates/list'])

const encoder = new TextEncoder()

/**
 * The JSON string (quoted, escaped, UTF-8) of the long texts answered last: a page asked again answers the same
 * text, and escaping 35 KB costs more than finding it (V8 hashes a string over 16,383 characters by its length, so
 * a lookup is one comparison). By total size: 64 pages of 50 assets.
 */
const LONG_TEXT = 16_384
const quotedTexts = new BoundedCache<string, Uint8Array<ArrayBuffer>>({ maxWeight: 8 * 2 ** 20, weigh: (text, bytes) => 2 * text.length + bytes.byteLength })

/** The one text block of a result (a tool's `content`, a read's `contents`), where it is long enough to keep. */
function longText(message: JSONRPCMessage): { block: object; text: string } | undefined {
  const result = (message as { result?: { content?: unknown; contents?: unknown } }).result
  const blocks = result?.content ?? result?.contents
  const block = Array.isArray(blocks) && blocks.length === 1 ? (blocks[0] as { text?: unknown }) : undefined
  return typeof block?.text === 'string' && block.text.length >= LONG_TEXT ? { block, text: block.text } : undefined
}

/** `JSON.stringify(message)` as UTF-8, a long text's part reused from `quotedTexts`. */
function jsonBytes(message: JSONRPCMessage): Uint8Array<ArrayBuffer> {
  const long = longText(message)
  if (!long) return encoder.encode(JSON.stringify(message))
  let quoted = quotedTexts.get(long.text)
  if (!quoted) quoted = quotedTexts.set(long.text, encoder.encode(JSON.stringify(long.text)))
  // The message with an empty text in its place: the result comes first, so its first `"text":""` is this one.
  const skeleton = JSON.stringify(message, (_, value: unknown) => (value === long.block ? { ...long.block, text: '' } : value))
  const at = skeleton.indexOf('"text":""') + '"text":'.length
  const head = encoder.encode(skeleton.slice(0, at))
  const tail = encoder.encode(skeleton.slice(at + 2))
  const bytes = new Uint8Array(head.byteLength + quoted.byteLength + tail.byteLength)
  bytes.set(head)
  bytes.set(quoted, head.byteLength)
  bytes.set(tail, head.byteLength + quoted.byteLength)
  return bytes
}

/**
 * One server per spec, built once, for the 2025-era requests that `sharedMethods` lists: what a fresh server and
 * the SDK's stateless transport would answer, without building them per request. It is connected to a transport
 * of its own that carries many exchanges at once: each request gets an id of the transport's (two clients may both
 * send id 1), and its answer goes back to its exchange under the client's id, as the JSON response the SDK's
 * transport writes.
 */
class SharedServer implements Transport {
  onmessage?: Transport['onmessage']
  onclose?: () => void
  onerror?: (error: Error) => void
  #supportedVersions: readonly string[] = []
  readonly #pending = new Map<number, { id: RequestId; answer(response: Response): void; list?: string }>()
  /** The answers of `fixedLists`, by method, once the server made them. */
  readonly #lists = new Map<string, JSONRPCMessage>()
  #nextId = 0
  readonly connected: Promise<void>

  constructor(spec: ServerSpec<unknown>) {
    this.connected = build(spec).connect(this)
  }

  async start(): Promise<void> {}

  async close(): Promise<void> {
    this.onclose?.()
  }

  setSupportedProtocolVersions(versions: string[]): void {
    this.#supportedVersions = versions
  }

  /**
   * The message, when this server answers it as the SDK's stateless transport would answer it over a fresh
   * server: a POST it would accept (its `Accept`, `Content-Type` and `MCP-Protocol-Version` headers, one valid
   * JSON-RPC request), for a method in `sharedMethods`. Anything else goes the SDK's own way, for its own answer.
   */
  accepts(request: Request, parsedBody: unknown): JSONRPCRequest | undefined {
    const { headers } = request
    const accept = headers.get('accept')
    if (!accept?.includes('application/json') || !accept.includes('text/event-stream') || !isJsonContentType(headers.get('content-type'))) return undefined
    const version = headers.get('mcp-protocol-version')
    if (version !== null && !this.#supportedVersions.includes(version)) return undefined
    let message: JSONRPCMessage
    try {
      message = parseJSONRPCMessage(parsedBody)
    } catch {
      return undefined
    }
    return isJSONRPCRequest(message) && sharedMethods.has(message.method) ? message : undefined
  }

  /** Answers one request of an exchange: the server's response to it, as a JSON response. */
  answer(message: JSONRPCRequest, extra: MessageExtraInfo): Promise<Response> {
    const list = fixedLists.has(message.method) && (message.params === undefined || Object.keys(message.params).length === 0) ? message.method : undefined
    const known = list && this.#lists.get(list)
    if (known) return Promise.resolve(jsonResponse({ ...known, id: message.id }))
    const id = this.#nextId++
    return new Promise((answer) => {
      this.#pending.set(id, { id: message.id, answer, list })
      this.onmessage!({ ...message, id }, extra)
    })
  }

  async send(message: JSONRPCMessage): Promise<void> {
    // A JSON response carries the request's answer only: notifications on the way are dropped, as the SDK's are.
    if (!('id' in message) || 'method' in message) return
    const pending = this.#pending.get(message.id as number)
    if (!pending) return
    this.#pending.delete(message.id as number)
    if (pending.list && 'result' in message) this.#lists.set(pending.list, message)
    // The client's id in the answer's place, so its bytes are the SDK transport's (`{result, jsonrpc, id}`).
    pending.answer(jsonResponse({ ...message, id: pending.id }))
  }
}

/** A JSON-RPC message as the SDK's transport answers it in JSON (`Response.json`'s bytes and headers). */
const jsonResponse = (message: JSONRPCMessage): Response =>
  new Response(jsonBytes(message), { status: 200, headers: { 'Content-Type': 'application/json' } })

/**
 * A JSON-RPC batch, refused as the SDK refuses an oversized one (400, -32600): MCP revision 2025-06-18 removed
 * batches, and the SDK's clients negotiate 2025-11-25 or later. So a batch never runs a tool.
 */
function batchRefused(): Response {
  const error = { code: -32600, message: 'Invalid Request: a POST carries one JSON-RPC message; batches were removed in MCP revision 2025-06-18' }
  return Response.json({ jsonrpc: '2.0', error, id: null }, { status: 400 })
}

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
 * An MCP endpoint: `(request, parsedBody, spec, context) => Response`. `parsedBody` is the request's JSON body
 * already read (undefined: the SDK reads the request's own body, and answers it if it is no JSON); `context` is
 * what the tools and resources of `spec` get for this exchange.
 *
 * @example
 * const endpoint = mcpEndpoint<Exchange>(32 * 1024 * 1024)
 * const response = await endpoint(request, JSON.parse(text), { tools, resources: [] }, exchange)
 */
export function mcpEndpoint<Context>(maxBodyBytes: number): (request: Request, parsedBody: unknown, spec: ServerSpec<Context>, context: Context) => Promise<Response> {
  // The spec rides beside the context: the factory builds its server from it.
  const modern = createMcpHandler((context) => build(context.authInfo!.extra!.spec as ServerSpec<Context>, context.authInfo!.extra!.message), {
    legacy: 'reject',
    responseMode: 'auto',
    maxRequestBodySize: maxBodyBytes,
  })
  // Only its answer to what is not a POST is used: GET and DELETE (2025 session operations) are 405 when stateless.
  const notPost = legacyStatelessFallback(() => build({ tools: [], resources: [] }))
  const shared = new WeakMap<ServerSpec<Context>, SharedServer>()
  return async (request, parsedBody, spec, context) => {
    if (request.method.toUpperCase() !== 'POST') return notPost(request)
    if (Array.isArray(parsedBody)) return batchRefused()
    const options = parsedBody === undefined ? {} : { parsedBody }
    const authInfo = authInfoOf(context)
    if (!(await isLegacy(request, parsedBody, maxBodyBytes))) {
      return modern.fetch(request, { ...options, authInfo: { ...authInfo, extra: { ...authInfo.extra, spec, message: parsedBody } } })
    }
    let server = shared.get(spec)
    if (!server) shared.set(spec, (server = new SharedServer(spec as ServerSpec<unknown>)))
    await server.connected
    const message = server.accepts(request, parsedBody)
    if (message) return server.answer(message, { authInfo, request })
    const fresh = build(spec, parsedBody)
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: maxBodyBytes })
    await fresh.connect(transport)
    try {
      return await transport.handleRequest(request, { ...options, authInfo })
    } finally {
      await fresh.close()
    }
  }
}
