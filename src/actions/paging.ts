import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '../config.js'

/** The paging query parameters of a REST list. */
export const pageQuery = { page: 'number', pageSize: 'number' } as const

/** The paging arguments of a GraphQL list, as its SDL declares them. */
export const pageArguments = `
    "Page number, counting from 1 as in REST; 0 is accepted as the first page too."
    page: Int
    "Items per page: ${PAGE_SIZE_DEFAULT} by default, at most ${PAGE_SIZE_MAX}."
    pageSize: Int`

/**
 * GraphQL lists count pages from 1 as REST does, and take 0 for the first page too (Raster's React toolkit
 * sends `libraries(page: 0)`); a negative page stays invalid and the operation says so.
 */
export const graphqlPage = (page: unknown) => (page === 0 ? 1 : page)

/** The arguments naming a library, as every library-scoped GraphQL field declares them. */
export const libraryArguments = 'organizationId: ID!, libraryId: ID!'
