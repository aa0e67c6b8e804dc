import {
  buildSchema,
  getNamedType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql'
import { fieldName, isAbsent } from '../actions/define.js'
import { rasterApi } from '../actions/index.js'
import { rasterSdl } from '../../handlers/graphql-sdl.js'
import type { ProbeRequest } from './exchange.js'

/** What discovery found on one side (from `/me`): the ids its probes use. */
export interface Context {
  organizationId: string
  /** A library the key reaches, with assets. */
  libraryId: string
  assetId: string
  /** A tag in use in that library. */
  tag: string
}

/** The API surfaces a probe can exercise. MCP has none until the mock serves MCP. */
export type Surface = 'rest' | 'graphql' | 'openapi' | 'mcp'

/** One request of the suite, sent to both sides with each side's own ids, and how its answers are compared. */
export interface Probe {
  /** Stable: findings and baselines name it. */
  id: string
  surface: Surface
  request(context: Context): ProbeRequest
}

/** Ids no API holds, for the probes of what is missing. */
export const missing = { organization: 'raster-mock-verify-missing', library: 'raster-mock-verify-missing', asset: 'rmVerifyMiss0', path: 'raster-mock-verify-missing' }

const organization = (c: Context) => `/organizations/${c.organizationId}`
const library = (c: Context) => `${organization(c)}/libraries/${c.libraryId}`

/** A REST path pattern with the context's ids in place of its parameters. */
const fill = (path: string, c: Context) =>
  path.replace(/:(\w+)/g, (_, name: string) => String({ organizationId: c.organizationId, libraryId: c.libraryId, assetId: c.assetId }[name] ?? `:${name}`))

/** The value each query parameter of a read endpoint is probed with. */
const queryValue: Record<string, (c: Context) => string> = { tags: (c) => c.tag, q: (c) => c.tag, libraries: (c) => c.libraryId, limit: () => '3' }

/**
 * The REST reads, from the action definitions: every read endpoint as it is, its second page of one item where it
 * pages, and each of its other query parameters (the tag filter, the search, the library filter, the limit).
 */
export function restProbes(): Probe[] {
  return rasterApi.actions.flatMap((action) => {
    if (isAbsent(action.rest) || action.rest.method !== 'get') return []
    const { path, query = {} } = action.rest
    const probe = (suffix: string, queryOf: (c: Context) => Record<string, string>): Probe => ({
      id: `rest:${action.name}${suffix}`,
      surface: 'rest',
      request: (c) => ({ method: 'GET', path: fill(path, c), query: queryOf(c) }),
    })
    const others = Object.keys(query).filter((name) => name !== 'page' && name !== 'pageSize' && queryValue[name])
    return [
      probe('', () => ({})),
      ...('pageSize' in query ? [probe(':page-2', () => ({ page: '2', pageSize: '1' }))] : []),
      ...others.map((name) => probe(`:${name}`, (c) => ({ [name]: queryValue[name]!(c) }))),
    ]
  })
}

const get = (id: string, request: (c: Context) => Omit<ProbeRequest, 'method'>): Probe => ({ id, surface: 'rest', request: (c) => ({ method: 'GET', ...request(c) }) })

/** The error probes that need no write: each asks for one failure a client must handle. */
export function errorProbes(): Probe[] {
  return [
    get('error:no-authorization', (c) => ({ path: `${library(c)}/assets`, auth: 'none' })),
    get('error:wrong-key', (c) => ({ path: `${library(c)}/assets`, auth: 'wrong' })),
    get('error:no-api-version', (c) => ({ path: `${organization(c)}/libraries`, apiVersion: false })),
    get('error:unknown-organization', () => ({ path: `/organizations/${missing.organization}/libraries` })),
    get('error:unknown-library', (c) => ({ path: `${organization(c)}/libraries/${missing.library}/assets` })),
    get('error:unknown-asset', (c) => ({ path: `${library(c)}/assets/${missing.asset}` })),
    get('error:unknown-path', (c) => ({ path: `${organization(c)}/${missing.path}` })),
    get('error:too-many-tags', (c) => ({ path: `${library(c)}/assets`, query: { tags: 'a,b,c,d,e,f' } })),
    get('error:bad-page-size', (c) => ({ path: `${library(c)}/assets`, query: { pageSize: '0' } })),
    get('error:search-unreachable-library', (c) => ({ path: `${organization(c)}/search/assets`, query: { libraries: missing.library } })),
  ]
}

/** The extra path the unknown-path probe reads: the guard allows it and no other unknown path. */
export const unknownPath = (c: Context) => `${organization(c)}/${missing.path}`

/** How deep a GraphQL selection goes: Asset → views → metadata. */
const MAX_DEPTH = 3

/** Which fields a probe selects, by path from the root field (`assets.views.id`): default every one. */
export type Selectable = (path: string) => boolean
const everyField: Selectable = () => true

/**
 * Every field of `type` at `path` a client can select without arguments, scalars and objects alike, to `depth`
 * levels, that `selectable` keeps.
 */
function selectionOf(type: GraphQLObjectType, path: string, depth: number, selectable: Selectable): string {
  const fields = Object.values(type.getFields()).filter((field) => !field.args.some((arg) => isNonNullType(arg.type)) && selectable(`${path}.${field.name}`))
  const parts = fields.flatMap((field) => {
    const named = getNamedType(field.type)
    if (!isObjectType(named)) return [field.name]
    return depth > 1 ? [`${field.name} ${selectionOf(named, `${path}.${field.name}`, depth - 1, selectable)}`] : []
  })
  return `{ ${parts.join(' ')} }`
}

/** The value of each GraphQL argument a probe passes, by name. */
const argumentValue: Record<string, (c: Context) => unknown> = {
  organizationId: (c) => c.organizationId,
  libraryId: (c) => c.libraryId,
  assetId: (c) => c.assetId,
  q: (c) => c.tag,
}

/** A query document for one root field, its arguments as variables of their declared types. */
function queryDocument(field: GraphQLField<unknown, unknown>, values: Record<string, unknown>, selectable: Selectable): { query: string; variables: Record<string, unknown> } {
  const args = field.args.filter((arg) => arg.name in values)
  const declared = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ')
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')
  const named = getNamedType(field.type)
  const selection = isObjectType(named) ? ` ${selectionOf(named, field.name, MAX_DEPTH, selectable)}` : ''
  return {
    query: `query RasterMockVerify${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`,
    variables: Object.fromEntries(args.map((arg) => [arg.name, values[arg.name]])),
  }
}

const graphql = (id: string, document: (c: Context) => { query: string; variables: Record<string, unknown> }): Probe => ({
  id,
  surface: 'graphql',
  request: (c) => ({ method: 'POST', path: '/', apiVersion: false, json: document(c) }),
})

/** The mock's GraphQL schema, built once. */
let mockSchema: GraphQLSchema | undefined

/**
 * Every GraphQL query of the mock's schema with every field it can select, and one query that fails. With
 * `selectable` (the fields the real schema has too), a query selects only those, and one whose root field the
 * real schema lacks is left out: the schema comparison reports it.
 */
export function graphqlProbes(selectable: Selectable = everyField): Probe[] {
  const query = (mockSchema ??= buildSchema(rasterSdl)).getQueryType()!
  const fields = rasterApi.actions.flatMap((action) => (isAbsent(action.graphql) ? [] : action.graphql.filter((binding) => binding.type === 'query').map(fieldName)))
  const valuesOf = (c: Context) => Object.fromEntries(Object.entries(argumentValue).map(([name, value]) => [name, value(c)]))
  const assets = query.getFields().assets!
  return [
    ...fields.filter((name) => selectable(name)).map((name) => graphql(`graphql:${name}`, (c) => queryDocument(query.getFields()[name]!, valuesOf(c), selectable))),
    graphql('graphql:error-unknown-library', (c) => queryDocument(assets, { ...valuesOf(c), libraryId: missing.library }, selectable)),
  ]
}

/** The keyless OpenAPI document. */
export const openApiProbe: Probe = { id: 'openapi:document', surface: 'openapi', request: () => ({ method: 'GET', path: '/openapi.json', auth: 'none', apiVersion: false }) }

/**
 * The read-only suite, one list of probes per surface (GraphQL's selecting what `selectable` keeps). MCP's probes (`tools/list`, the read tools, an error) come
 * with the mock's MCP server; the list is here so they join the run, the guard and the report like the others.
 */
export function readSuite(selectable?: Selectable): Record<Surface, Probe[]> {
  return { rest: [...restProbes(), ...errorProbes()], graphql: graphqlProbes(selectable), openapi: [openApiProbe], mcp: [] }
}
