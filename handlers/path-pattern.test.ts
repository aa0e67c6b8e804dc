import { describe, expect, it } from 'vitest'
import { compilePath, pathBelow, urlPattern } from './path-pattern.js'

describe('compilePath', () => {
  const assets = compilePath('/organizations/:organizationId/libraries/:libraryId/assets')

  it('gives the parameters of a matching path', () => {
    expect(assets('/organizations/acme/libraries/acme-1/assets')).toEqual({ organizationId: 'acme', libraryId: 'acme-1' })
  })

  it('matches as msw does: case-insensitive, with or without a trailing slash', () => {
    expect(assets('/ORGANIZATIONS/acme/Libraries/acme-1/ASSETS/')).toEqual({ organizationId: 'acme', libraryId: 'acme-1' })
  })

  it('URI-decodes parameters, and keeps one that does not decode as it came', () => {
    expect(assets('/organizations/a%20b/libraries/caf%C3%A9/assets')).toEqual({ organizationId: 'a b', libraryId: 'café' })
    expect(assets('/organizations/%E0%A4%A/libraries/x/assets')).toEqual({ organizationId: '%E0%A4%A', libraryId: 'x' })
  })

  it('matches the whole path: no segment more, none less, none empty', () => {
    expect(assets('/organizations/acme/libraries/acme-1/assets/tag')).toBeUndefined()
    expect(assets('/organizations/acme/libraries/assets')).toBeUndefined()
    expect(assets('/organizations//libraries/acme-1/assets')).toBeUndefined()
    expect(assets('/x/organizations/acme/libraries/acme-1/assets')).toBeUndefined()
  })

  it('gives an empty object for a pattern without parameters', () => {
    expect(compilePath('/me')('/me')).toEqual({})
    expect(compilePath('/me')('/you')).toBeUndefined()
  })

  it('takes the literal segments literally, RegExp characters included', () => {
    const dotted = compilePath('/a.b/:x')
    expect(dotted('/a.b/1')).toEqual({ x: '1' })
    expect(dotted('/aXb/1')).toBeUndefined()
  })
})

describe('urlPattern', () => {
  const belowApi = urlPattern('https://api.raster.app', '/.')

  it('matches URLs under the base that the tail allows, case-insensitively', () => {
    expect(belowApi.test('https://api.raster.app/me')).toBe(true)
    expect(belowApi.test('HTTPS://API.RASTER.APP/me')).toBe(true)
    expect(belowApi.test('https://api.raster.app/')).toBe(false)
  })

  it('takes the base literally', () => {
    expect(belowApi.test('https://apiXraster.app/me')).toBe(false)
    expect(belowApi.test('https://evil.example/https://api.raster.app/me')).toBe(false)
  })
})

describe('pathBelow', () => {
  it('is the path under the base, without the query', () => {
    const request = new Request('https://cdn.raster.app/cdn/g/12/400x300/abc.jpg?size=1#top')
    expect(pathBelow(request, 'https://cdn.raster.app/cdn')).toBe('/g/12/400x300/abc.jpg')
    expect(pathBelow(request, 'https://cdn.raster.app')).toBe('/cdn/g/12/400x300/abc.jpg')
  })
})
