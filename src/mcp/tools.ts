import { z } from 'zod'
import { isAbsent, type Action, type McpResource, type McpTool } from '../actions/define.js'
import { rasterApi, type ApiDefinition } from '../actions/index.js'
import { uploadSource } from '../actions/mcp-sources.js'
import { queryOf } from '../actions/versions.js'

type Args = Record<string, unknown>

/** One MCP tool, derived from its action's definition (src/actions/): nothing here names an action. */
export interface McpToolDefinition {
  name: string
  description: string
  action: Action
  /** The arguments: the scope's, then the operation's input fields (or the binding's own arguments). */
  inputSchema: z.ZodObject
  /** The tool serves the anonymous endpoint (no credential). */
  anonymous: boolean
  /** The argument naming the organization, and the one naming the library, where the scope has them. */
  organizationArgument?: string
  libraryArgument?: string
  /** Arguments holding upload sources (one, or a list), turned into files before the operation sees them. */
  sourceArguments: readonly string[]
  /** The operation's input from the arguments, sources already turned into files. */
  input(args: Args): Args
  resource?: McpResource
}

const bindingsOf = (action: Action): readonly McpTool[] =>
  isAbsent(action.mcp) ? [] : Array.isArray(action.mcp) ? (action.mcp as readonly McpTool[]) : [action.mcp as McpTool]

const isSourceSchema = (schema: z.ZodType) => schema === uploadSource || (schema instanceof z.ZodArray && schema.element === uploadSource)

/**
 * The arguments of a tool that takes the operation's input as it is: what `version` reads of it (a field a later
 * version's change adds is not there yet), required where the REST endpoint requires it (search's `q`).
 */
function argumentsOf(action: Action, input: z.ZodObject, version: string): Record<string, z.ZodType> {
  const notYet = queryOf((action.changes ?? []).filter((change) => change.version > version)) ?? {}
  const required = new Set(isAbsent(action.rest) ? [] : (action.rest.required ?? []))
  const shape: Record<string, z.ZodType> = {}
  for (const [name, schema] of Object.entries(input.shape as Record<string, z.ZodType>)) {
    if (name in notYet) continue
    shape[name] = required.has(name) && (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) ? (schema.unwrap() as z.ZodType) : schema
  }
  return shape
}

function definition(action: Action, binding: McpTool, version: string): McpToolDefinition {
  const { scope, input } = action.operation
  if (!(input instanceof z.ZodObject)) throw new Error(`[raster-mock] ${action.name}: an MCP tool needs an object input schema.`)
  const organizationArgument = scope === 'organization' || scope === 'library' ? 'organizationId' : undefined
  const libraryArgument = scope === 'library' ? (binding.libraryArgument ?? 'libraryId') : undefined
  const scopeShape: Record<string, z.ZodType> = {}
  if (organizationArgument) scopeShape[organizationArgument] = z.string().describe("The organization's id.")
  if (libraryArgument) scopeShape[libraryArgument] = z.string().describe("The library's id.")
  const own: Readonly<Record<string, z.ZodType>> = binding.arguments ?? argumentsOf(action, input, version)
  const scopeNames = Object.keys(scopeShape)
  const map = binding.input ?? ((args: Args) => args)
  return {
    name: binding.tool,
    description: binding.description ?? action.summary,
    action,
    inputSchema: z.object({ ...scopeShape, ...own }),
    anonymous: scope === 'anonymous',
    organizationArgument,
    libraryArgument,
    sourceArguments: Object.keys(own).filter((name) => isSourceSchema(own[name]!)),
    input(args) {
      const rest = { ...args }
      for (const name of scopeNames) delete rest[name]
      return map(rest)
    },
    resource: binding.resource,
  }
}

const byVersion = new Map<string, readonly McpToolDefinition[]>()

/**
 * The tools of `version`, in the order of the API's actions: every action with an MCP binding that the version
 * has (`since`), each binding a tool.
 *
 * @example
 * mcpTools('2026-05-20').map((tool) => tool.name) // ['list_assets', 'get_asset', …]
 */
export function mcpTools(version: string, api: ApiDefinition = rasterApi): readonly McpToolDefinition[] {
  const known = api === rasterApi ? byVersion.get(version) : undefined
  if (known) return known
  const tools = api.actions
    .filter((action) => action.since === undefined || action.since <= version)
    .flatMap((action) => bindingsOf(action).map((binding) => definition(action, binding, version)))
  if (api === rasterApi) byVersion.set(version, tools)
  return tools
}
