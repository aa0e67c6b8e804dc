/**
 * Raster's MCP server (docs/mcp.md), over the same actions, worlds, pipeline and error catalogue as REST and
 * GraphQL. One HTTP exchange:
 *
 * 1. the authenticated endpoint needs `Authorization: Bearer …`: without a usable one, HTTP 401 in the REST
 *    envelope before any JSON-RPC; a body over 32 MB is 413 PAYLOAD_TOO_LARGE;
 * 2. the SDK (./sdk.ts) answers the JSON-RPC message: the protocol's own (`initialize`, `tools/list`, …) itself;
 * 3. each tool call and resource read is one API call through the pipeline (src/runtime/pipeline.ts), as a REST
 *    call is: the request's scenario, session, time and faults, its world, the action in the current version,
 *    the request log (with the tool's name). A coded failure is an `isError` result holding REST's error.
 */
import { performAction } from '../actions/perform.js'
import type { UploadSource } from '../actions/mcp-sources.js'
import { MB } from '../config.js'
import { errorResponse, stringify } from '../contract/envelope.js'
import { RasterError, messages, toRasterError } from '../contract/errors.js'
import { readBearerToken } from '../pipeline/steps.js'
import type { Runtime } from '../runtime.js'
import type { Call, Surface } from '../runtime/pipeline.js'
import { mcpEndpoint, type CallToolResult, type ResourceSpec, type ServerSpec, type ToolSpec } from './sdk.js'
import { sourceFile } from './sources.js'
import { mcpTools, type McpToolDefinition } from './tools.js'

/** Raster's limit on an MCP request body. */
export const MCP_MAX_BODY_BYTES = 32 * MB

type Args = Record<string, unknown>

/** One HTTP exchange: the request as the pipeline sees it, and whether a fault dropped it. */
class Exchange {
  networkError = false
  #request: Request | undefined

  constructor(
    readonly runtime: Runtime,
    private readonly original: Request,
  ) {}

  /**
   * The pipeline reads the method, the headers and the URL only, and logs the exchange as a POST: a POST as it
   * came (its body already read), anything else as a POST copy without the body, made on first use.
   */
  get request(): Request {
    const { original } = this
    return (this.#request ??= original.method === 'POST' ? original : new Request(original.url, { method: 'POST', headers: original.headers }))
  }
}

/** A failure answered before JSON-RPC, in the REST envelope, through the pipeline (logged; faults apply). */
function refusal(runtime: Runtime, request: Request, error: RasterError): Promise<Response> {
  return runtime.pipeline.run(request, {
    surface: { requiresVersion: false, envelope: () => errorResponse(error), failure: errorResponse },
    perform() {
      throw error
    },
  })
}

/** The JSON text of a successful call, and of a failure: `{"error":{"code","message","status"}}`, as REST's. */
const dataResult = (data: unknown): CallToolResult => ({ content: [{ type: 'text', text: stringify(data) ?? 'null' }] })
const errorResult = ({ code, message, status }: RasterError): CallToolResult => ({
  content: [{ type: 'text', text: JSON.stringify({ error: { code, message, status } }) }],
  isError: true,
})

type Outcome = { data: unknown } | { error: RasterError }

/**
 * Runs one tool of the exchange through the pipeline. The surface keeps the result (or the error) for the tool's
 * answer, and gives the pipeline a response to log; a network fault marks the exchange, which is then dropped.
 */
async function runTool(exchange: Exchange, tool: McpToolDefinition, args: Args, label: string): Promise<Outcome> {
  let outcome: Outcome | undefined
  const surface: Surface = {
    requiresVersion: false,
    envelope(data) {
      outcome = { data }
      return new Response(null)
    },
    failure(error) {
      const failure = toRasterError(error)
      outcome = { error: failure }
      return errorResponse(failure)
    },
  }
  const call: Call = {
    surface,
    tool: label,
    perform: (env) => {
      const { runtime, request } = exchange
      return performAction(
        env,
        tool.action,
        {
          authorization: request.headers.get('Authorization'),
          organizationId: tool.organizationArgument && (args[tool.organizationArgument] as string),
          libraryId: tool.libraryArgument && (args[tool.libraryArgument] as string),
          input: () => operationInput(runtime, tool, args),
        },
        exchange.runtime.currentVersion,
      )
    },
  }
  const response = await exchange.runtime.pipeline.run(exchange.request, call)
  if (response.type === 'error') exchange.networkError = true
  return outcome ?? { error: new RasterError('INTERNAL_SERVER_ERROR') }
}

/** The operation's input: sources fetched into files (read at step 8, so a bad key is answered first). */
async function operationInput(runtime: Runtime, tool: McpToolDefinition, args: Args): Promise<Args> {
  const resolved = { ...args }
  for (const name of tool.sourceArguments) {
    const value = args[name] as UploadSource | UploadSource[] | undefined
    if (value === undefined) continue
    resolved[name] = Array.isArray(value) ? await Promise.all(value.map((source) => sourceFile(runtime, source))) : await sourceFile(runtime, value)
  }
  return tool.input(resolved)
}

function toolSpec(tool: McpToolDefinition): ToolSpec<Exchange> {
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
    async call(args, exchange) {
      const outcome = await runTool(exchange, tool, args, tool.name)
      return 'data' in outcome ? dataResult(outcome.data) : errorResult(outcome.error)
    },
  }
}

function resourceSpec(tool: McpToolDefinition): ResourceSpec<Exchange> {
  const resource = tool.resource!
  return {
    ...resource,
    async read({ orgId, libraryId }, exchange) {
      const args: Args = { organizationId: orgId, ...(libraryId !== undefined && { libraryId }) }
      const uri = resource.uriTemplate.replace('{orgId}', orgId ?? '').replace('{libraryId}', libraryId ?? '')
      const outcome = await runTool(exchange, tool, args, uri)
      if ('error' in outcome) throw new Error(outcome.error.message)
      return stringify(outcome.data) ?? 'null'
    },
  }
}

/** What an endpoint of `version` serves: the anonymous one, only the anonymous tools and no resources. */
function serverSpec(version: string, anonymous: boolean): ServerSpec<Exchange> {
  const tools = mcpTools(version).filter((tool) => !anonymous || tool.anonymous)
  return {
    tools: tools.map(toolSpec),
    resources: anonymous ? [] : tools.filter((tool) => tool.resource).map(resourceSpec),
  }
}

/** The body as text, or undefined when it is over `max` bytes (read no further). */
async function limitedText(request: Request, max: number): Promise<string | undefined> {
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      // Not awaited: the cancel of a teed body (msw keeps a copy of the request) settles only with the other branch.
      reader.cancel().catch(() => {})
      return undefined
    }
    chunks.push(value)
  }
  return new TextDecoder().decode(chunks.length === 1 ? chunks[0] : concat(chunks, size))
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const whole = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    whole.set(chunk, offset)
    offset += chunk.byteLength
  }
  return whole
}

/**
 * Answers MCP requests for one mock: `respond(request, { anonymous })`. The msw handlers (handlers/mcp.ts) and
 * the standalone server call it for `${mcpUrl}/` and `${mcpUrl}/anonymous`.
 *
 * @example
 * const respond = mcpResponder(runtime)
 * const response = await respond(request, { anonymous: false })
 */
export function mcpResponder(runtime: Runtime): (request: Request, endpoint: { anonymous: boolean }) => Promise<Response> {
  const endpoint = mcpEndpoint<Exchange>(MCP_MAX_BODY_BYTES)
  // Built once per endpoint: the SDK serves them to every exchange, which their calls get as their context.
  const specs = { authenticated: serverSpec(runtime.currentVersion, false), anonymous: serverSpec(runtime.currentVersion, true) }
  return async (request, { anonymous }) => {
    const exchange = new Exchange(runtime, request)
    if (!anonymous) {
      try {
        readBearerToken(request.headers.get('Authorization'))
      } catch (error) {
        return refusal(runtime, exchange.request, toRasterError(error))
      }
    }
    let forwarded = request
    let parsedBody: unknown
    if (request.method.toUpperCase() === 'POST') {
      const tooLarge = () => refusal(runtime, exchange.request, new RasterError('PAYLOAD_TOO_LARGE', messages.mcpBodyTooLarge('32 MB')))
      if (Number(request.headers.get('Content-Length') ?? 0) > MCP_MAX_BODY_BYTES) return tooLarge()
      const text = await limitedText(request, MCP_MAX_BODY_BYTES)
      if (text === undefined) return tooLarge()
      try {
        parsedBody = text === '' ? undefined : JSON.parse(text)
      } catch {
        parsedBody = undefined
      }
      // What is no JSON goes to the SDK as it came, for its own answer.
      if (parsedBody === undefined) forwarded = new Request(request.url, { method: 'POST', headers: request.headers, body: text })
    }
    const response = await endpoint(forwarded, parsedBody, anonymous ? specs.anonymous : specs.authenticated, exchange)
    return exchange.networkError ? Response.error() : response
  }
}
