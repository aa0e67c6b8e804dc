import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { createRasterMock, type RasterMock, type RasterMockOptions } from '../../src/index.js'
import { unhandledRequests } from '../../src/msw-compat.js'
import { expectDocumented } from './openapi.js'

export const API_VERSION = '2026-05-20'
export const MB = 1024 * 1024

export interface Call {
  method?: string
  path: string
  /** The API key; `null` sends no Authorization header. Default pk_monogram_write. */
  key?: string | null
  /** Default the current version; `null` sends no Api-Version header. */
  version?: string | null
  json?: unknown
  body?: BodyInit
  headers?: Record<string, string>
}

export interface Reply {
  status: number
  headers: Headers
  text: string
  body: any
}

/** A tiny HTTP client for the REST API at `base`, the way a user's app would call it. */
export function restClient(base: string) {
  return async function call(call: Call): Promise<Reply> {
    const headers = new Headers(call.headers)
    const key = call.key === undefined ? 'pk_monogram_write' : call.key
    if (key !== null) headers.set('Authorization', `Bearer ${key}`)
    const version = call.version === undefined ? API_VERSION : call.version
    if (version !== null) headers.set('Api-Version', version)
    let body = call.body
    if (call.json !== undefined) {
      headers.set('Content-Type', 'application/json')
      body = JSON.stringify(call.json)
    }
    const response = await fetch(base + call.path, { method: call.method ?? 'GET', headers, body })
    const text = await response.text()
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
    const { pathname } = new URL(response.url || base + call.path)
    if (!pathname.startsWith('/__mock')) expectDocumented(call.method ?? 'GET', pathname, response.status, parsed, version ?? undefined)
    return { status: response.status, headers: response.headers, text, body: parsed }
  }
}

export type RestCall = ReturnType<typeof restClient>

/** One mock behind msw's setupServer for the whole test file, reset to the seed after each test. */
export function useMockServer(options: RasterMockOptions = {}): { mock: RasterMock; call: RestCall } {
  const mock = createRasterMock(options)
  const server = setupServer(...mock.handlers)
  beforeAll(() => server.listen(unhandledRequests('error')))
  afterEach(() => mock.reset())
  afterAll(() => server.close())
  return { mock, call: restClient(mock.runtime.baseUrl) }
}

/** `count` real PNG files of `bytes` bytes each (a 3 × 2 PNG and trailing padding; never less than the PNG itself). */
export function files(count: number, bytes = 1000, type = 'image/png'): FormData {
  const form = new FormData()
  const png = new Uint8Array(Math.max(bytes, tinyPng.byteLength))
  png.set(tinyPng)
  for (let i = 0; i < count; i++) form.append('files', new File([png], `file-${i}.png`, { type }))
  return form
}

/** A real 3 × 2 PNG, so width and height can be read from it. */
export const tinyPng: Uint8Array<ArrayBuffer> = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAYAAACddGYaAAAAEUlEQVR4nGP4z8DwHwYZkDkAl+8L9e5dqdAAAAAASUVORK5CYII=',
    'base64',
  ),
)

export const barcelona = '/organizations/monogram-labs/libraries/barcelona'
