import { CouldNotVerify } from './errors.js'
import type { Exchange, Transport } from './exchange.js'

/** The part of HAR 1.2 verify writes and reads: one entry per real exchange, its probe in `comment`. */
export interface Har {
  log: {
    version: '1.2'
    creator: { name: string; version: string }
    entries: HarEntry[]
  }
}

interface HarEntry {
  comment: string
  startedDateTime: string
  time: number
  request: {
    method: string
    url: string
    httpVersion: string
    headers: { name: string; value: string }[]
    queryString: { name: string; value: string }[]
    postData?: { mimeType: string; text: string }
    headersSize: -1
    bodySize: number
  }
  response: {
    status: number
    statusText: string
    httpVersion: string
    headers: { name: string; value: string }[]
    content: { size: number; mimeType: string; text: string }
    redirectURL: string
    headersSize: -1
    bodySize: number
  }
  cache: Record<string, never>
  timings: { send: number; wait: number; receive: number }
}

const headerList = (headers: [string, string][]) => headers.map(([name, value]) => ({ name, value }))

/**
 * The real side's exchanges as a HAR file, sanitized: no `Authorization` header, and `scrub` (which masks the key)
 * applied to every text. Times are zero: a recording is replayed by probe, not by time.
 */
export function toHar(exchanges: readonly Exchange[], scrub: (text: string) => string): Har {
  const entries = exchanges.map((exchange): HarEntry => {
    const url = new URL(exchange.request.url)
    const requestHeaders = exchange.request.headers.filter(([name]) => name.toLowerCase() !== 'authorization')
    const mimeType = exchange.response.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? ''
    const body = scrub(exchange.response.body)
    return {
      comment: exchange.probe,
      startedDateTime: new Date(0).toISOString(),
      time: 0,
      request: {
        method: exchange.request.method,
        url: scrub(url.href),
        httpVersion: 'HTTP/1.1',
        headers: headerList(requestHeaders).map(({ name, value }) => ({ name, value: scrub(value) })),
        queryString: [...url.searchParams].map(([name, value]) => ({ name, value: scrub(value) })),
        ...(exchange.request.body === undefined ? {} : { postData: { mimeType: 'application/json', text: scrub(exchange.request.body) } }),
        headersSize: -1,
        bodySize: exchange.request.body === undefined ? 0 : Buffer.byteLength(exchange.request.body),
      },
      response: {
        status: exchange.response.status,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        headers: headerList(exchange.response.headers).map(({ name, value }) => ({ name, value: scrub(value) })),
        content: { size: Buffer.byteLength(body), mimeType, text: body },
        redirectURL: '',
        headersSize: -1,
        bodySize: Buffer.byteLength(body),
      },
      cache: {},
      timings: { send: 0, wait: 0, receive: 0 },
    }
  })
  return { log: { version: '1.2', creator: { name: 'raster-mock verify', version: '1' }, entries } }
}

/** The origin a recording was made against: its first entry's. */
export function harOrigin(har: Har): string | undefined {
  const first = har.log?.entries?.[0]
  return first ? new URL(first.request.url).origin : undefined
}

/**
 * A transport that answers each probe with the recording's next answer to that probe, in the order they were
 * recorded; a probe the recording lacks is an error (the recording is of another suite, or cut short).
 */
export function replayTransport(har: Har): Transport {
  const queues = new Map<string, HarEntry[]>()
  for (const entry of har.log.entries) queues.set(entry.comment, [...(queues.get(entry.comment) ?? []), entry])
  return async (_request, probe) => {
    const entry = queues.get(probe)?.shift()
    if (!entry) throw new CouldNotVerify(`the recording has no (further) answer to ${probe}: it is of another suite, or of a run cut short.`)
    const headers = new Headers(entry.response.headers.map(({ name, value }) => [name, value] as [string, string]))
    const nullBody = entry.response.status === 204 || entry.response.status === 304
    return new Response(nullBody ? null : entry.response.content.text, { status: entry.response.status, headers })
  }
}
