import type { Answer } from '../src/contract/envelope.js'

/**
 * HEAD is GET without the body: browsers, link checkers and CDN clients send it
 * to learn a resource's status, type and size. Handlers answer it as GET and
 * pass the response through here.
 */
export async function headResponse(get: Response | Promise<Response>): Promise<Response> {
  const response = await get
  // The error scenario's closed connection (status 0) cannot be rebuilt; a HEAD sees it the same way.
  if (response.type === 'error') return response
  const headers = new Headers(response.headers)
  headers.set('Content-Length', String((await response.arrayBuffer()).byteLength))
  return new Response(null, { status: response.status, statusText: response.statusText, headers })
}

/** `headResponse` for an answer: a JSON answer loses its body and keeps its headers (their Content-Length is the GET's). */
export async function headAnswer(get: Promise<Answer>): Promise<Answer> {
  const answer = await get
  return answer instanceof Response ? headResponse(answer) : { ...answer, body: null }
}
