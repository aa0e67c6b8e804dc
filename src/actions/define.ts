import type { z } from 'zod'
import type { AnyOperation, Operation, Scope } from '../domain/operation.js'
import type { QueryParameter, VersionChange } from './versions.js'

export type { QueryParameter } from './versions.js'

/** How a REST endpoint reads one multipart field: every part of that name (files), or the first one (text). */
export type MultipartField = 'files' | 'text'

/**
 * An action's REST endpoint. The operation's input is the JSON body (or the multipart fields), then the query
 * parameters, then the path's own parameters (`:assetId`); `:organizationId` and `:libraryId` are the scope.
 */
export interface RestBinding {
  method: 'get' | 'post' | 'patch' | 'delete'
  /** Below the API base, with `:name` parameters: `/organizations/:organizationId/libraries`. */
  path: string
  /** The query parameters it reads, and how. */
  query?: Readonly<Record<string, QueryParameter>>
  /**
   * Query parameters Raster's document declares required (the OpenAPI document says so); the mock still reads
   * them like the others, so a request without one is judged by the operation's schema.
   */
  required?: readonly string[]
  /** The body: JSON (the default for every method but GET), or multipart fields with their JSON Schema. */
  body?: 'json' | { multipart: Readonly<Record<string, MultipartField>>; schema: Readonly<Record<string, unknown>> }
  /** The success status. Default 200. */
  status?: number
}

type Args = Record<string, unknown>

/** An action's GraphQL root field. Every argument the operation's input names is passed on as it is. */
export interface GraphQLBinding {
  type: 'query' | 'mutation'
  /** The field as the SDL declares it: its description, name, arguments and result type. */
  sdl: string
  /** Why the field is deprecated, if it is: the schema lists it after the current fields, with this reason. */
  deprecated?: string
  /** The operation's input, where it is not the arguments the input schema names (renamed or defaulted). */
  input?(args: Args): Args
  /** The library the field acts on, where it is not the `libraryId` argument. */
  libraryId?(args: Args): unknown
}

/** A resource template an MCP tool also serves: the default first page of its answer, read-only. */
export interface McpResource {
  /** The template's name in `resources/templates/list`. */
  name: string
  /** `raster://organizations/{orgId}/libraries/{libraryId}/assets`: `orgId` and `libraryId` are the scope. */
  uriTemplate: string
  description: string
}

/**
 * An action's MCP tool (docs/mcp.md). Its arguments are the scope's (`organizationId`, and `libraryId` for a
 * library's actions), then the operation's input fields, unless `arguments` says otherwise.
 */
export interface McpTool {
  tool: string
  /** What the tool does, for the agent. Default: the action's `summary`. */
  description?: string
  /** The tool's arguments beside the scope's, where they are not the operation's input fields (zod schemas). */
  arguments?: Readonly<Record<string, z.ZodType>>
  /** The argument naming the library, where it is not `libraryId` (`transfer_assets` names it `sourceLibraryId`). */
  libraryArgument?: string
  /** The operation's input, where it is not the arguments as they are (renamed, or wrapped). */
  input?(args: Args): Args
  /** The resource template that reads the same action's default first page. */
  resource?: McpResource
}

/** An action's MCP tools: one, or several over the one operation (`upload_asset` and `upload_assets`). */
export type McpBinding = McpTool | readonly McpTool[]

/** Why an action has no binding on a surface: Raster does not serve it there. */
export interface Absent {
  absent: string
}

/**
 * One API action, defined once: the domain operation (its input and result schemas), how each surface reaches
 * it, and how it differs between dated versions. REST routing, the GraphQL schema and resolvers, the OpenAPI
 * document, the exported types and the endpoint tables of docs/rest.md and docs/graphql.md are derived from these definitions.
 */
export interface Action<Op extends AnyOperation = AnyOperation> {
  /** The action's name (`listAssets`): its operationId-like handle in docs, types and the MCP tool list. */
  name: string
  /** What it does, one sentence, for the endpoint tables of docs/rest.md and docs/graphql.md. */
  summary: string
  operation: Op
  rest: RestBinding | Absent
  /** A field per binding: the deprecated `photos` is a second field of `listAssets`. */
  graphql: readonly GraphQLBinding[] | Absent
  mcp?: McpBinding | Absent
  /** The first dated version that has this action; absent: every version. */
  since?: string
  /** The version changes that touch this action, in any order (they apply by their version). */
  changes?: readonly VersionChange[]
}

export type ActionInput<A extends Action> = A['operation'] extends Operation<Scope, infer Schema, any, any> ? z.input<Schema> : never
export type ActionResult<A extends Action> = A['operation'] extends Operation<Scope, z.ZodType, any, infer Output> ? Output : never

/** A GraphQL binding's field name: the SDL's first name after the description. */
export const fieldName = (binding: GraphQLBinding) => /^(?:"(?:[^"\\]|\\.)*"\s*)?(\w+)/.exec(binding.sdl)![1]!

export const isAbsent = (binding: object | undefined): binding is Absent => binding === undefined || 'absent' in binding

/**
 * Defines an action. The definition is plain data checked by its type; the adapters read it.
 *
 * @example
 * export const getAsset = defineAction({
 *   name: 'getAsset',
 *   summary: 'One asset of a library, processing uploads included.',
 *   operation: assets.getAsset,
 *   rest: { method: 'get', path: `${libraryPath}/assets/:assetId` },
 *   graphql: [{ type: 'query', sdl: 'asset(organizationId: ID!, libraryId: ID!, assetId: ID!): Asset!' }],
 * })
 */
export function defineAction<Op extends AnyOperation>(action: Action<Op>): Action<Op> {
  return action
}

/** The REST paths every library-scoped action starts from. */
export const organizationPath = '/organizations/:organizationId'
export const libraryPath = `${organizationPath}/libraries/:libraryId`

/**
 * Whether an action exists in a dated version (its `since`, if any, is that version or an earlier one).
 *
 * @example
 * inVersion(promoteVariant, '2026-05-20') // false: it came with 2026-07-08
 */
export const inVersion = (action: Pick<Action, 'since'>, version: string): boolean => action.since === undefined || action.since <= version
