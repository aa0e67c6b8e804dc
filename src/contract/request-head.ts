/**
 * What the mock reads of an API request before its body: the method, the URL and the headers. A web `Request` is
 * one; the standalone server hands a lighter one for requests without a body (GET, HEAD), a view over Node's
 * parsed headers, instead of building a web Request (its Headers, its AbortSignal) for each.
 */
export interface RequestHead {
  readonly method: string
  /** The whole URL, as `Request.url` gives it. */
  readonly url: string
  readonly headers: HeaderView
}

/** `Headers.get`: a header's value, its repeats joined by `, `, or null. */
export interface HeaderView {
  get(name: string): string | null
}

const edgeSpace = /^[\t\n\r ]|[\t\n\r ]$/
const edgeSpaces = /^[\t\n\r ]+|[\t\n\r ]+$/g

/**
 * The request head of `method` and `url` whose headers are Node's (`IncomingMessage.headers`: names in lower
 * case, repeats already joined as `Headers.get` joins them, but an array for Set-Cookie).
 *
 * @example
 * const head = requestHead('GET', 'http://127.0.0.1:4010/me', { 'api-version': '2026-05-20' })
 * head.headers.get('Api-Version') // '2026-05-20'
 */
export function requestHead(method: string, url: string, headers: Readonly<Record<string, string | string[] | undefined>>): RequestHead {
  return {
    method,
    url,
    headers: {
      get(name) {
        const value = headers[name.toLowerCase()]
        if (value === undefined) return null
        const text = Array.isArray(value) ? value.join(', ') : value
        // Headers strips the HTTP whitespace around a value (Node's parser mostly has already).
        return edgeSpace.test(text) ? text.replace(edgeSpaces, '') : text
      },
    },
  }
}
