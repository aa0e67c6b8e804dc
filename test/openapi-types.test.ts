import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'
import { afterAll, expect, it } from 'vitest'
import { openApiDocument } from '../handlers/openapi.js'

/**
 * What Raster's clients do with the document: openapi-typescript turns the
 * published `openapi.json` into types (Raster's CLI has its `openapi.d.ts` from
 * Raster's document that way), and code written against the named types must
 * compile: a small typed example written from the contract, the types
 * `raster-mock` exports (they must agree with the generated ones), and the
 * README's typed examples with `raster-mock`'s types taken from the generated
 * file. One in-process TypeScript program, so it stays fast.
 */
const root = new URL('../', import.meta.url).pathname
const cache = join(root, 'node_modules/.cache')
mkdirSync(cache, { recursive: true })
// Inside the repository, so that `vitest` in the README examples resolves from its node_modules.
const work = mkdtempSync(join(cache, 'openapi-types-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** The ```ts blocks of the README and docs/ that use the API's types: `import type { … } from 'raster-mock'`. */
const documents = ['README.md', ...readdirSync(join(root, 'docs')).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`)]
const readmeExamples = documents
  .flatMap((document) => [...readFileSync(join(root, document), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)])
  .map((match) => match[1]!)
  .filter((code) => /^import type \{[^}]*\} from 'raster-mock'$/m.test(code))

const contractExample = `
import type { components, paths } from './openapi'
import type * as Exported from '${root}src/contract/schemas.js'

type Schemas = components['schemas']
/** The success body of an operation. */
type Body<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [status in S]: { content: { 'application/json': infer B } } }
} ? B : never

const cdn = 'https://cdn.raster.app/monogram-labs/barcelona'
// Every field of docs/rest.md's "Objects", with its type; an object literal also refuses fields the contract does not list.
export const asset: Schemas['Asset'] = {
  id: 'a1', name: 'sunset.jpg', libraryId: 'barcelona', width: 4000, height: 3000, blurhash: 'LEHV6nWB2yk8pyo0adR*.7kCMdnj',
  url: cdn + '/a1.jpg', thumbUrl: null, thumbHighUrl: null, thumbUrlBlurred: null,
  views: [{
    id: 'v1', parentId: 'a1', width: 1080, height: 1920, name: 'story.jpg', url: cdn + '/v1.jpg', thumbUrl: cdn + '/v1-thumb.jpg',
    type: 'variant', metadata: { basedOnId: 'a1', created: 1767225600000, name: 'story.jpg', url: null },
  }],
  type: 'main', description: '', tags: ['beach'], contentType: 'image/jpeg', size: 11520158,
  created: 1767225600000, updated: 1767225600000, uploadedBy: { name: 'API' },
}
export const hits: Schemas['SearchResult'] = {
  hits: [{ ...asset, score: 3 }, { ...asset, highlights: { name: '<mark>sunset</mark>.jpg' }, score: 3 }],
  found: 2,
  page: 1,
}
export const library: Schemas['Library'] = {
  id: 'barcelona', name: 'Barcelona', assetsCount: 48, photosCount: 48, trashCount: 2, tags: [{ id: 'beach', count: 3, type: 'user' }],
}
export const failure: Schemas['Error'] = { error: { code: 'LIBRARY_LOCKED', message: 'x' } }
// @ts-expect-error an asset's type is "main"
export const variantType: Schemas['Asset']['type'] = 'variant'
// @ts-expect-error not a code of the catalogue
export const unknownCode: Schemas['Error']['error']['code'] = 'NOT_A_CODE'
// @ts-expect-error a library's tags are Tag objects
export const tagNames: Schemas['Library']['tags'] = ['beach']

// Operations answer the named types.
export const list: Body<'/organizations/{organizationId}/libraries/{libraryId}/assets', 'get'> = { data: [asset] }
export const one: Body<'/organizations/{organizationId}/libraries/{libraryId}/assets/{assetId}', 'get'> = { data: asset }
export const found: Body<'/organizations/{organizationId}/search/assets', 'get'> = { data: hits }
export const libraries: Body<'/organizations/{organizationId}/libraries', 'get'> = { data: [library] }
// @ts-expect-error an asset list holds assets
export const notAssets: Body<'/organizations/{organizationId}/libraries/{libraryId}/assets', 'get'> = { data: [{ id: 'a1' }] }

// What raster-mock exports is what the document says.
type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
// The exported envelope holds every version's codes; the 2026-05-20 document only its own (#33.6b).
type Within<A, B> = [A] extends [B] ? true : false
export const agreement: [
  Agree<Exported.Asset, Schemas['Asset']>,
  Agree<Exported.AssetView, Schemas['AssetView']>,
  Agree<Exported.AssetViewMetadata, Schemas['AssetViewMetadata']>,
  Agree<Exported.Uploader, Schemas['Uploader']>,
  Agree<Exported.Library, Schemas['Library']>,
  Agree<Exported.Tag, Schemas['Tag']>,
  Agree<Exported.SearchHit, Schemas['SearchHit']>,
  Agree<Exported.SearchHitHighlights, Schemas['SearchHitHighlights']>,
  Agree<Exported.SearchResult, Schemas['SearchResult']>,
  Within<Schemas['Error'], Exported.ErrorEnvelope>,
  Agree<Exported.DataEnvelope<Exported.Me>, Body<'/me', 'get'>>,
  Agree<Exported.DataEnvelope<Exported.AnonymousLibrary>, Body<'/libraries', 'post'>>,
] = [true, true, true, true, true, true, true, true, true, true, true, true]
`

/**
 * Call sites as Raster's CLI writes them against its generated types (#33.6a): openapi-fetch style, the query
 * typed from the document, `tags` and `libraries` one comma-separated string, `q` of search required.
 */
const cliCalls = `
import type { paths } from './openapi'
type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? Q : never
declare function get<P extends keyof paths>(path: P, init: { params: { path: Record<string, string>; query: Query<P> } }): Promise<unknown>

const library = { organizationId: 'monogram-labs', libraryId: 'barcelona' }
export const listed = get('/organizations/{organizationId}/libraries/{libraryId}/assets', { params: { path: library, query: { tags: 'beach,city', page: 1, pageSize: 50 } } })
export const found = get('/organizations/{organizationId}/search/assets', {
  params: { path: { organizationId: 'monogram-labs' }, query: { q: 'beach', libraries: 'barcelona,tokyo', page: 1, pageSize: 20 } },
})
export const recent = get('/organizations/{organizationId}/search/assets', { params: { path: { organizationId: 'monogram-labs' }, query: { q: '' } } })
// @ts-expect-error q is required by Raster's document
export const withoutQ: Query<'/organizations/{organizationId}/search/assets'> = { libraries: 'barcelona' }
// @ts-expect-error tags is one comma-separated string, not an array
export const tagsArray: Query<'/organizations/{organizationId}/libraries/{libraryId}/assets'> = { tags: ['beach'] }
// @ts-expect-error libraries is one comma-separated string, not an array
export const librariesArray: Query<'/organizations/{organizationId}/search/assets'> = { q: 'x', libraries: ['barcelona'] }
`

/** `raster-mock` for the README examples: its API types from the generated file. */
const generatedPackage = `
import type { components, paths } from './openapi'
type Schemas = components['schemas']
export type Asset = Schemas['Asset']
export type AssetView = Schemas['AssetView']
export type AssetViewMetadata = Schemas['AssetViewMetadata']
export type Uploader = Schemas['Uploader']
export type Library = Schemas['Library']
export type Tag = Schemas['Tag']
export type SearchHit = Schemas['SearchHit']
export type SearchHitHighlights = Schemas['SearchHitHighlights']
export type SearchResult = Schemas['SearchResult']
export type ErrorEnvelope = Schemas['Error']
export type Me = paths['/me']['get']['responses'][200]['content']['application/json']['data']
export type AnonymousLibrary = paths['/libraries']['post']['responses'][200]['content']['application/json']['data']
export interface DataEnvelope<T> { data: T }
`

it('generates named types with openapi-typescript that typed code compiles against', async () => {
  expect(readmeExamples.length).toBeGreaterThanOrEqual(2)
  // The document as `npm run build` writes it to dist/openapi.json.
  const published = JSON.parse(JSON.stringify(openApiDocument()))
  writeFileSync(join(work, 'openapi.d.ts'), astToString(await openapiTS(published)))
  writeFileSync(join(work, 'raster-mock.ts'), generatedPackage)
  // The README examples' runtime values are checked against the real package by `npm run test:package`.
  writeFileSync(join(work, 'raster-mock-node.d.ts'), 'export declare const setupRasterServer: any\n')
  writeFileSync(join(work, 'contract.ts'), contractExample)
  writeFileSync(join(work, 'cli-calls.ts'), cliCalls)
  readmeExamples.forEach((code, i) => writeFileSync(join(work, `readme-${i + 1}.ts`), code))

  const files = ['contract.ts', 'cli-calls.ts', ...readmeExamples.map((_, i) => `readme-${i + 1}.ts`)].map((file) => join(work, file))
  const program = ts.createProgram(files, {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    skipLibCheck: true,
    noEmit: true,
    paths: { 'raster-mock': [join(work, 'raster-mock.ts')], 'raster-mock/node': [join(work, 'raster-mock-node.d.ts')] },
  })
  const errors = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${diagnostic.file.fileName.slice(work.length + 1)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start!).line + 1}` : ''
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`
  })
  expect(errors).toEqual([])
}, 60_000)
