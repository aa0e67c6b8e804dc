// Issue #34, item 13 over the standalone server: PUT /__mock/scenario with a list of any size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ port: 0, log: false })
})
afterAll(() => server.close())

const put = (scenario: string) =>
  fetch(`${server.url}/__mock/scenario`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ scenario }) })

describe('PUT /__mock/scenario (#34.13)', () => {
  it('refuses a list longer than 4,096 characters with 400 BAD_USER_INPUT, and keeps the active scenario', async () => {
    // docs/scenarios.md: a list is at most 4,096 characters.
    const refused = await put(`${'default,'.repeat(512)}library-locked`)
    expect(refused.status).toBe(400)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT')
    expect(await (await fetch(`${server.url}/__mock/scenario`)).json()).toEqual({ data: { scenario: 'default' } })
    const taken = await put(`${' '.repeat(4000)}library-locked`)
    expect(await taken.json()).toEqual({ data: { scenario: 'library-locked' } })
    await put('default')
  })
})
