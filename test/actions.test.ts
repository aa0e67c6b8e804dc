import { readFileSync } from 'node:fs'
import { buildSchema } from 'graphql'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../handlers/openapi.js'
import { rasterSchema } from '../handlers/graphql-schema.js'
import { rasterSdl } from '../handlers/graphql-sdl.js'
import { routes } from '../handlers/rest.js'
import { fieldName, isAbsent } from '../src/actions/define.js'
import { generatedDocs } from '../handlers/docs-tables.js'
import { withGenerated } from '../src/util/generated-block.js'
import { rasterApi } from '../src/actions/index.js'

/**
 * Every action is reachable on every surface its definition binds it to, and only there: REST (routing and the
 * OpenAPI document) and GraphQL (the schema's root field and its resolver). Read from the definitions alone.
 */
describe('the action definitions', () => {
  // Each version's document; an action is documented from the version that added it.
  const documents = Object.fromEntries(rasterApi.versions.map((version) => [version, openApiDocument(undefined, version)]))
  const document = documents[rasterApi.versions[rasterApi.versions.length - 1]!]!
  const schema = buildSchema(rasterSdl)
  const rootField = (type: 'query' | 'mutation', name: string) =>
    (type === 'query' ? rasterSchema.getQueryType() : rasterSchema.getMutationType())!.getFields()[name]

  for (const action of rasterApi.actions) {
    describe(action.name, () => {
      it('is routed over REST and documented in OpenAPI, or says why not', () => {
        if (isAbsent(action.rest)) return expect(action.rest.absent).toMatch(/\w.*\./)
        const { method, path } = action.rest
        expect(routes.filter((route) => route.method === method && route.path === path).map((route) => route.action)).toEqual([action])
        for (const version of rasterApi.versions) {
          const documented = documents[version]!.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method] as { responses: object } | undefined
          if (action.since !== undefined && version < action.since) expect(documented, `${method} ${path} before ${action.since}`).toBeUndefined()
          else expect(documented?.responses, `${method} ${path} in openapi.json of ${version}`).toHaveProperty(String(action.rest.status ?? 200))
        }
      })

      it('is a GraphQL root field with a resolver, or says why not', () => {
        if (isAbsent(action.graphql)) return expect(action.graphql.absent).toMatch(/\w.*\./)
        expect(action.graphql.length).toBeGreaterThan(0)
        for (const binding of action.graphql) {
          const field = rootField(binding.type, fieldName(binding))
          expect(field, `${binding.type} ${fieldName(binding)}`).toBeDefined()
          expect(field!.resolve).toBeTypeOf('function')
          expect(field!.deprecationReason ?? undefined).toBe(binding.deprecated)
        }
      })
    })
  }

  it('leaves no REST route, OpenAPI operation or GraphQL root field without an action', () => {
    const bound = rasterApi.actions.flatMap((action) => (isAbsent(action.rest) ? [] : [`${action.rest.method} ${action.rest.path.replace(/:(\w+)/g, '{$1}')}`]))
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`))
    expect(documented.sort()).toEqual(bound.sort())
    expect(routes).toHaveLength(bound.length)
    const fields = rasterApi.actions.flatMap((action) => (isAbsent(action.graphql) ? [] : action.graphql.map(fieldName)))
    const schemaFields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) => Object.keys(type.getFields()))
    expect(schemaFields.sort()).toEqual(fields.sort())
  })

  it('names each action once', () => {
    const names = rasterApi.actions.map((action) => action.name)
    expect(new Set(names).size).toBe(names.length)
  })

  it('are listed in the docs as they are (after a change, run `npm run docs`)', () => {
    for (const [page, tables] of Object.entries(generatedDocs(rasterApi))) {
      const text = readFileSync(new URL(`../${page}`, import.meta.url), 'utf8')
      const current = Object.entries(tables).reduce((markdown, [name, table]) => withGenerated(markdown, name, table), text)
      expect(text, `${page} is out of date: run \`npm run docs\``).toBe(current)
    }
  })
})
