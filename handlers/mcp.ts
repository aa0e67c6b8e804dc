import { http, type HttpHandler } from 'msw'
import type { Runtime } from '../src/runtime.js'
import { urlPattern } from './path-pattern.js'

/** The MCP server and the SDK under it, imported once, on the first MCP request (browsers load it only then). */
let engine: Promise<typeof import('../src/mcp/serve.js')> | undefined
const loadEngine = () => (engine ??= import('../src/mcp/serve.js'))

/**
 * Raster's MCP server (docs/mcp.md): `${mcpUrl}/` needs a key, `${mcpUrl}/anonymous` serves only
 * `create_organization`. Every method reaches the server, which answers what is not a POST as the SDK does.
 */
export function mcpHandlers(runtime: Runtime): HttpHandler[] {
  // One responder for both endpoints, made once even when the first requests arrive together.
  let responder: Promise<ReturnType<(typeof import('../src/mcp/serve.js'))['mcpResponder']>> | undefined
  const answer = (anonymous: boolean) => async ({ request }: { request: Request }) => {
    // Preflights are the server's to answer.
    if (request.method === 'OPTIONS') return undefined
    const respond = await (responder ??= loadEngine().then((engine) => engine.mcpResponder(runtime)))
    return respond(request, { anonymous })
  }
  return [http.all(urlPattern(runtime.mcpUrl, '/?$'), answer(false)), http.all(urlPattern(runtime.mcpUrl, '/anonymous/?$'), answer(true))]
}
