import { describe } from 'vitest'
import { useMockServer } from './support/client.js'
import { versionSuite } from './support/version-suite.js'

/** Api-Version 2026-07-08 beside 2026-05-20, through msw in Node (createRasterMock + setupServer, real fetch). */
describe('Api-Version 2026-07-08 beside 2026-05-20 (msw in Node)', () => {
  const target = useMockServer()
  versionSuite(() => target)
})
