import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { defineConfig, type RasterMockConfig } from './config-file.js'
import { DEFAULT_SETUP_TIMEOUT_MS } from './runtime/options.js'
import { within } from './runtime/within.js'

/** The config files found in the working directory when no `--config` is given, in this order. */
export const CONFIG_FILES = ['raster-mock.config.js', 'raster-mock.config.mjs', 'raster-mock.config.ts']

/** The config file to load: the one named, else the first found in `cwd`, else none. */
export function findConfig(named: string | undefined, cwd = process.cwd()): string | undefined {
  if (named !== undefined) return resolve(cwd, named)
  return CONFIG_FILES.map((file) => resolve(cwd, file)).find((path) => existsSync(path))
}

/**
 * Imports a config file and validates its default export. A `.ts` file needs a TypeScript loader: tsx's
 * (`npm start` registers it when it finds one), or Node's own type stripping (Node 22.6+). A file that does not
 * finish loading within `timeoutMs` (a top-level `await` that never settles) fails rather than hang the CLI.
 */
export async function loadConfig(path: string, timeoutMs = DEFAULT_SETUP_TIMEOUT_MS): Promise<RasterMockConfig> {
  if (!existsSync(path)) throw new Error('no such file')
  let module: { default?: unknown }
  try {
    const loading = import(pathToFileURL(path).href) as Promise<{ default?: unknown }>
    module = await within(loading, timeoutMs, `it did not settle within ${timeoutMs} ms (a top-level await that never resolves?)`)
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'ERR_UNKNOWN_FILE_EXTENSION') {
      throw new Error('a .ts config needs a TypeScript loader: run the server with `npx tsx`, or use a .mjs config', { cause: error })
    }
    throw new Error(`it failed to load: ${(error as Error).message}`, { cause: error })
  }
  if (module.default === undefined) throw new Error('it has no default export (export default defineConfig({ … }))')
  return defineConfig(module.default as RasterMockConfig)
}
