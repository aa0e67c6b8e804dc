import { imageSize } from 'image-size'
import { describe, expect, it } from 'vitest'
import { useMockServer } from './support/client.js'
import { expectData, graphqlClient } from './support/graphql.js'
import { ids } from './support/graphql-operations.js'

/** What GraphQL adds to the shared operations: pages (from 1, photos from 0), photos, sizes, JSON strings, state seen through queries. */
const { mock } = useMockServer()
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)
const data = async (query: string, variables?: Record<string, unknown>) => expectData(await gql({ query, variables }))
const barcelona = 'organizationId: "monogram-labs", libraryId: "barcelona"'
/** The React toolkit's deprecated query (the toolkit also sends an undeclared pageSize). */
const photosQuery = 'query Query($page: Int) { photos(organizationId: "monogram-labs", libraryId: "barcelona", page: $page) { id } }'

describe('queries', () => {
  it('count assets pages from 1 like REST, page 0 being the first page too', async () => {
    const query = 'query($page: Int) { assets(organizationId: "monogram-labs", libraryId: "barcelona", pageSize: 20, page: $page) { id } }'
    const [zero, first, second, third] = await Promise.all([0, 1, 2, 3].map((page) => data(query, { page })))
    expect(zero.assets).toEqual(first.assets)
    expect(first.assets).toHaveLength(20)
    expect(second.assets).toHaveLength(20)
    expect(third.assets).toHaveLength(8)
    expect(new Set([...first.assets, ...second.assets, ...third.assets].map((a: any) => a.id)).size).toBe(48)
  })

  it('count libraries pages from 1, page 0 being the first page too', async () => {
    const query = 'query($page: Int) { libraries(organizationId: "monogram-labs", pageSize: 2, page: $page) { id } }'
    const pages = await Promise.all([0, 1, 2, 3].map(async (page) => (await data(query, { page })).libraries.map((l: any) => l.id)))
    expect(pages).toEqual([['barcelona', 'tokyo'], ['barcelona', 'tokyo'], ['lisbon'], []])
  })

  it('report the 1-based page searchAssets resolved', async () => {
    const query = 'query($page: Int) { searchAssets(organizationId: "monogram-labs", pageSize: 30, page: $page) { page hits { id } } }'
    const [zero, first, second] = await Promise.all([0, 1, 2].map(async (page) => (await data(query, { page })).searchAssets))
    expect([zero.page, first.page, second.page]).toEqual([1, 1, 2])
    expect(zero.hits).toEqual(first.hits)
    expect(first.hits).toHaveLength(30)
    expect(second.hits).toHaveLength(30)
    expect(second.hits).not.toEqual(first.hits)
  })

  it('filter assets by any of their tags', async () => {
    const { assets } = await data(`{ assets(${barcelona}, tags: ["beach"]) { tags } }`)
    expect(assets).toHaveLength(10)
    for (const asset of assets) expect(asset.tags).toContain('beach')
  })

  it('serve photos by 500, over the default page size, ignoring the pageSize the toolkit sends', async () => {
    // 48 + 24 assets: more than the 50 of a default page.
    const tokyo = (await data('{ assets(organizationId: "monogram-labs", libraryId: "tokyo") { id } }')).assets.map((a: any) => a.id)
    await data('mutation($ids: [ID!]!) { transferAssets(organizationId: "monogram-labs", sourceLibraryId: "tokyo", targetLibraryId: "barcelona", assetIds: $ids) { transferredCount } }', { ids: tokyo })
    expect((await data(photosQuery, { page: 0, pageSize: 50 })).photos).toHaveLength(72)
    expect((await data(photosQuery, { page: 1 })).photos).toEqual([])
    expect((await data(`{ assets(${barcelona}) { id } }`)).assets).toHaveLength(50)
  })

  it('give sizes as a JSON string of width → URL, each an image that loads', async () => {
    const { asset } = await data(`{ asset(${barcelona}, assetId: "${ids.withView}") { width height created sizes views { name url width sizes metadata } } }`)
    const sizes = JSON.parse(asset.sizes)
    // The renditions below the original's width, then the original's own.
    expect(Object.keys(sizes)).toEqual(['400', '800', '1200', '1600', String(asset.width)])
    const image = await fetch(sizes['800'])
    // The fixture asset is a JPEG; its 800 px size keeps the aspect ratio.
    expect(image.headers.get('Content-Type')).toBe('image/jpeg')
    expect(imageSize(new Uint8Array(await image.arrayBuffer()))).toMatchObject({ type: 'jpg', width: 800, height: Math.round((800 * asset.height) / asset.width) })
    const viewWidths = [400, 800, 1200, 1600].filter((width) => width < asset.views[0].width)
    expect(Object.keys(JSON.parse(asset.views[0].sizes))).toEqual([...viewWidths, asset.views[0].width].map(String))
    // Raster's AssetViewMetadata: made from this asset, with the view's name and URL.
    const view = asset.views[0]
    // Made after its asset (#33.6f): its created is later than the asset's.
    expect(JSON.parse(view.metadata)).toEqual({ basedOnId: ids.withView, created: expect.any(Number), name: view.name, url: view.url })
    expect(JSON.parse(view.metadata).created).toBeGreaterThan(asset.created)
  })

  it('search by pages from 1, highlighting what matched', async () => {
    const query = 'query($page: Int) { searchAssets(organizationId: "monogram-labs", q: "night", pageSize: 2, page: $page) { found page hits { id highlights { name tags } } } }'
    const first = (await data(query, { page: 1 })).searchAssets
    const second = (await data(query, { page: 2 })).searchAssets
    expect([first.page, second.page]).toEqual([1, 2])
    expect(first.found).toBeGreaterThan(3)
    expect(first.hits[0].id).not.toBe(second.hits[0].id)
    expect(first.hits[0].highlights.tags).toContain('<mark>night</mark>')
  })

  it('list tags by count and the viewer’s organization', async () => {
    const mine = await data(`{ tags(${barcelona}, limit: 2) { id count type } viewer { organizationName plan libraries } }`)
    expect(mine.tags).toEqual([{ id: 'outdoor', count: 14, type: 'ai' }, { id: 'food', count: 11, type: 'user' }])
    expect(mine.viewer).toEqual({ organizationName: 'Monogram Labs', plan: 'pro', libraries: ['barcelona', 'tokyo', 'lisbon'] })
  })
})

describe('mutations change what queries see', () => {
  it('delete, tag, untag, describe, transfer', async () => {
    const run = (mutation: string) => data(`mutation { ${mutation} }`)
    expect(await run(`deleteAssets(${barcelona}, assets: ["${ids.plain}"]) { success message ids }`)).toEqual({
      deleteAssets: { success: true, message: 'Moved 1 asset to trash', ids: [ids.plain] },
    })
    expect((await data(`{ libraries(organizationId: "monogram-labs", pageSize: 1) { assetsCount trashCount } }`)).libraries).toEqual([
      { assetsCount: 47, trashCount: 3 },
    ])
    expect(await run(`tagAssets(${barcelona}, assetIds: ["${ids.withView}"], tags: ["launch"]) { taggedCount }`)).toEqual({ tagAssets: { taggedCount: 1 } })
    expect(await run(`untagAssets(${barcelona}, assetIds: ["${ids.withView}"], tags: ["launch"]) { untaggedCount }`)).toEqual({ untagAssets: { untaggedCount: 1 } })
    expect(await run(`updateAssetDescription(${barcelona}, assetId: "${ids.withView}", description: "Hello") { assetId description }`)).toEqual({
      updateAssetDescription: { assetId: ids.withView, description: 'Hello' },
    })
    expect(await run(`transferAssets(${barcelona}, targetLibraryId: "tokyo", assetIds: ["${ids.withView}"]) { transferredCount sourceLibraryId targetLibraryId }`)).toEqual({
      transferAssets: { transferredCount: 1, sourceLibraryId: 'barcelona', targetLibraryId: 'tokyo' },
    })
    const moved = await data(`{ asset(organizationId: "monogram-labs", libraryId: "tokyo", assetId: "${ids.withView}") { libraryId description tags } }`)
    expect(moved.asset.libraryId).toBe('tokyo')
    expect(moved.asset.description).toBe('Hello')
    expect(moved.asset.tags).not.toContain('launch')
  })

  it('create and rename a library the creating key can then use', async () => {
    expect(await data('mutation { createLibrary(organizationId: "monogram-labs", name: "Porto Trip") { id name photosCount tags { id } } }')).toEqual({
      createLibrary: { id: 'porto-trip', name: 'Porto Trip', photosCount: 0, tags: [] },
    })
    expect(await data('mutation { renameLibrary(organizationId: "monogram-labs", libraryId: "porto-trip", name: "Porto") { id name } }')).toEqual({
      renameLibrary: { id: 'porto-trip', name: 'Porto' },
    })
    expect((await data('{ viewer { libraries } }')).viewer.libraries).toContain('porto-trip')
  })
})
