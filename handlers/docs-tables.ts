import { buildSchema } from 'graphql'
import { z } from 'zod'
import { fieldName, isAbsent, type Action, type RestBinding } from '../src/actions/define.js'
import type { ApiDefinition } from '../src/actions/index.js'
import { apiObjects } from '../src/contract/schemas.js'
import { sdlOf } from './graphql-sdl.js'

/**
 * The endpoint tables of docs/rest.md and docs/graphql.md, generated from the action definitions between
 * `<!-- name:start -->` and `<!-- name:end -->` markers (src/util/generated-block.ts): `npm run docs` rewrites them,
 * a test fails when stale.
 */

const cell = (text: string) => text.replaceAll('|', '\\|')
const libraryPrefix = /^\/organizations\/:organizationId\/libraries\/:libraryId/
const organizationPrefix = /^\/organizations\/:organizationId/
const shortPath = (path: string) => path.replace(libraryPrefix, ':lib').replace(organizationPrefix, ':org')

/** The grant the key needs, from the operation's scope and access. */
function grant({ operation }: Action): string {
  if (operation.scope === 'anonymous') return 'none (anonymous)'
  if (operation.scope === 'key') return 'any valid key'
  if (operation.scope === 'organization') return operation.access === 'write' ? 'Write on some library' : 'Read'
  return operation.access === 'write' ? 'Write' : 'Read'
}

const shapeOf = (action: Action) => (action.operation.input as z.ZodObject).shape as Record<string, z.ZodType>

/** What the endpoint reads, from its binding and the operation's input schema. */
function restInput(action: Action, rest: RestBinding): string {
  const shape = shapeOf(action)
  const pathNames = new Set([...rest.path.matchAll(/:(\w+)/g)].map((match) => match[1]))
  const named = (name: string) => `\`${name}\``
  const field = (name: string) => `${name}${shape[name]?.safeParse(undefined).success ? '?' : ''}`
  if (rest.method === 'get') {
    const names = Object.entries(rest.query ?? {}).map(([name, kind]) => `${named(name)}${kind === 'list' ? ' (comma-separated or repeated)' : ''}`)
    return names.join(', ') || '—'
  }
  if (typeof rest.body === 'object') {
    return `multipart: ${Object.entries(rest.body.multipart).map(([name, kind]) => (kind === 'files' ? `repeated \`${name}\`` : `\`${field(name)}\``)).join(', ')}`
  }
  const fields = Object.keys(shape).filter((name) => !pathNames.has(name))
  return `JSON \`{${fields.map(field).join(', ')}}\``
}

/** The success `data`: the named API object, or the object's fields. */
function resultShape(schema: z.ZodType): string {
  const name = apiObjects.get(schema)?.id
  if (name) return `\`${name}\``
  if (schema instanceof z.ZodArray) return `${resultShape(schema.element as z.ZodType)}[]`.replace('`[]', '[]`')
  if (schema instanceof z.ZodObject) return `\`{${Object.keys(schema.shape).join(', ')}}\``
  return '—'
}

/** docs/rest.md's endpoint table. */
export function restTable(api: ApiDefinition): string {
  const rows = api.actions.flatMap((action) => {
    if (isAbsent(action.rest)) return []
    const { method, path, status } = action.rest
    const success = `${status ? `${status}, ` : ''}${resultShape(action.operation.output as z.ZodType)}: ${cell(action.summary)}`
    return [`| ${method.toUpperCase()} | \`${shortPath(path)}\` | ${grant(action)} | ${cell(restInput(action, action.rest))} | ${success} |`]
  })
  return ['| method | path | grant | input | success `data` |', '|---|---|---|---|---|', ...rows].join('\n')
}

/** docs/graphql.md's operations table: each root field, its arguments (from the schema) and its REST twin. */
export function graphqlTable(api: ApiDefinition): string {
  const schema = buildSchema(sdlOf(api))
  const rows = api.actions.flatMap((action) => {
    if (isAbsent(action.graphql)) return []
    const rest = isAbsent(action.rest) ? '—' : `\`${action.rest.method.toUpperCase()} ${shortPath(action.rest.path)}\``
    return action.graphql.map((binding) => {
      const name = fieldName(binding)
      const root = binding.type === 'query' ? schema.getQueryType()! : schema.getMutationType()!
      const args = root.getFields()[name]!.args.map((arg) => `\`${arg.name}\`${arg.deprecationReason ? ' (deprecated)' : ''}`)
      return `| ${binding.type} \`${name}\`${binding.deprecated ? ' (deprecated)' : ''} | ${args.join(', ') || '—'} | ${rest} | \`${action.name}\` |`
    })
  })
  return ['| field | arguments | REST | action |', '|---|---|---|---|', ...rows].join('\n')
}

/** docs/rest.md's list of versions, each with what its changes do to which action. */
export function versionList(api: ApiDefinition): string {
  const [first, ...later] = api.versions
  const changes = api.actions.flatMap((action) => (action.changes ?? []).map((change) => ({ action: action.name, change })))
  const items = later.map((version) => {
    const own = changes.filter(({ change }) => change.version === version)
    return [`- \`${version}\`${own.length ? ':' : ': no action changed.'}`, ...own.map(({ action, change }) => `  - \`${action}\`: ${change.description}`)].join('\n')
  })
  return [`- \`${first}\`: the first version the mock serves; each later one is listed with its changes.`, ...items].join('\n')
}

/** The docs pages with generated tables, each with its tables. */
export const generatedDocs = (api: ApiDefinition) => ({
  'docs/rest.md': { endpoints: restTable(api), versions: versionList(api) },
  'docs/graphql.md': { operations: graphqlTable(api) },
})
