import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../handlers/openapi.js'
import { routes } from '../handlers/rest.js'
import { expectDocumented } from './support/openapi.js'

describe('the OpenAPI document', () => {
  const document = openApiDocument()

  it('is OpenAPI 3.1 with every REST route', () => {
    expect(document.openapi).toBe('3.1.0')
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`))
    expect(operations.sort()).toEqual(routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`).sort())
  })

  it('documents integer paging with its bounds, straight from the operations', () => {
    const list = document.paths['/organizations/{organizationId}/libraries/{libraryId}/assets']!.get as { parameters: Array<{ name: string; schema: object }> }
    expect(list.parameters.find((p) => p.name === 'pageSize')!.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500, default: 50 })
  })

  it('rejects a response that is not the documented shape', () => {
    expect(() => expectDocumented('GET', '/me', 200, { data: { organizationId: 'x' } })).toThrow()
    expect(() => expectDocumented('GET', '/me', 404, { error: { code: 'NOPE', message: 'x' } })).toThrow()
    expect(() => expectDocumented('GET', '/me', 200, { data: { organizationId: 'x', organizationName: 'X', plan: 'pro', libraries: [] } })).not.toThrow()
  })
})
