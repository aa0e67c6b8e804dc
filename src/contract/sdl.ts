import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '../config.js'

/**
 * The GraphQL schema of the Raster API (contract §3), as SDL. A string constant
 * rather than a .graphql file so the browser build needs no loader; the root
 * `schema.graphql` is generated from it (`npm run schema`) and a test keeps the two equal.
 *
 * Id argument types follow what real clients declare: `photos` and `libraries`
 * take `String!` (Raster's React toolkit), everything else `ID!`.
 */

const pageArguments = `
    "Page number, counting from 1 as in REST; 0 is accepted as the first page too."
    page: Int
    "Items per page: ${PAGE_SIZE_DEFAULT} by default, at most ${PAGE_SIZE_MAX}."
    pageSize: Int`

/** The fields an Asset and a SearchHit share; SearchHit adds its highlights and score. */
const assetFields = `
  id: ID!
  name: String!
  libraryId: ID!
  "null while the upload is processing."
  width: Int
  "null while the upload is processing."
  height: Int
  "null while the upload is processing."
  blurhash: String
  url: String!
  "null while the upload is processing."
  thumbUrl: String
  "null while the upload is processing."
  thumbHighUrl: String
  "null while the upload is processing."
  thumbUrlBlurred: String
  "A JSON object mapping widths to image URLs, e.g. {\\"400\\":\\"https://…\\"}; null while the upload is processing."
  sizes: String
  "The asset's variants."
  views: [AssetView!]!
  "Always \\"main\\"."
  type: String!
  description: String!
  tags: [String!]!
  contentType: String!
  "Bytes."
  size: Int!
  "Unix milliseconds."
  created: Float!
  "Unix milliseconds."
  updated: Float!
  uploadedBy: UploadedBy!`

/** Every argument of transferAssets but the source library, which has two spellings. */
const transferArguments = 'organizationId: ID!, targetLibraryId: ID!, assetIds: [ID!]!'

const libraryArguments = 'organizationId: ID!, libraryId: ID!'

export const rasterSdl = `"""
The Raster API (version 2026-05-20) as raster-mock emulates it. Every failure is an entry of
\`errors\` with \`extensions.code\` and \`extensions.http.status\`, and \`data\` is null.
"""
schema {
  query: Query
  mutation: Mutation
}

"A file of a multipart request (GraphQL multipart request spec)."
scalar Upload

type Query {
  "The assets of a library, newest first."
  assets(${libraryArguments},${pageArguments}
    "At most 5; an asset with any of them matches."
    tags: [String!]
  ): [Asset!]!
  asset(${libraryArguments}, assetId: ID!): Asset!
  "Every term of q must match an asset's name, description or tags; an empty q lists the most recent assets."
  searchAssets(organizationId: ID!, q: String, "Default: every library the key can read." libraries: [ID!],${pageArguments}
  ): SearchResult!
  "The libraries of the organization the key can reach, in creation order."
  libraries(organizationId: String!,${pageArguments}
  ): [Library!]!
  "The tags of a library, most used first."
  tags(${libraryArguments}, limit: Int): [Tag!]!
  "The key's organization and the libraries it reaches."
  viewer: Viewer!
  photos(organizationId: String!, libraryId: String!, "Page number, counting from 0; ${PAGE_SIZE_MAX} photos per page." page: Int): [Photo!]!
    @deprecated(reason: "Use assets.")
}

type Mutation {
  "Up to 20 image files, all or nothing. With parentId (one file) the file becomes a variant and the parent is returned."
  uploadAssets(${libraryArguments}, files: [Upload!]!, parentId: ID,
    "Accepted for Raster's signature; the mock sends no mail."
    email: String
  ): UploadResult!
  "Moves up to 100 assets to trash; unknown and already trashed ids are skipped."
  deleteAssets(${libraryArguments}, assets: [ID!]!): DeleteResult!
  tagAssets(${libraryArguments}, assetIds: [ID!]!, tags: [String!]!): TagResult!
  untagAssets(${libraryArguments}, assetIds: [ID!]!, tags: [String!]!): UntagResult!
  "An empty description clears it."
  updateAssetDescription(${libraryArguments}, assetId: ID!, description: String!): DescriptionResult!
  "Moves assets to another library of the same organization; the key needs Write on both. sourceLibraryId is required (libraryId, deprecated, is still read)."
  transferAssets(${transferArguments}, sourceLibraryId: ID,
    libraryId: ID @deprecated(reason: "Use sourceLibraryId.")
  ): TransferResult!
  "The key is granted Write on the new library."
  createLibrary(organizationId: ID!, name: String!, slug: String): Library!
  renameLibrary(${libraryArguments}, name: String!): Library!
}

type Asset {${assetFields}
}

"An asset as the deprecated photos query returns it."
type Photo {${assetFields}
  "The same as created."
  createdAt: Float!
  "The same as updated."
  updatedAt: Float!
  "A JSON object of the asset's metadata; {} when it has none."
  metadata: String!
}

"An asset as an upload returns it."
type UploadedAsset {${assetFields}
  "The name of the uploaded file."
  filename: String!
  "\\"processing\\" until the thumbnails exist, then \\"ready\\"."
  status: String!
  "0 while processing, 100 when ready."
  progress: Int!
}

"A variant of an asset."
type AssetView {
  id: ID!
  parentId: ID!
  width: Int!
  height: Int!
  name: String!
  url: String!
  thumbUrl: String!
  "A JSON object mapping widths to image URLs; null while the upload is processing."
  sizes: String
  "Always \\"variant\\"."
  type: String!
  "A JSON object of string values."
  metadata: String!
}

type UploadedBy {
  name: String!
}

type Library {
  id: ID!
  name: String!
  assetsCount: Int!
  "The same as assetsCount."
  photosCount: Int!
  trashCount: Int!
  tags: [Tag!]!
}

type Tag {
  "Without the leading * Raster stores on generated tags."
  id: String!
  count: Int!
  type: TagType!
}

enum TagType {
  "Added by people."
  user
  "Generated by Raster."
  ai
}

type SearchResult {
  hits: [SearchHit!]!
  found: Int!
  "The resolved 1-based page: 1 when asked for page 0 or 1."
  page: Int!
}

type SearchHit {${assetFields}
  "null when neither the name nor a tag matched."
  highlights: Highlights
  score: Float!
}

"The asset's name and matching tags, with each match wrapped in <mark>."
type Highlights {
  "null when the name did not match."
  name: String
  "null when no tag matched."
  tags: [String!]
}

type Viewer {
  organizationId: ID!
  organizationName: String!
  plan: Plan!
  "The ids of the libraries the key reaches."
  libraries: [ID!]!
}

enum Plan {
  free
  pro
}

type UploadResult {
  responseText: String!
  assets: [UploadedAsset!]!
}

type DeleteResult {
  success: Boolean!
  message: String!
  ids: [ID!]!
}

type TagResult {
  taggedCount: Int!
}

type UntagResult {
  untaggedCount: Int!
}

type DescriptionResult {
  assetId: ID!
  description: String!
}

type TransferResult {
  transferredCount: Int!
  sourceLibraryId: ID!
  targetLibraryId: ID!
}
`
