import { buildSchema, introspectionFromSchema } from 'graphql'
import { describe, expect, it } from 'vitest'
import { compareSchemas } from '../src/verify/schema-diff.js'

/** An introspection answer for `sdl`, as an API sends it. */
const answer = (sdl: string) => ({ data: introspectionFromSchema(buildSchema(sdl)) })

const mock = answer(`
  type Query { asset(id: ID!): Asset!, assets: [Asset!]!, viewer: Viewer }
  type Asset { id: ID!, thumbUrl: String, width: Int, views: [View!]! }
  type View { id: ID!, url: String! }
  type Viewer { plan: String! }`)

describe('the GraphQL schemas', () => {
  it('match when only the names of object types differ', () => {
    const real = answer(`
      type Query { asset(id: ID!): Photo!, assets: [Photo!]!, viewer: Me }
      type Photo { id: ID!, thumbUrl: String, width: Int, views: [Variant!]! }
      type Variant { id: ID!, url: String! }
      type Me { plan: String! }`)
    const { findings, shared } = compareSchemas('s', real, mock)
    expect(findings).toEqual([])
    expect([...shared].sort()).toEqual(
      ['asset', 'asset.id', 'asset.thumbUrl', 'asset.views', 'asset.views.id', 'asset.views.url', 'asset.width', 'assets', 'assets.id', 'assets.thumbUrl', 'assets.views', 'assets.views.id', 'assets.views.url', 'assets.width', 'viewer', 'viewer.plan'],
    )
  })

  it('report each field of a type once, by the mock’s type: missing, invented, of another type, of another nullability', () => {
    const real = answer(`
      type Query { asset(id: ID!): Asset!, assets: [Asset!]!, viewer: Viewer }
      type Asset { id: ID!, width: String, views: [View!]!, blurhash: String }
      type View { id: ID!, url: String }
      type Viewer { plan: String! }`)
    const { findings, shared } = compareSchemas('s', real, mock)
    expect(findings.map(({ kind, path, real, mock, severity }) => ({ kind, path, real, mock, severity }))).toEqual([
      { kind: 'missing-field', path: 'Asset.blurhash', real: 'String', mock: 'absent', severity: 'error' },
      { kind: 'extra-field', path: 'Asset.thumbUrl', real: 'absent', mock: 'String', severity: 'warning' },
      { kind: 'type', path: 'Asset.width', real: 'String', mock: 'Int', severity: 'error' },
      { kind: 'nullability', path: 'View.url', real: 'String', mock: 'String!', severity: 'warning' },
    ])
    expect(shared.has('asset.thumbUrl')).toBe(false)
    expect(shared.has('asset.width')).toBe(true)
  })

  it('are unverified when one side is not a schema', () => {
    expect(compareSchemas('s', { errors: [{ message: 'no' }] }, mock).findings.map((found) => found.kind)).toEqual(['unverified'])
  })
})
