import { existsSync, realpathSync } from 'node:fs'
import { relative, resolve } from 'node:path'
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

/** Thrown for a `.ts` config this Node cannot import as it runs: the CLI then restarts with `flags`, or prints the message. */
export class TypeScriptConfigError extends Error {
  constructor(readonly flags: readonly string[] | undefined) {
    super(
      flags
        ? 'a .ts config needs Node started with --experimental-strip-types'
        : `a .ts config needs Node 22.18+ or 23.6+, which load TypeScript themselves (this is Node ${process.versions.node}), or tsx's loader:\n` +
            `  npm install --save-dev tsx\n  ${commandWithTsx()}\nor a raster-mock.config.mjs.`,
    )
  }
}

/**
 * The flags that turn on Node's own TypeScript support where this Node has it but off (22.6 to 22.17, 23.0 to
 * 23.5: `--experimental-strip-types`); undefined where it has none (Node 20) or already tried it.
 */
function typeStrippingFlags(): string[] | undefined {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  if (major < 22 || (major === 22 && minor < 6) || process.execArgv.includes('--experimental-strip-types')) return undefined
  return ['--experimental-strip-types', '--disable-warning=ExperimentalWarning']
}

/** This very command line, run with tsx's loader: `node --import tsx node_modules/raster-mock/dist/src/cli.js --config …`. */
function commandWithTsx(): string {
  const script = process.argv[1] ? relative(process.cwd(), realpathSync(process.argv[1])) : 'node_modules/raster-mock/dist/src/cli.js'
  const quote = (arg: string) => (/^[\w./:=,@+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)
  return ['node', '--import', 'tsx', script, ...process.argv.slice(2)].map(quote).join(' ')
}

/**
 * Imports a config file and validates its default export. A `.ts` file loads where Node strips types itself
 * (22.18+, 23.6+) or a TypeScript loader is registered (`npm start` registers tsx's when it finds one); elsewhere
 * it throws a TypeScriptConfigError: the flags to restart with (Node 22.6 to 22.17, 23.0 to 23.5), or on Node 20
 * the exact command that loads it with tsx. A file that does not finish loading within `timeoutMs` (a top-level
 * `await` that never settles) fails rather than hang the CLI.
 */
export async function loadConfig(path: string, timeoutMs = DEFAULT_SETUP_TIMEOUT_MS): Promise<RasterMockConfig> {
  if (!existsSync(path)) throw new Error('no such file')
  let module: { default?: unknown }
  try {
    const loading = import(pathToFileURL(path).href) as Promise<{ default?: unknown }>
    module = await within(loading, timeoutMs, `it did not settle within ${timeoutMs} ms (a top-level await that never resolves?)`)
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'ERR_UNKNOWN_FILE_EXTENSION' && path.endsWith('.ts')) throw new TypeScriptConfigError(typeStrippingFlags())
    throw new Error(`it failed to load: ${(error as Error).message}`, { cause: error })
  }
  if (module.default === undefined) throw new Error('it has no default export (export default defineConfig({ … }))')
  return defineConfig(module.default as RasterMockConfig)
}
