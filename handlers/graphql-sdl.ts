import { isAbsent, type GraphQLBinding } from '../src/actions/define.js'
import { rasterApi, type ApiDefinition } from '../src/actions/index.js'
import { objectTypesSdlOf } from '../src/contract/sdl.js'

/** The GraphQL bindings of an API's actions, in the order the actions are listed, each with its action. */
export function graphqlFieldsOf(api: ApiDefinition) {
  return api.actions.flatMap((action) => (isAbsent(action.graphql) ? [] : action.graphql.map((binding) => ({ action, binding }))))
}

const fieldSdl = ({ sdl, deprecated }: GraphQLBinding) => (deprecated ? `  ${sdl}\n    @deprecated(reason: ${JSON.stringify(deprecated)})` : `  ${sdl}`)

/** A root type's fields in the order of their actions, deprecated ones last. */
function rootType(name: string, bindings: GraphQLBinding[]): string {
  const ordered = [...bindings.filter((binding) => !binding.deprecated), ...bindings.filter((binding) => binding.deprecated)]
  return `type ${name} {\n${ordered.map(fieldSdl).join('\n')}\n}`
}

/**
 * The GraphQL schema of an API as SDL, as it is when `version` is the mock's current version (GraphQL follows it):
 * its root fields from the action definitions, its object types from the contract. The root `schema.graphql`
 * (2026-05-20) and `schema-2026-07-08.graphql` are generated from it (`npm run schema`) and a test keeps them equal.
 */
export function sdlOf(api: ApiDefinition, version: string = api.versions[0]): string {
  const bindings = graphqlFieldsOf(api).map(({ binding }) => binding)
  return `"""
The Raster API (version ${version}) as raster-mock emulates it. Every failure is an entry of
\`errors\` with \`extensions.code\` and \`extensions.http.status\`, and \`data\` is null.
"""
schema {
  query: Query
  mutation: Mutation
}

"A file of a multipart request (GraphQL multipart request spec)."
scalar Upload

${rootType('Query', bindings.filter((binding) => binding.type === 'query'))}

${rootType('Mutation', bindings.filter((binding) => binding.type === 'mutation'))}

${objectTypesSdlOf(version)}`
}

/**
 * The GraphQL schema of the Raster API (version 2026-05-20), as SDL.
 *
 * @example
 * import { buildSchema } from 'graphql'
 * import { rasterSdl } from 'raster-mock'
 * const schema = buildSchema(rasterSdl) // for codegen, or a client's own checks
 */
export const rasterSdl = sdlOf(rasterApi)

/**
 * The GraphQL schema of the Raster API when `version` is the mock's current version, as SDL.
 *
 * @example
 * const sdl = rasterSdlOf('2026-07-08') // no thumbUrl; assets carry approval
 */
export function rasterSdlOf(version: string): string {
  return version === rasterApi.versions[0] ? rasterSdl : sdlOf(rasterApi, version)
}
