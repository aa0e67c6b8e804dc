import { describe } from 'vitest'
import { useMockServer } from './support/client.js'
import { errorCatalogueSuite } from './support/error-suite.js'

describe('error catalogue through msw (setupServer)', () => {
  const { call } = useMockServer()
  errorCatalogueSuite(() => call)
})
