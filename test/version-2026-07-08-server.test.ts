import { afterAll, afterEach, beforeAll, describe } from 'vitest'
import { startServer, type RunningServer } from '../src/server.js'
import { restClient, type RestCall } from './support/client.js'
import { versionSuite } from './support/version-suite.js'

/** Api-Version 2026-07-08 beside 2026-05-20, against the standalone server over HTTP. */
describe('Api-Version 2026-07-08 beside 2026-05-20 (standalone server)', () => {
  let server: RunningServer
  let call: RestCall
  beforeAll(async () => {
    server = await startServer({ port: 0, log: false })
    call = restClient(server.url)
  })
  afterEach(() => server.mock.reset())
  afterAll(() => server.close())
  versionSuite(() => ({ call, mock: server.mock }))
})
