import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { expect } from 'vitest'
import { openApiDocument } from '../../handlers/openapi.js'

/**
 * Every REST response the test suite receives is checked against the OpenAPI
 * document the mock publishes for the version it was answered in: success bodies
 * against their operation's schema, failures against the error envelope.
 */
function validatorOf(version: string) {
  const document = openApiDocument(undefined, version)
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema(document, 'openapi')
  const operations = Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method,
      pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
      ref: `openapi#/paths/${template.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses`,
      statuses: Object.keys((operation as { responses: object }).responses),
    })),
  )
  return { ajv, operations, error: ajv.compile({ $ref: 'openapi#/components/schemas/Error' }) }
}

const validators = new Map<string, ReturnType<typeof validatorOf>>()

/** `version`: the Api-Version the request was answered in (a request without a known one is answered an error). */
export function expectDocumented(method: string, pathname: string, status: number, body: unknown, version = '2026-05-20'): void {
  const known = version === '2026-07-08' ? version : '2026-05-20'
  if (!validators.has(known)) validators.set(known, validatorOf(known))
  const { ajv, operations, error } = validators.get(known)!
  // Most specific template first: `/assets/tag` before `/assets/{assetId}`.
  const operation = operations
    .filter((candidate) => candidate.method === method.toLowerCase() && candidate.pattern.test(pathname))
    .sort((a, b) => b.pattern.source.split('[^/]+').length - a.pattern.source.split('[^/]+').length)
    .at(-1)
  if (status >= 400 || !operation) {
    expect(error(body), `${method} ${pathname} ${status}: ${ajv.errorsText(error.errors)}`).toBe(true)
    return
  }
  expect(operation.statuses, `${method} ${pathname} answered an undocumented status`).toContain(String(status))
  const validate = ajv.getSchema(`${operation.ref}/${status}/content/application~1json/schema`)!
  expect(validate(body), `${method} ${pathname}: ${ajv.errorsText(validate.errors)}`).toBe(true)
}
