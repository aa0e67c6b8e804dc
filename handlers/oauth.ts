import { http, HttpResponse, type HttpHandler } from 'msw'
import { errorResponse } from '../src/contract/envelope.js'
import { authorize, discoveryDocument, exchange, OAuthError, revoke } from '../src/domain/oauth.js'
import type { Env } from '../src/domain/context.js'
import type { Runtime } from '../src/runtime.js'
import { urlPattern } from './path-pattern.js'

/** The OAuth paths below the API's base (docs/rest.md, "OAuth"); the REST handler leaves them to these handlers. */
export const oauthPaths: ReadonlySet<string> = new Set(['/.well-known/oauth-authorization-server', '/oauth/authorize', '/oauth/token', '/oauth/revoke'])

/** Tokens are never cached (RFC 6749, 5.1). */
const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' }

/** A form (RFC 6749's encoding) or a JSON body as flat string parameters; anything unreadable as none. */
async function paramsOf(request: Request): Promise<Record<string, string | undefined>> {
  const type = request.headers.get('Content-Type') ?? ''
  try {
    if (type.includes('application/json')) {
      const body: unknown = await request.json()
      if (!body || typeof body !== 'object') return {}
      return Object.fromEntries(Object.entries(body).filter(([, value]) => typeof value === 'string')) as Record<string, string>
    }
    return Object.fromEntries(new URLSearchParams(await request.text()))
  } catch {
    return {}
  }
}

/** An RFC 6749 error body, or the API's envelope for anything else (a fault of the scenario, a bug). */
function failure(error: unknown): Response {
  if (error instanceof OAuthError) return HttpResponse.json(error.toJSON(), { status: error.status, headers: noStore })
  return errorResponse(error)
}

/**
 * The mock's OAuth authorization server, on the API's origin, in every runtime: discovery (RFC 8414), authorize
 * (consents at once and redirects), token (authorization code with PKCE S256, refresh token), revoke (RFC 7009).
 * Each runs through the pipeline, so scenarios, sessions and faults apply as to the API.
 */
export function oauthHandlers(runtime: Runtime): HttpHandler[] {
  const issuer = runtime.baseUrl
  const run = (request: Request, handle: (env: Env, request: Request) => Promise<Response> | Response) =>
    runtime.respond(request, async (env, selected) => handle(await env(), selected), failure)
  const at = (path: string) => urlPattern(issuer, `${path.replace(/[.]/g, '\\.')}(?:\\?|$)`)
  return [
    http.get(at('/.well-known/oauth-authorization-server'), () => HttpResponse.json(discoveryDocument(issuer))),
    http.get(at('/oauth/authorize'), ({ request }) =>
      run(request, async (env, selected) => {
        const params = Object.fromEntries(new URL(selected.url).searchParams)
        return HttpResponse.redirect((await authorize(env, params)).href, 302)
      }),
    ),
    http.post(at('/oauth/token'), ({ request }) =>
      run(request, async (env, selected) => HttpResponse.json(await exchange(env, await paramsOf(selected)), { headers: noStore })),
    ),
    http.post(at('/oauth/revoke'), ({ request }) =>
      run(request, async (env, selected) => {
        await revoke(env, await paramsOf(selected))
        return new HttpResponse(null, { status: 200, headers: noStore })
      }),
    ),
  ]
}

