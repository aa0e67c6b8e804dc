import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../handlers/openapi.js'
import { routes } from '../handlers/rest.js'
import { expectDocumented } from './support/openapi.js'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

describe('the OpenAPI document', () => {
  const document = openApiDocument()

  it('is OpenAPI 3.1 with every REST route', () => {
    expect(document.openapi).toBe('3.1.0')
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`))
    // 2026-05-20's routes: all but the two 2026-07-08 added (approval and promote).
    const routesOf20260520 = routes.filter((r) => !/\/(approval|promote)$/.test(r.path))
    expect(routesOf20260520).toHaveLength(routes.length - 2)
    expect(operations.sort()).toEqual(routesOf20260520.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`).sort())
  })

  it('documents integer paging with its bounds, straight from the operations', () => {
    const list = document.paths['/organizations/{organizationId}/libraries/{libraryId}/assets']!.get as { parameters: Array<{ name: string; schema: object }> }
    expect(list.parameters.find((p) => p.name === 'pageSize')!.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500, default: 50 })
  })

  it('names the API objects as Raster\'s own document does', () => {
    expect(Object.keys(document.components.schemas).sort()).toEqual(
      ['Asset', 'AssetView', 'AssetViewMetadata', 'Error', 'Library', 'SearchHit', 'SearchHitHighlights', 'SearchResult', 'Tag', 'Uploader'],
    )
    const property = (name: string, field: string) => (document.components.schemas[name] as { properties: Record<string, unknown> }).properties[field]
    expect(property('Asset', 'views')).toEqual({ type: 'array', items: ref('AssetView') })
    // Nullable for older assets, as Raster's document declares it (#33.6c).
    expect(property('Asset', 'uploadedBy')).toEqual({ anyOf: [ref('Uploader'), { type: 'null' }] })
    expect(property('AssetView', 'metadata')).toEqual(ref('AssetViewMetadata'))
    expect(property('Library', 'tags')).toEqual({ type: 'array', items: ref('Tag') })
    expect(property('SearchHit', 'highlights')).toEqual(ref('SearchHitHighlights'))
    expect(property('SearchResult', 'hits')).toEqual({ type: 'array', items: ref('SearchHit') })
    expect(JSON.stringify(document)).not.toContain('$defs')
  })

  it('refers to the named objects from every operation that answers them', () => {
    const data = (method: string, path: string, status = '200') => {
      const operation = document.paths[path]![method] as { responses: Record<string, { content: Record<string, { schema: { properties: { data: unknown } } }> }> }
      return operation.responses[status]!.content['application/json']!.schema.properties.data
    }
    const org = '/organizations/{organizationId}'
    const lib = `${org}/libraries/{libraryId}`
    expect(data('get', `${org}/libraries`)).toEqual({ type: 'array', items: ref('Library') })
    expect(data('post', `${org}/libraries`, '201')).toEqual(ref('Library'))
    expect(data('patch', lib)).toEqual(ref('Library'))
    expect(data('get', `${lib}/assets`)).toEqual({ type: 'array', items: ref('Asset') })
    expect(data('get', `${lib}/assets/{assetId}`)).toEqual(ref('Asset'))
    expect(data('get', `${org}/search/assets`)).toEqual(ref('SearchResult'))
    expect(data('get', `${lib}/tags`)).toEqual({ type: 'array', items: ref('Tag') })
    expect(data('post', `${lib}/assets`)).toMatchObject({ properties: { assets: { type: 'array', items: ref('Asset') } } })
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries((operation as { responses: Record<string, { content: object }> }).responses)) {
          if (Number(status) >= 400) expect(response.content, `${method} ${path} ${status}`).toEqual({ 'application/json': { schema: ref('Error') } })
        }
      }
    }
  })

  it('rejects a response that is not the documented shape', () => {
    expect(() => expectDocumented('GET', '/me', 200, { data: { organizationId: 'x' } })).toThrow()
    expect(() => expectDocumented('GET', '/me', 404, { error: { code: 'NOPE', message: 'x' } })).toThrow()
    expect(() => expectDocumented('GET', '/me', 200, { data: { organizationId: 'x', organizationName: 'X', plan: 'pro', libraries: [] } })).not.toThrow()
    // through the $ref to components.schemas.Asset
    expect(() => expectDocumented('GET', '/organizations/acme/libraries/acme-1/assets', 200, { data: [{ id: 'x' }] })).toThrow()
    expect(() => expectDocumented('GET', '/organizations/acme/libraries/acme-1/assets', 200, { data: [] })).not.toThrow()
  })
})
