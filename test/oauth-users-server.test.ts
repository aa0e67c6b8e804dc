import { afterAll, beforeAll, beforeEach, describe } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'
import { restClient, type RestCall } from './support/client.js'
import { userSuite } from './support/user-suite.js'

describe('OAuth users, approval and promote (the standalone server)', () => {
  let server: RunningServer
  let rest: RestCall
  let session = 0
  beforeAll(async () => {
    server = await startServer({ port: 0, log: false })
    rest = restClient(server.url)
  })
  // Each test in a session of its own, so their writes never meet.
  beforeEach(() => void (session += 1))
  afterAll(() => server.close())

  userSuite(() => ({
    call: (call) => rest({ ...call, headers: { 'X-Mock-Session': `users-${session}`, ...call.headers } }),
    base: server.url,
    headers: { 'X-Mock-Session': `users-${session}` },
    advance: async (ms) => {
      await fetch(`${server.url}/__mock/clock`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advance: ms }) })
    },
    fetchUrl: (url) => fetch(url),
  }))
})
