import { buildSchema, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql'
import { fieldName, type Action, type GraphQLBinding } from '../src/actions/define.js'
import { rasterApi } from '../src/actions/index.js'
import { changesUpTo, errorIn } from '../src/actions/versions.js'
import { RasterError } from '../src/contract/errors.js'
import { answersSince } from '../src/contract/versions.js'
import type * as Api from '../src/contract/schemas.js'
import type { Env } from '../src/domain/context.js'
import { perform } from '../src/domain/operation.js'
import { presentSizes } from '../src/domain/present.js'
import { graphqlFieldsOf, rasterSdlOf } from './graphql-sdl.js'

/** What every resolver gets: the world of this request and its Authorization header, read the way REST reads it. */
export interface GraphQLContext {
  env: Env
  authorization: string | null
}

type Args = Record<string, unknown>
type Resolver = GraphQLFieldResolver<any, GraphQLContext, Args>

/**
 * What a root field does with its arguments. Root fields read neither a parent value nor graphql-js's info, so
 * the shortcut in graphql-plan.ts calls them as graphql-js does.
 */
type RootResolver = (args: Args, context: GraphQLContext) => unknown

/**
 * A root field's resolver, from its binding alone: it runs the action's operation through the same pipeline as
 * REST, ids from the arguments where REST reads them from the path, the input from the arguments the operation's
 * input names (or the binding's own mapping) where REST reads the body. A null argument counts as not given,
 * so the operation applies its defaults and names missing fields.
 */
function rootResolver({ operation, changes }: Action, binding: GraphQLBinding): RootResolver {
  const names = Object.keys((operation.input as { shape?: object }).shape ?? {})
  const inputOf = binding.input ?? ((args: Args) => Object.fromEntries(names.map((name) => [name, args[name]])))
  return (args, context) => {
    const libraryId = binding.libraryId ? binding.libraryId(args) : args.libraryId
    const input = inputOf(args)
    const performed = perform(context.env, operation, {
      authorization: context.authorization,
      organizationId: args.organizationId as string | undefined,
      libraryId: libraryId as string | undefined,
      input: () => Object.fromEntries(Object.entries(input).filter(([, value]) => value != null)),
    })
    // GraphQL has its own shapes (the schema of its version), but reports errors as REST does in that version.
    const due = changesUpTo(changes, context.env.apiVersion)
    return due.length === 0 ? performed : performed.catch((error: unknown) => Promise.reject(error instanceof RasterError ? errorIn(due, error) : error))
  }
}

const rootFields = (type: GraphQLBinding['type']): Record<string, RootResolver> =>
  Object.fromEntries(
    graphqlFieldsOf(rasterApi)
      .filter(({ binding }) => binding.type === type)
      .map(({ action, binding }) => [fieldName(binding), rootResolver(action, binding)]),
  )

export const queryFields = rootFields('query')
const mutationFields = rootFields('mutation')

/** The stored record of a presented asset, for the fields only GraphQL shows. */
const recordOf = (asset: { id: string }, env: Env) => env.world.asset(asset.id)

/** `sizes` is GraphQL-only, so it is presented from the asset's record here rather than in every REST object. */
const sizes: Resolver = (asset: { id: string }, _, { env }) => {
  const record = recordOf(asset, env)
  return record ? presentSizes(env, record) : null
}

/** An uploaded asset is processing until its thumbnails exist, and the presented asset has a null thumbUrl until then. */
const processing = (asset: Api.Asset) => asset.thumbUrl === null

const Photo: Record<string, Resolver> = {
  sizes,
  createdAt: (photo: Api.Asset) => photo.created,
  updatedAt: (photo: Api.Asset) => photo.updated,
  metadata: (photo: Api.Asset, _, { env }) => JSON.stringify(recordOf(photo, env)?.metadata ?? {}),
}

const UploadedAsset: Record<string, Resolver> = {
  sizes,
  filename: (asset: Api.Asset) => asset.name,
  status: (asset: Api.Asset) => (processing(asset) ? 'processing' : 'ready'),
  progress: (asset: Api.Asset) => (processing(asset) ? 0 : 100),
}

/** `organizations` is only in the answer of a token granted every organization. */
const Viewer: Record<string, Resolver> = {
  organizations: (viewer: { organizations?: Api.Me[] }) => viewer.organizations ?? null,
}

/** The root fields as graphql-js calls them. */
function asResolvers(fields: Record<string, RootResolver>): Record<string, Resolver> {
  const asResolver = (resolve: RootResolver): Resolver => (_, args, context) => resolve(args, context)
  return Object.fromEntries(Object.entries(fields).map(([name, resolve]) => [name, asResolver(resolve)]))
}

/** 2026-07-08's `approval`, read from the asset's record. */
const approval: Resolver = (asset: { id: string }, _, { env }) => recordOf(asset, env)?.approval ?? null

/** The resolvers of the fields only 2026-07-08's schema has. */
const resolvers20260708: Record<string, Record<string, Resolver>> = {
  Asset: { approval },
  SearchHit: { approval },
  Photo: { approval },
  UploadedAsset: { approval },
}

const resolvers: Record<string, Record<string, Resolver>> = {
  Query: asResolvers(queryFields),
  Mutation: asResolvers(mutationFields),
  Asset: { sizes },
  SearchHit: { sizes },
  Photo,
  UploadedAsset,
  Viewer,
  AssetView: { sizes, metadata: (view: Api.AssetView) => JSON.stringify(view.metadata) },
}

/** Sets the resolvers on the SDL's fields; a resolver without a field, or a root field without a resolver, is a bug caught at load. */
function withResolvers(schema: GraphQLSchema, version: string): GraphQLSchema {
  const all = answersSince(version, '2026-07-08') ? mergeResolvers(resolvers, resolvers20260708) : resolvers
  for (const [typeName, fields] of Object.entries(all)) {
    const type = schema.getType(typeName)
    if (!isObjectType(type)) throw new Error(`[raster-mock] The SDL has no type ${typeName}.`)
    for (const [name, field] of Object.entries(type.getFields())) {
      const resolve = fields[name]
      if (resolve) field.resolve = resolve
      else if (typeName === 'Query' || typeName === 'Mutation') throw new Error(`[raster-mock] No resolver for ${typeName}.${name}.`)
    }
    const unknown = Object.keys(fields).find((name) => !type.getFields()[name])
    if (unknown) throw new Error(`[raster-mock] The SDL has no field ${typeName}.${unknown}.`)
  }
  return schema
}

function mergeResolvers(...sets: Record<string, Record<string, Resolver>>[]): Record<string, Record<string, Resolver>> {
  const merged: Record<string, Record<string, Resolver>> = {}
  for (const set of sets) for (const [type, fields] of Object.entries(set)) merged[type] = { ...merged[type], ...fields }
  return merged
}

const schemas = new Map<string, GraphQLSchema>()

/**
 * The executable schema when `version` is the mock's current version, built on first use and shared by every
 * mock: it holds no state, the world comes with each request's context.
 */
export function rasterSchemaOf(version: string): GraphQLSchema {
  let schema = schemas.get(version)
  if (!schema) schemas.set(version, (schema = withResolvers(buildSchema(rasterSdlOf(version)), version)))
  return schema
}

/** The executable schema of Api-Version 2026-05-20. */
export const rasterSchema = rasterSchemaOf(rasterApi.versions[0])
