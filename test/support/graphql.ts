import { expect } from 'vitest'
import type { ErrorCode } from '../../src/contract/errors.js'
import { expectedError } from './error-cases.js'

export interface GraphQLCall {
  query: string
  variables?: Record<string, unknown>
  operationName?: string
  /** The API key; `null` sends no Authorization header. Default pk_monogram_write. */
  key?: string | null
  headers?: Record<string, string>
  /** Files of a multipart upload, each mapped to `variables.files.<index>`. */
  files?: File[]
  /** A raw body instead of the JSON request (malformed-body tests). */
  body?: BodyInit
  method?: string
}

export interface GraphQLReply {
  status: number
  headers: Headers
  text: string
  body: any
}

/** The GraphQL multipart request spec, as apollo-upload-client and urql's fetch exchange send it. */
export function multipartForm(call: GraphQLCall, files: File[]): FormData {
  const form = new FormData()
  const variables = { ...call.variables, files: files.map(() => null) }
  form.append('operations', JSON.stringify({ query: call.query, variables, operationName: call.operationName }))
  form.append('map', JSON.stringify(Object.fromEntries(files.map((_, index) => [String(index), [`variables.files.${index}`]]))))
  files.forEach((file, index) => form.append(String(index), file))
  return form
}

/** A tiny GraphQL client for `POST endpoint`, the way an app's fetch would call it. */
export function graphqlClient(endpoint: string) {
  return async function gql(call: GraphQLCall): Promise<GraphQLReply> {
    const headers = new Headers(call.headers)
    const key = call.key === undefined ? 'pk_monogram_write' : call.key
    if (key !== null) headers.set('Authorization', `Bearer ${key}`)
    let body = call.body
    if (body === undefined && call.files) body = multipartForm(call, call.files)
    if (body === undefined && call.method !== 'GET') {
      headers.set('Content-Type', 'application/json')
      body = JSON.stringify({ query: call.query, variables: call.variables, operationName: call.operationName })
    }
    const response = await fetch(endpoint, { method: call.method ?? 'POST', headers, body })
    const text = await response.text()
    return { status: response.status, headers: response.headers, text, body: JSON.parse(text) }
  }
}

export type GraphQLClient = ReturnType<typeof graphqlClient>

/** A success: 200, JSON, no errors; returns `data`. */
export function expectData(reply: GraphQLReply): any {
  expect(reply.status, reply.text).toBe(200)
  expect(reply.headers.get('Content-Type')).toMatch(/^application\/json/)
  expect(reply.body.errors, reply.text).toBeUndefined()
  return reply.body.data
}

/** A failure in GraphQL's envelope (docs/graphql.md, "How GraphQL fails"); the HTTP status is the pinned table's, repeated in the extensions. */
export function expectError(reply: GraphQLReply, code: ErrorCode, message?: string): void {
  const { status, body } = expectedError(code, message)
  expect(reply.headers.get('Content-Type')).toMatch(/^application\/json/)
  expect(reply.body, reply.text).toEqual({ errors: [{ message: body.error.message, extensions: { code, http: { status } } }], data: null })
  expect(reply.status).toBe(status)
}

const viewFields = 'id parentId width height name url thumbUrl sizes type metadata'
/** Every field of Asset, so GraphQL and REST objects can be compared whole. */
export const assetFields = `id name libraryId width height blurhash url thumbUrl thumbHighUrl thumbUrlBlurred sizes
  views { ${viewFields} } type description tags contentType size created updated uploadedBy { name }`
export const libraryFields = 'id name assetsCount photosCount trashCount tags { id count type }'

/** Highlights REST leaves out (fields that did not match) are null in GraphQL; toEqual ignores undefined. */
function restHighlights(value: unknown): unknown {
  if (value === null) return undefined
  const { name, tags } = value as { name: string | null; tags: string[] | null }
  return { name: name ?? undefined, tags: tags ?? undefined }
}

/** A GraphQL object in REST's shape: `sizes` exists only in GraphQL, and `metadata` is a JSON string there. */
export function asRest(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asRest)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'sizes')
      .map(([key, inner]) => [
        key,
        key === 'metadata' ? JSON.parse(inner as string) : key === 'highlights' ? restHighlights(inner) : asRest(inner),
      ]),
  )
}
