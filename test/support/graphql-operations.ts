import { tinyPng, type Call } from './client.js'
import { assetFields, asRest, libraryFields, type GraphQLCall } from './graphql.js'

/** Who calls, on what: the ids a REST path carries and a GraphQL request passes as arguments. */
export interface Target {
  organizationId: string
  libraryId: string
  key: string | null
}

/** One API action, called through both APIs with the same meaning. */
export interface OperationPair {
  field: string
  /** What the action checks before its input: the key only, the organization too, or a library too. */
  reaches: 'key' | 'organization' | 'library'
  access: 'read' | 'write'
  graphql(target: Target): GraphQLCall
  rest(target: Target): Call
}

/** Seeded ids of the fixture world: `withView` has a variant, `plain` has none. */
export const ids = { withView: 'sQffp4yrIvxK', plain: '6E1Ilh0iq3G4' }

const png = () => new File([tinyPng], 'photo.png', { type: 'image/png' })
const libraryPath = (t: Target) => `/organizations/${t.organizationId}/libraries/${t.libraryId}`
const libraryVars = (t: Target) => ({ o: t.organizationId, l: t.libraryId })

function uploadBody(): FormData {
  const form = new FormData()
  form.append('files', png())
  return form
}

export const operations: OperationPair[] = [
  {
    field: 'assets',
    reaches: 'library',
    access: 'read',
    graphql: (t) => ({
      key: t.key,
      query: `query($o: ID!, $l: ID!) { assets(organizationId: $o, libraryId: $l, page: 1, pageSize: 5, tags: ["beach", "night"]) { ${assetFields} } }`,
      variables: libraryVars(t),
    }),
    rest: (t) => ({ key: t.key, path: `${libraryPath(t)}/assets?page=1&pageSize=5&tags=beach,night` }),
  },
  {
    field: 'asset',
    reaches: 'library',
    access: 'read',
    graphql: (t) => ({
      key: t.key,
      query: `query($o: ID!, $l: ID!, $a: ID!) { asset(organizationId: $o, libraryId: $l, assetId: $a) { ${assetFields} } }`,
      variables: { ...libraryVars(t), a: ids.withView },
    }),
    rest: (t) => ({ key: t.key, path: `${libraryPath(t)}/assets/${ids.withView}` }),
  },
  {
    field: 'searchAssets',
    reaches: 'library',
    access: 'read',
    graphql: (t) => ({
      key: t.key,
      query: `query($o: ID!, $l: ID!) { searchAssets(organizationId: $o, q: "night", libraries: [$l], page: 0, pageSize: 3) {
        hits { ${assetFields} highlights { name tags } score } found page } }`,
      variables: libraryVars(t),
    }),
    rest: (t) => ({ key: t.key, path: `/organizations/${t.organizationId}/search/assets?q=night&libraries=${t.libraryId}&page=1&pageSize=3` }),
  },
  {
    field: 'libraries',
    reaches: 'organization',
    access: 'read',
    graphql: (t) => ({
      key: t.key,
      query: `query Query($organizationId: String!) { libraries(organizationId: $organizationId, page: 0, pageSize: 2) { ${libraryFields} } }`,
      variables: { organizationId: t.organizationId },
    }),
    rest: (t) => ({ key: t.key, path: `/organizations/${t.organizationId}/libraries?page=1&pageSize=2` }),
  },
  {
    field: 'tags',
    reaches: 'library',
    access: 'read',
    graphql: (t) => ({
      key: t.key,
      query: 'query($o: ID!, $l: ID!) { tags(organizationId: $o, libraryId: $l, limit: 5) { id count type } }',
      variables: libraryVars(t),
    }),
    rest: (t) => ({ key: t.key, path: `${libraryPath(t)}/tags?limit=5` }),
  },
  {
    field: 'viewer',
    reaches: 'key',
    access: 'read',
    graphql: (t) => ({ key: t.key, query: '{ viewer { organizationId organizationName plan libraries } }' }),
    rest: (t) => ({ key: t.key, path: '/me' }),
  },
  {
    field: 'photos',
    reaches: 'library',
    access: 'read',
    graphql: (t) => ({
      key: t.key,
      query: `query Query($organizationId: String!, $libraryId: String!) { photos(organizationId: $organizationId, libraryId: $libraryId, page: 0) { ${assetFields} } }`,
      variables: { organizationId: t.organizationId, libraryId: t.libraryId },
    }),
    rest: (t) => ({ key: t.key, path: `${libraryPath(t)}/assets?page=1&pageSize=500` }),
  },
  {
    field: 'uploadAssets',
    reaches: 'library',
    access: 'write',
    graphql: (t) => ({
      key: t.key,
      query: `mutation($o: ID!, $l: ID!, $files: [Upload!]!) { uploadAssets(organizationId: $o, libraryId: $l, files: $files) {
        responseText assets { ${assetFields} } } }`,
      variables: libraryVars(t),
      files: [png()],
    }),
    rest: (t) => ({ key: t.key, method: 'POST', path: `${libraryPath(t)}/assets`, body: uploadBody() }),
  },
  {
    field: 'deleteAssets',
    reaches: 'library',
    access: 'write',
    graphql: (t) => ({
      key: t.key,
      query: 'mutation($o: ID!, $l: ID!) { deleteAssets(organizationId: $o, libraryId: $l, assets: ["6E1Ilh0iq3G4", "nope"]) { success message ids } }',
      variables: libraryVars(t),
    }),
    rest: (t) => ({ key: t.key, method: 'DELETE', path: `${libraryPath(t)}/assets`, json: { ids: [ids.plain, 'nope'] } }),
  },
  {
    field: 'tagAssets',
    reaches: 'library',
    access: 'write',
    graphql: (t) => ({
      key: t.key,
      query: 'mutation($o: ID!, $l: ID!) { tagAssets(organizationId: $o, libraryId: $l, assetIds: ["6E1Ilh0iq3G4"], tags: ["launch", "beach"]) { taggedCount } }',
      variables: libraryVars(t),
    }),
    rest: (t) => ({ key: t.key, method: 'POST', path: `${libraryPath(t)}/assets/tag`, json: { assetIds: [ids.plain], tags: ['launch', 'beach'] } }),
  },
  {
    field: 'untagAssets',
    reaches: 'library',
    access: 'write',
    graphql: (t) => ({
      key: t.key,
      query: 'mutation($o: ID!, $l: ID!) { untagAssets(organizationId: $o, libraryId: $l, assetIds: ["6E1Ilh0iq3G4"], tags: ["beach"]) { untaggedCount } }',
      variables: libraryVars(t),
    }),
    rest: (t) => ({ key: t.key, method: 'POST', path: `${libraryPath(t)}/assets/untag`, json: { assetIds: [ids.plain], tags: ['beach'] } }),
  },
  {
    field: 'updateAssetDescription',
    reaches: 'library',
    access: 'write',
    graphql: (t) => ({
      key: t.key,
      query: 'mutation($o: ID!, $l: ID!) { updateAssetDescription(organizationId: $o, libraryId: $l, assetId: "sQffp4yrIvxK", description: "Hello") { assetId description } }',
      variables: libraryVars(t),
    }),
    rest: (t) => ({ key: t.key, method: 'PATCH', path: `${libraryPath(t)}/assets/${ids.withView}/description`, json: { description: 'Hello' } }),
  },
  {
    field: 'transferAssets',
    reaches: 'library',
    access: 'write',
    graphql: (t) => ({
      key: t.key,
      query: 'mutation($o: ID!, $l: ID!) { transferAssets(organizationId: $o, sourceLibraryId: $l, targetLibraryId: "tokyo", assetIds: ["6E1Ilh0iq3G4"]) { transferredCount sourceLibraryId targetLibraryId } }',
      variables: libraryVars(t),
    }),
    rest: (t) => ({ key: t.key, method: 'POST', path: `${libraryPath(t)}/assets/transfer`, json: { targetLibraryId: 'tokyo', assetIds: [ids.plain] } }),
  },
  {
    field: 'createLibrary',
    reaches: 'organization',
    access: 'write',
    graphql: (t) => ({
      key: t.key,
      query: `mutation($o: ID!) { createLibrary(organizationId: $o, name: "Porto", slug: "porto") { ${libraryFields} } }`,
      variables: { o: t.organizationId },
    }),
    rest: (t) => ({ key: t.key, method: 'POST', path: `/organizations/${t.organizationId}/libraries`, json: { name: 'Porto', slug: 'porto' } }),
  },
  {
    field: 'renameLibrary',
    reaches: 'library',
    access: 'write',
    graphql: (t) => ({
      key: t.key,
      query: `mutation($o: ID!, $l: ID!) { renameLibrary(organizationId: $o, libraryId: $l, name: "BCN") { ${libraryFields} } }`,
      variables: libraryVars(t),
    }),
    rest: (t) => ({ key: t.key, method: 'PATCH', path: libraryPath(t), json: { name: 'BCN' } }),
  },
]

export interface AccessCase {
  why: string
  target: Target
  code: 'UNAUTHENTICATED' | 'INVALID_API_KEY' | 'ORGANIZATION_NOT_FOUND' | 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY' | 'LIBRARY_LOCKED'
  /** The checks an operation must reach for this case to apply. */
  needs: OperationPair['reaches']
  /** Only for operations that write. */
  write?: boolean
  headers?: Record<string, string>
}

const primary: Target = { organizationId: 'monogram-labs', libraryId: 'barcelona', key: 'pk_monogram_write' }

/** The failures of steps 3 to 7 of the pipeline, each with a target that reaches it. */
export const accessCases: AccessCase[] = [
  { why: 'no key', needs: 'key', code: 'UNAUTHENTICATED', target: { ...primary, key: null } },
  {
    why: 'a malformed Authorization header',
    needs: 'key',
    code: 'UNAUTHENTICATED',
    target: { ...primary, key: null },
    headers: { Authorization: 'Token pk_monogram_write' },
  },
  { why: 'an unknown key', needs: 'key', code: 'INVALID_API_KEY', target: { ...primary, key: 'pk_unknown' } },
  { why: 'an unknown organization', needs: 'organization', code: 'ORGANIZATION_NOT_FOUND', target: { ...primary, organizationId: 'nope' } },
  { why: "another organization's key", needs: 'organization', code: 'INVALID_API_KEY', target: { ...primary, key: 'pk_acme_write' } },
  { why: 'no grant on the library', needs: 'library', code: 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY', target: { ...primary, key: 'pk_monogram_tokyo' } },
  { why: 'a missing library', needs: 'library', code: 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY', target: { ...primary, libraryId: 'atlantis' } },
  {
    why: 'a Read grant used to write',
    needs: 'library',
    write: true,
    code: 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY',
    target: { ...primary, key: 'pk_monogram_read' },
  },
  { why: 'a locked library', needs: 'library', code: 'LIBRARY_LOCKED', target: { organizationId: 'acme', libraryId: 'acme-4', key: 'pk_acme_write' } },
]

const depth = { key: 0, organization: 1, library: 2 }

/** The access cases an operation can raise. */
export function accessCasesOf(operation: OperationPair): AccessCase[] {
  return accessCases.filter(
    (c) => depth[c.needs] <= depth[operation.reaches] && (!c.write || operation.access === 'write'),
  )
}

export { primary }
