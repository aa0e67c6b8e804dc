import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { http, HttpResponse, type HttpHandler } from 'msw'

/** Where the demo's files are served: below a prefix the API never uses. */
export const DEMO_PREFIX = '/__demo'

/**
 * The demo's folder: `demo/` beside `src/` holds its source (index.html,
 * main.ts); in a build, `dist/demo/` beside `dist/src/` holds it bundled.
 */
const demoDir = fileURLToPath(new URL('../demo/', import.meta.url))

/** The bundled demo: app.js and its chunks, by file name. */
export async function bundleDemo(): Promise<Map<string, Uint8Array>> {
  // esbuild is a devDependency: it is only loaded when running from source, since a build ships the bundle.
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: { app: `${demoDir}main.ts` },
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    target: 'es2022',
    outdir: '/',
    write: false,
    logLevel: 'warning',
  })
  return new Map(result.outputFiles.map((file) => [file.path.slice(1), file.contents]))
}

let bundled: Promise<Map<string, Uint8Array>> | undefined

/** A demo file: built ones from disk, else bundled on first request; the worker script from the installed msw. */
async function demoFile(name: string): Promise<Uint8Array | undefined> {
  if (name === 'mockServiceWorker.js') return readFile(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'))
  if (existsSync(`${demoDir}app.js`)) return /^[\w.-]+\.js$/.test(name) ? readFile(`${demoDir}${name}`).catch(() => undefined) : undefined
  bundled ??= bundleDemo()
  return (await bundled).get(name)
}

/**
 * The demo gallery on the standalone server: the page at `/` (only for a
 * browser asking for HTML, so an API client still gets ENDPOINT_NOT_FOUND
 * there) and its files under `/__demo/`.
 */
export function demoHandlers(origin: string): HttpHandler[] {
  return [
    http.get(`${origin}/`, async ({ request }) => {
      if (!request.headers.get('Accept')?.includes('text/html')) return undefined
      return HttpResponse.html(await readFile(`${demoDir}index.html`, 'utf8'))
    }),
    http.get(`${origin}${DEMO_PREFIX}/:file`, async ({ params }) => {
      const bytes = await demoFile(String(params.file))
      if (!bytes) return new HttpResponse('Not found', { status: 404 })
      return new HttpResponse(bytes, {
        headers: {
          'Content-Type': 'text/javascript; charset=utf-8',
          // The worker script lives under /__demo/ but controls the page at /.
          'Service-Worker-Allowed': '/',
          'Cache-Control': 'no-cache',
        },
      })
    }),
  ]
}
