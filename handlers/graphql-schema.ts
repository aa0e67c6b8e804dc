import { buildSchema, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql'
import { badInput, messages } from '../src/contract/errors.js'
import type * as Api from '../src/contract/schemas.js'
import { rasterSdl } from '../src/contract/sdl.js'
import * as account from '../src/domain/account.js'
import * as assets from '../src/domain/assets.js'
import type { Env } from '../src/domain/context.js'
import * as libraries from '../src/domain/libraries.js'
import { perform, type Operation, type Scope } from '../src/domain/operation.js'
import { presentSizes } from '../src/domain/present.js'
import { searchAssets } from '../src/domain/search.js'
import { uploadAssets } from '../src/domain/upload.js'

/** What every resolver gets: the world of this request and its Authorization header, read the way REST reads it. */
export interface GraphQLContext {
  env: Env
  authorization: string | null
}

type Args = Record<string, unknown>
type Resolver = GraphQLFieldResolver<any, GraphQLContext, Args>

/** The deprecated `photos` query pages by 500, whatever the client asks (contract §3). */
export const PHOTOS_PAGE_SIZE = 500

/**
 * `assets`, `libraries` and `searchAssets` count pages from 1 as REST does, and take 0 for the first page too
 * (Raster's React toolkit sends `libraries(page: 0)`); a negative page stays invalid and the domain says so.
 */
const domainPage = (page: unknown) => (page === 0 ? 1 : page)

/** The deprecated `photos` counts from 0, as Raster's docs and toolkit ask it. */
const photosPage = (page: unknown) => (typeof page === 'number' ? page + 1 : undefined)

/**
 * Runs a domain operation for a resolver, through the same pipeline as REST:
 * ids come from the arguments where REST reads them from the path, the input
 * from the arguments where REST reads the body. A null argument counts as not
 * given, so the domain applies its defaults and names missing fields.
 */
function run<S extends Scope, Input, Output>(
  operation: Operation<S, any, Input, Output>,
  args: Args,
  context: GraphQLContext,
  input: Args = {},
): Promise<Output> {
  return perform(context.env, operation, {
    authorization: context.authorization,
    organizationId: args.organizationId as string | undefined,
    libraryId: args.libraryId as string | undefined,
    input: () => Object.fromEntries(Object.entries(input).filter(([, value]) => value != null)),
  })
}

/**
 * What a root field does with its arguments. Root fields read neither a parent value nor graphql-js's info, so
 * the shortcut in graphql-plan.ts calls them as graphql-js does.
 */
type RootResolver = (args: Args, context: GraphQLContext) => unknown

export const queryFields: Record<string, RootResolver> = {
  assets: (args, context) =>
    run(assets.listAssets, args, context, { page: domainPage(args.page), pageSize: args.pageSize, tags: args.tags }),
  asset: (args, context) => run(assets.getAsset, args, context, { assetId: args.assetId }),
  searchAssets(args, context) {
    const { q, libraries, pageSize } = args
    return run(searchAssets, args, context, { q, libraries, pageSize, page: domainPage(args.page) })
  },
  libraries: (args, context) =>
    run(libraries.listLibraries, args, context, { page: domainPage(args.page), pageSize: args.pageSize }),
  tags: (args, context) => run(libraries.listTags, args, context, { limit: args.limit }),
  viewer: (args, context) => run(account.me, args, context),
  photos: (args, context) =>
    run(assets.listAssets, args, context, { page: photosPage(args.page), pageSize: PHOTOS_PAGE_SIZE }),
}

const mutationFields: Record<string, RootResolver> = {
  uploadAssets: (args, context) => run(uploadAssets, args, context, { files: args.files, parentId: args.parentId }),
  deleteAssets: (args, context) => run(assets.deleteAssets, args, context, { ids: args.assets }),
  tagAssets: (args, context) => run(assets.tagAssets, args, context, { assetIds: args.assetIds, tags: args.tags }),
  untagAssets: (args, context) => run(assets.untagAssets, args, context, { assetIds: args.assetIds, tags: args.tags }),
  updateAssetDescription: (args, context) =>
    run(assets.updateAssetDescription, args, context, { assetId: args.assetId, description: args.description }),
  transferAssets(args, context) {
    // Raster names the source sourceLibraryId; the mock's first spelling, libraryId, still works (deprecated).
    const libraryId = args.sourceLibraryId ?? args.libraryId
    if (libraryId == null) throw badInput(messages.graphqlSourceLibraryMissing)
    const input = { targetLibraryId: args.targetLibraryId, assetIds: args.assetIds }
    return run(assets.transferAssets, { ...args, libraryId }, context, input)
  },
  createLibrary: (args, context) => run(libraries.createLibrary, args, context, { name: args.name, slug: args.slug }),
  renameLibrary: (args, context) => run(libraries.renameLibrary, args, context, { name: args.name }),
}

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

/** The root fields as graphql-js calls them. */
function asResolvers(fields: Record<string, RootResolver>): Record<string, Resolver> {
  const asResolver = (resolve: RootResolver): Resolver => (_, args, context) => resolve(args, context)
  return Object.fromEntries(Object.entries(fields).map(([name, resolve]) => [name, asResolver(resolve)]))
}

const resolvers: Record<string, Record<string, Resolver>> = {
  Query: asResolvers(queryFields),
  Mutation: asResolvers(mutationFields),
  Asset: { sizes },
  SearchHit: { sizes },
  Photo,
  UploadedAsset,
  AssetView: { sizes, metadata: (view: Api.AssetView) => JSON.stringify(view.metadata) },
}

/** Sets the resolvers on the SDL's fields; a resolver without a field, or a root field without a resolver, is a bug caught at load. */
function withResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName)
    if (!isObjectType(type)) throw new Error(`[raster-mock] The SDL has no type ${typeName}.`)
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      const resolve = fields[fieldName]
      if (resolve) field.resolve = resolve
      else if (typeName === 'Query' || typeName === 'Mutation') throw new Error(`[raster-mock] No resolver for ${typeName}.${fieldName}.`)
    }
    const unknown = Object.keys(fields).find((fieldName) => !type.getFields()[fieldName])
    if (unknown) throw new Error(`[raster-mock] The SDL has no field ${typeName}.${unknown}.`)
  }
  return schema
}

/** The executable schema, shared by every mock: it holds no state, the world comes with each request's context. */
export const rasterSchema = withResolvers(buildSchema(rasterSdl))
