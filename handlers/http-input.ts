import { badInput, messages } from '../src/contract/errors.js'

/**
 * Reading REST inputs. Nothing here validates meaning: these turn query strings
 * and bodies into plain values, and the domain operation checks them (docs/errors.md, "Order of checks", step 8).
 */

/** A numeric query parameter: absent → undefined; anything else → a number (NaN when not one), for the domain to judge. */
export function numberParam(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name)
  return value === null ? undefined : value.trim() === '' ? Number.NaN : Number(value)
}

/** A list query parameter, comma-separated or repeated (`tags=a,b` or `tags=a&tags=b`). */
export function listParam(url: URL, name: string): string[] | undefined {
  const values = url.searchParams.getAll(name)
  return values.length ? values.flatMap((value) => value.split(',')).filter((value) => value.trim() !== '') : undefined
}

/**
 * Reads the whole body with `read`. A stream that fails midway is the client's
 * fault (BAD_USER_INPUT, not a server error), and so is a request its client
 * aborted meanwhile: what was read of it must not reach an operation.
 */
async function readWhole<T>(request: Request, read: () => Promise<T>, unreadable: string): Promise<T> {
  let body: T
  try {
    body = await read()
  } catch {
    throw badInput(request.signal.aborted ? messages.unreadableBody : unreadable)
  }
  if (request.signal.aborted) throw badInput(messages.unreadableBody)
  return body
}

/** A JSON object body; an empty body counts as `{}`, so missing fields are reported by name. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await readWhole(request, () => request.text(), messages.unreadableBody)
  if (text.trim() === '') return {}
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw badInput(messages.invalidJson)
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badInput(messages.jsonNotObject)
  return body as Record<string, unknown>
}

export async function multipartBody(request: Request): Promise<FormData> {
  if (!request.headers.get('Content-Type')?.toLowerCase().startsWith('multipart/form-data')) {
    throw badInput(messages.uploadNotMultipart)
  }
  return readWhole(request, () => request.formData(), messages.unreadableMultipart)
}
