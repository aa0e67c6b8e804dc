import type { RequestHandler } from 'msw'

/** Statuses whose response cannot carry a body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 204, 205, 304])

/**
 * Keeps msw's console line for every mocked request, but not an image's bytes. msw's worker logs each handled
 * request with its response, and serializes the body as text to do so (`serializeResponse`): for the CDN's images
 * that is a screenful of mojibake per image, and a second read of every image. For a response whose
 * `Content-Type` is `image/*`, the log gets a one-line summary in place of the body, and the copy msw made for
 * the log is dropped unread. Every other response is logged as msw logs it. Changes the handlers in place.
 *
 * @example
 * const worker = setupWorker(...quietImageBodies(mock.handlers))
 */
export function quietImageBodies<Handlers extends RequestHandler[]>(handlers: Handlers): Handlers {
  for (const handler of handlers) {
    const log = handler.log.bind(handler)
    handler.log = (args) => {
      const { response } = args
      const type = response.headers.get('Content-Type') ?? ''
      if (!type.startsWith('image/')) return log(args)
      void response.body?.cancel()
      const length = response.headers.get('Content-Length')
      const summary = NULL_BODY.has(response.status) ? null : `(${type}${length ? `, ${length} bytes` : ''}: not shown)`
      const { status, statusText, headers } = response
      return log({ ...args, response: new Response(summary, { status, statusText, headers }) })
    }
  }
  return handlers
}
