import { getResponse } from 'msw'
import { openApiHandler } from '../../handlers/openapi.js'
import { errorResponse } from '../contract/envelope.js'
import { RasterError } from '../contract/errors.js'
import { createRasterMock } from '../index.js'
import { CouldNotVerify } from './errors.js'
import type { Transport } from './exchange.js'
import { RefusedRequest } from './guard.js'

/** Where the mock side answers: the mock's default base URL, never reached over the network. */
export const MOCK_BASE = 'https://api.raster.app'

/**
 * The mock, in process: a fresh mock's msw handlers (and the standalone server's `/openapi.json`) answer each
 * request through `getResponse`, the same adapters a test or the standalone server uses, with no port.
 */
export function mockTransport(options: { seed?: number | undefined } = {}): Transport {
  const mock = createRasterMock({ baseUrl: MOCK_BASE, ...(options.seed === undefined ? {} : { seed: options.seed }) })
  const handlers = [openApiHandler(MOCK_BASE), ...mock.handlers]
  return async (request) => (await getResponse(handlers, request)) ?? errorResponse(new RasterError('ENDPOINT_NOT_FOUND'))
}

/** How the real side retries: attempts in all, and the wait before the second (doubled before each next). */
export interface RetryPolicy {
  attempts: number
  firstDelayMs: number
  sleep: (ms: number) => Promise<void>
}

export const defaultRetries: RetryPolicy = { attempts: 3, firstDelayMs: 500, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }

/**
 * `send` with bounded retries and back-off for what may pass (a 5xx, a 429, a network failure); once they are spent the
 * run cannot verify. A refused request is verify's own bug and is never retried.
 */
export function withRetries(send: (request: Request) => Promise<Response>, policy: RetryPolicy = defaultRetries): Transport {
  return async (request) => {
    let why = ''
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
      if (attempt > 1) await policy.sleep(policy.firstDelayMs * 2 ** (attempt - 2))
      try {
        const response = await send(request.clone())
        // A 429 is the API pacing us: worth the same patience as a 5xx.
        if (response.status < 500 && response.status !== 429) return response
        why = `${response.status} on ${request.method} ${new URL(request.url).pathname}`
      } catch (error) {
        if (error instanceof RefusedRequest) throw error
        why = `${request.method} ${new URL(request.url).origin} is unreachable (${(error as Error).message})`
      }
    }
    throw new CouldNotVerify(`${why}, after ${policy.attempts} attempts.`)
  }
}
