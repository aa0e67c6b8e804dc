import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type IntrospectionQuery,
} from 'graphql'
import { json, type Exchange } from './exchange.js'
import { finding, type Finding } from './findings.js'
import type { Probe } from './suite.js'

/** How deep the schemas are walked from `Query`: as deep as the query probes select. */
export const SCHEMA_DEPTH = 3

/** The introspection query: the real API's schema, to compare with the mock's and to select only what both have. */
export const schemaProbe: Probe = {
  id: 'graphql:schema',
  surface: 'graphql',
  request: () => ({ method: 'POST', path: '/', apiVersion: false, json: { query: getIntrospectionQuery() } }),
}

/** A field's type as a client sees it, object types by their place rather than their name: `[object!]!`, `String`. */
function typeShape(type: GraphQLOutputType): string {
  if (isNonNullType(type)) return `${typeShape(type.ofType)}!`
  if (isListType(type)) return `[${typeShape(type.ofType)}]`
  return isObjectType(type) ? 'object' : type.name
}

/** The query type of an introspection answer, or undefined when it is not one. */
function queryTypeOf(body: unknown): GraphQLObjectType | undefined {
  try {
    return buildClientSchema((body as { data: IntrospectionQuery }).data).getQueryType() ?? undefined
  } catch {
    return undefined
  }
}

/** What comparing the two schemas found, and the field paths (`assets.views.id`) both have. */
export interface SchemaComparison {
  findings: Finding[]
  shared: Set<string>
}

/**
 * Walks both schemas from `Query` in step, field by field (object types matched by where they are, not by name),
 * and names each finding by the mock's type and field:
 * a field only the real schema has is missing from the mock (error), one only the mock's has is invented
 * (warning), a field whose type differs is a type finding, or a nullability one when only `!` differs.
 */
export function compareSchemas(probe: string, realBody: unknown, mockBody: unknown): SchemaComparison {
  const real = queryTypeOf(realBody)
  const mock = queryTypeOf(mockBody)
  const shared = new Set<string>()
  if (!real || !mock) return { findings: [finding(probe, 'unverified', '$', real ? 'a schema' : 'no schema', mock ? 'a schema' : 'no schema')], shared }
  // By the mock's type and field (`Asset.thumbUrl`): a type reached by several paths is reported once.
  const findings = new Map<string, Finding>()
  const report = (found: Finding) => findings.set(found.id, found)
  const walk = (ours: GraphQLObjectType, theirs: GraphQLObjectType, prefix: string, depth: number) => {
    const ourFields = ours.getFields()
    const theirFields = theirs.getFields()
    const at = (name: string) => (prefix ? `${prefix}.${name}` : name)
    for (const name of Object.keys(theirFields)) {
      if (!ourFields[name]) report(finding(probe, 'missing-field', `${ours.name}.${name}`, typeShape(theirFields[name]!.type), 'absent'))
    }
    for (const [name, field] of Object.entries(ourFields) as [string, GraphQLField<unknown, unknown>][]) {
      const other = theirFields[name]
      if (!other) {
        report(finding(probe, 'extra-field', `${ours.name}.${name}`, 'absent', typeShape(field.type)))
        continue
      }
      const [a, b] = [typeShape(other.type), typeShape(field.type)]
      if (a !== b) report(finding(probe, a.replaceAll('!', '') === b.replaceAll('!', '') ? 'nullability' : 'type', `${ours.name}.${name}`, a, b))
      shared.add(at(name))
      const [ourType, theirType] = [getNamedType(field.type), getNamedType(other.type)]
      if (depth > 1 && isObjectType(ourType) && isObjectType(theirType)) walk(ourType, theirType, at(name), depth - 1)
    }
  }
  walk(mock, real, '', SCHEMA_DEPTH + 1)
  return { findings: [...findings.values()], shared }
}

/** The real API answered the introspection query with errors and no schema. */
export function introspectionRefused(exchange: Exchange): boolean {
  const body = json(exchange) as { data?: { __schema?: unknown } | null; errors?: unknown } | undefined
  return Array.isArray(body?.errors) && !body?.data?.__schema
}
