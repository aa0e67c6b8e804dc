/** Sends one probe's request: a real `fetch` (guarded), the mock's handlers in process, or a recorded answer. */
export type Transport = (request: Request, probe: string) => Promise<Response>

/** One side of the comparison: where it is, the key it is called with, and how. */
export interface Side {
  name: 'real' | 'mock'
  /** The API's base URL, without a trailing slash. */
  base: string
  key: string
  transport: Transport
}

/** How a probe authenticates: the side's key, none, or a well-formed key no API holds. */
export type Auth = 'key' | 'none' | 'wrong'

/** A request of the suite, before it is addressed to a side. */
export interface ProbeRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  query?: Readonly<Record<string, string>>
  /** Default `key`. */
  auth?: Auth
  /** Send `Api-Version`. Default true (GraphQL probes send none, as Raster's own clients do). */
  apiVersion?: boolean
  json?: unknown
  form?: () => FormData
}

/** A request and its answer, as sent and received, bodies as text. */
export interface Exchange {
  probe: string
  request: { method: string; url: string; headers: [string, string][]; body?: string }
  response: { status: number; headers: [string, string][]; body: string }
}

/** A key that looks like Raster's but that no organization holds: the wrong-key probe's. */
export const WRONG_KEY = 'pk_rastermockverifywrongkey000000'

/** The request `spec` addressed to `side`, in `apiVersion`. */
export function requestFor(side: Side, spec: ProbeRequest, apiVersion: string): Request {
  const url = new URL(side.base + spec.path)
  for (const [name, value] of Object.entries(spec.query ?? {})) url.searchParams.set(name, value)
  const headers = new Headers()
  const auth = spec.auth ?? 'key'
  if (auth !== 'none') headers.set('Authorization', `Bearer ${auth === 'key' ? side.key : WRONG_KEY}`)
  if (spec.apiVersion ?? true) headers.set('Api-Version', apiVersion)
  let body: BodyInit | undefined
  if (spec.json !== undefined) {
    headers.set('Content-Type', 'application/json')
    body = JSON.stringify(spec.json)
  } else if (spec.form) body = spec.form()
  return new Request(url, { method: spec.method, headers, body })
}

/** Sends `spec` to `side` and reads the whole answer. */
export async function send(side: Side, probe: string, spec: ProbeRequest, apiVersion: string): Promise<Exchange> {
  const request = requestFor(side, spec, apiVersion)
  const requestBody = spec.json === undefined ? undefined : await request.clone().text()
  const response = await side.transport(request, probe)
  return {
    probe,
    request: { method: request.method, url: request.url, headers: [...request.headers], ...(requestBody === undefined ? {} : { body: requestBody }) },
    response: { status: response.status, headers: [...response.headers], body: await response.text() },
  }
}

/** A header of an exchange's answer, or undefined. */
export function header(exchange: Exchange, name: string): string | undefined {
  return exchange.response.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1]
}

/** An exchange's body as JSON, or undefined when it is not JSON. */
export function json(exchange: Exchange): unknown {
  try {
    return JSON.parse(exchange.response.body)
  } catch {
    return undefined
  }
}
