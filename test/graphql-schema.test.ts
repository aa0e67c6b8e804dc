import { readFileSync } from 'node:fs'
import { buildClientSchema, buildSchema, getIntrospectionQuery, printSchema } from 'graphql'
import { describe, expect, it } from 'vitest'
import { rasterSdl } from '../handlers/graphql-sdl.js'
import { useMockServer } from './support/client.js'
import { expectData, graphqlClient } from './support/graphql.js'

const { mock } = useMockServer()
const gql = graphqlClient(`${mock.runtime.baseUrl}/`)

describe('the schema', () => {
  it('round-trips through introspection: the client schema prints as the SDL does', async () => {
    const introspection = expectData(await gql({ key: null, query: getIntrospectionQuery({ descriptions: true, schemaDescription: true, inputValueDeprecation: true }) }))
    expect(printSchema(buildClientSchema(introspection))).toBe(printSchema(buildSchema(rasterSdl)))
  })

  it('offers every query and mutation of the contract, photos deprecated', async () => {
    const { __schema } = expectData(
      await gql({
        query: '{ __schema { queryType { fields(includeDeprecated: true) { name isDeprecated } } mutationType { fields { name } } } }',
      }),
    )
    expect(__schema.queryType.fields).toEqual(
      ['assets', 'asset', 'searchAssets', 'libraries', 'tags', 'viewer', 'photos'].map((name) => ({ name, isDeprecated: name === 'photos' })),
    )
    expect(__schema.mutationType.fields.map((field: { name: string }) => field.name)).toEqual([
      'uploadAssets', 'deleteAssets', 'tagAssets', 'untagAssets', 'updateAssetDescription', 'transferAssets', 'createLibrary', 'renameLibrary',
    ])
  })

  it('is published as schema.graphql, generated from the constant (run `npm run schema` after changing it)', () => {
    expect(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')).toBe(rasterSdl)
  })
})
