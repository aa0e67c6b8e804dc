import { expect } from 'vitest'
import type { z } from 'zod'
import * as Api from '../../src/contract/schemas.js'
import type { Reply } from './client.js'

/** A REST success (2xx) whose `data` fits `schema`; returns the data. */
export function successData<T extends z.ZodType>(reply: Reply, schema: T): z.output<T> {
  expect(reply.status, reply.text).toBeLessThan(300)
  return (Api.dataEnvelope(schema).parse(reply.body) as { data: z.output<T> }).data
}
