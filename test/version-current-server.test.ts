import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'
import { Asset20260708, Asset as Asset20260520 } from '../src/contract/schemas.js'
import { contractMessages20260708 } from './support/error-cases.js'

/**
 * The standalone server's current version (`apiVersion`, `--api-version`) and its OpenAPI document per version:
 * `GET /openapi.json` answers the document of the request's Api-Version, the current one's without it.
 */
let server: RunningServer
beforeAll(async () => {
  server = await startServer({ port: 0, log: false, apiVersion: '2026-07-08' })
})
afterAll(() => server.close())

const openapi = async (version?: string) => {
  const reply = await fetch(`${server.url}/openapi.json`, { headers: version ? { 'Api-Version': version } : {} })
  expect(reply.headers.get('Vary')).toBe('Api-Version')
  return (await reply.json()) as any
}

describe('the OpenAPI document per version', () => {
  it("answers the request's version, the current one without a header", async () => {
    const old = await openapi('2026-05-20')
    const next = await openapi('2026-07-08')
    expect(old.info.version).toBe('2026-05-20')
    expect(next.info.version).toBe('2026-07-08')
    expect((await openapi()).info.version).toBe('2026-07-08')
    expect(Object.keys(next.components.schemas.Asset.properties)).toEqual(expect.arrayContaining(['variants', 'approval', 'sizes']))
    expect(Object.keys(next.components.schemas.Asset.properties)).not.toContain('views')
    expect(Object.keys(old.components.schemas.Asset.properties)).toContain('views')
    const search = (document: any) => document.paths['/organizations/{organizationId}/search/assets'].get.parameters.map((p: { name: string }) => p.name)
    expect(search(next)).toContain('approval')
    expect(search(old)).not.toContain('approval')
  })

  it('validates each version with its zod schema', async () => {
    const path = `${server.url}/organizations/monogram-labs/libraries/barcelona/assets`
    const ask = async (version: string) =>
      ((await (await fetch(path, { headers: { Authorization: 'Bearer pk_monogram_write', 'Api-Version': version } })).json()) as any).data
    for (const asset of await ask('2026-07-08')) Asset20260708.parse(asset)
    for (const asset of await ask('2026-05-20')) Asset20260520.parse(asset)
  })

  it('names the current version when the header is missing', async () => {
    const reply = await fetch(`${server.url}/me`, { headers: { Authorization: 'Bearer pk_monogram_write' } })
    expect(await reply.json()).toEqual({ error: { code: 'API_VERSION_REQUIRED', message: contractMessages20260708.apiVersionRequired('2026-07-08') } })
  })
})

/** The `raster-mock` command with `args`: what it prints before it listens, or why it exits. */
function cli(args: string[]): Promise<{ url?: string; output: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', '0', '--quiet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  return new Promise((resolve) => {
    const read = (chunk: Buffer) => {
      output += chunk
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1]
      if (url && output.includes('stop: Ctrl+C')) resolve({ url, output, stop: () => child.kill('SIGINT') })
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.once('exit', () => resolve({ output, stop: () => {} }))
  })
}

describe('raster-mock --api-version', () => {
  it('makes 2026-07-08 current: GraphQL follows it', async () => {
    const started = await cli(['--api-version', '2026-07-08'])
    try {
      const reply = await fetch(`${started.url}/`, {
        method: 'POST',
        headers: { Authorization: 'Bearer pk_monogram_write', 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: '{ assets(organizationId: "monogram-labs", libraryId: "barcelona", pageSize: 1) { id approval } }' }),
      })
      expect(reply.status).toBe(200)
      expect(((await reply.json()) as any).data.assets[0].approval).toBeNull()
    } finally {
      started.stop()
    }
  })

  it('refuses a version it does not answer, naming the ones it does', async () => {
    const started = await cli(['--api-version', '2025-01-01'])
    expect(started.url).toBeUndefined()
    expect(started.output).toContain('--api-version must be one of 2026-05-20, 2026-07-08, got "2025-01-01".')
  })
})
