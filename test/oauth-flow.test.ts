import { afterAll, afterEach, beforeAll, describe, it } from 'vitest'
import { setupRasterServer } from '../src/node.js'
import { startServer, type RunningServer } from '../src/server.js'
import { signInFlow } from './support/oauth-flow.js'

describe('OAuth sign-in end to end with PKCE, in Node (setupRasterServer)', () => {
  const raster = setupRasterServer()
  beforeAll(() => raster.listen())
  afterEach(() => raster.mock.reset())
  afterAll(() => raster.close())

  it('discovery, authorize, a wrong verifier refused, the code exchanged, the token used, refreshed and revoked', async () => {
    await signInFlow('https://api.raster.app')
  })
})

describe('OAuth sign-in end to end with PKCE, against the standalone server', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ port: 0, log: false })
  })
  afterAll(() => server.close())

  it('discovery, authorize, a wrong verifier refused, the code exchanged, the token used, refreshed and revoked', async () => {
    await signInFlow(server.url)
  })
})
