import { Client, cacheExchange, fetchExchange, gql } from '@urql/core'
import { describe, expect, it } from 'vitest'
import { useMockServer } from './support/client.js'

/** A real GraphQL client running the queries Raster's React toolkit sends (docs/graphql.md, "Operations"), as the toolkit sends them. */
const { mock } = useMockServer()

const client = (key: string) =>
  new Client({
    url: `${mock.runtime.baseUrl}/`,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: { headers: { Authorization: `Bearer ${key}` } },
    requestPolicy: 'network-only',
  })

const photosQuery = gql`
  query Query($organizationId: String!, $libraryId: String!, $page: Int) {
    photos(organizationId: $organizationId, libraryId: $libraryId, page: $page) {
      id blurhash thumbUrl thumbUrlBlurred url name height width description
      views { id parentId name url thumbUrl height width }
    }
  }
`
const librariesQuery = gql`
  query Query($organizationId: String!) {
    libraries(organizationId: $organizationId) { id name photosCount }
  }
`

describe('urql running the React toolkit’s queries', () => {
  it('gets the photos of a library, with the extra pageSize the toolkit sends', async () => {
    const result = await client('pk_monogram_write')
      .query(photosQuery, { organizationId: 'monogram-labs', libraryId: 'barcelona', page: 0, pageSize: 50 })
      .toPromise()
    expect(result.error).toBeUndefined()
    const photos = result.data.photos
    expect(photos).toHaveLength(48)
    expect(Object.keys(photos[0]).sort()).toEqual(
      ['__typename', 'blurhash', 'description', 'height', 'id', 'name', 'thumbUrl', 'thumbUrlBlurred', 'url', 'views', 'width'].sort(),
    )
    const withViews = photos.find((photo: any) => photo.views.length)
    expect(withViews.views[0]).toMatchObject({ parentId: withViews.id, __typename: 'AssetView' })
    expect((await fetch(photos[0].thumbUrl)).ok).toBe(true)
  })

  it('gets the libraries with their photo counts', async () => {
    const result = await client('pk_monogram_write').query(librariesQuery, { organizationId: 'monogram-labs' }).toPromise()
    expect(result.data.libraries).toEqual([
      { __typename: 'Library', id: 'barcelona', name: 'Barcelona', photosCount: 48 },
      { __typename: 'Library', id: 'tokyo', name: 'Tokyo', photosCount: 24 },
      { __typename: 'Library', id: 'lisbon', name: 'Lisbon', photosCount: 0 },
    ])
  })

  it('pages as the toolkit does: libraries(page: 0) is the first page, photos page 0 then page 1', async () => {
    const paged = gql`
      query Query($organizationId: String!, $page: Int) {
        libraries(organizationId: $organizationId, page: $page) { id }
      }
    `
    const libraries = await client('pk_monogram_write').query(paged, { organizationId: 'monogram-labs', page: 0 }).toPromise()
    expect(libraries.data.libraries.map((library: { id: string }) => library.id)).toEqual(['barcelona', 'tokyo', 'lisbon'])
    const page = (number: number) =>
      client('pk_monogram_write').query(photosQuery, { organizationId: 'monogram-labs', libraryId: 'barcelona', page: number }).toPromise()
    expect((await page(0)).data.photos).toHaveLength(48)
    expect((await page(1)).data.photos).toEqual([])
  })

  it('sees a catalogue error as a GraphQL error with its code', async () => {
    const result = await client('pk_monogram_tokyo')
      .query(photosQuery, { organizationId: 'monogram-labs', libraryId: 'barcelona', page: 0 })
      .toPromise()
    expect(result.data).toBeNull()
    expect(result.error?.response.status).toBe(404)
    expect(result.error?.graphQLErrors.map((error) => [error.message, error.extensions.code])).toEqual([
      ['API key not authorized for this library.', 'API_KEY_NOT_AUTHORIZED_FOR_LIBRARY'],
    ])
  })
})
