#!/usr/bin/env node
/**
 * `npm start`: runs `src/cli.ts` from one esbuild bundle in `.start/`, rebuilt only when one of its inputs changed.
 *
 * Why not `tsx src/cli.ts`: tsx runs three Node processes and transforms every module at load, so the first
 * answer came after ~2 s with ~170 MiB resident. A bundle loads only the code the server uses (esbuild drops the
 * faker locales and library code nobody imports; GraphQL and the demo stay separate chunks loaded on first use),
 * in one process. Same sources, same behaviour; `npm run build`'s `dist/` is untouched.
 *
 * `.start/` sits at the repository's top level, beside `src/`, so paths the sources resolve from
 * `import.meta.url` (`../demo/`) still point where they do in `src/`. A `.ts` config file still loads: tsx's
 * loader is registered first, only then.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = join(root, '.start')
const stamp = join(outdir, 'inputs.json')

/** True when the bundle exists and no input changed since it was built (inputs.json holds the mtimes of `stampedFile`s). */
function fresh() {
  if (!existsSync(stamp)) return false
  try {
    const inputs = JSON.parse(readFileSync(stamp, 'utf8'))
    return Object.entries(inputs).every(([file, mtime]) => statSync(join(root, file)).mtimeMs === mtime)
  } catch {
    return false
  }
}

async function build() {
  const { build } = await import('esbuild')
  // esbuild leaves the chunks of earlier builds in place; they would pile up, one set per change.
  rmSync(outdir, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    metafile: true,
    // A package without an `exports` map (graphql 16) is taken in its ESM build, as Node's own import of it would
    // give named exports; its CommonJS `main` would come out of a dynamic import as `default` only.
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    // esbuild's own package and the optional peers are loaded from node_modules when used, never bundled.
    external: ['esbuild', 'tsx', 'vitest', '@playwright/test', '@msw/playwright'],
    // zod's namespace carries every translation of its messages (~300 KB to compile at startup); the mock
    // answers in the contract's English and never reads `z.locales`, so that index is left empty.
    plugins: [{ name: 'zod-locales', setup: (on) => on.onLoad({ filter: /zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: '' })) }],
    // Bundled CommonJS dependencies call require(); ESM output has none of its own.
    banner: { js: "import { createRequire as __rmCreateRequire } from 'node:module'; const require = __rmCreateRequire(import.meta.url);" },
  })
  // This script is an input too: a change to the build's options must rebuild.
  const files = new Set([...Object.keys(result.metafile.inputs).map(stampedFile), 'scripts/start.mjs'])
  if (existsSync(join(root, packageLock))) files.add(packageLock)
  const inputs = Object.fromEntries([...files].map((file) => [file, statSync(join(root, file)).mtimeMs]))
  writeFileSync(stamp, JSON.stringify(inputs))
}

/** npm rewrites it on every install, update or removal in node_modules. */
const packageLock = 'node_modules/.package-lock.json'

/**
 * The file whose mtime stands for an input: the input itself, or for a file of an installed package that
 * package's package.json (npm writes a package's files when it installs it, so a new version or a reinstall
 * changes its mtime). ~30 packages are stat'ed instead of their ~1,000 files: at every start that was ~30 ms
 * of the ~450 before the first answer. A hand edit inside node_modules goes unseen: delete `.start/` after one.
 */
function stampedFile(file) {
  const installed = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file)
  return installed ? `${installed[1]}/package.json` : file
}

/** A `.ts` config, named with --config or found in the working directory, needs tsx's loader. */
function wantsTypeScriptConfig(args) {
  const at = args.findIndex((arg) => arg === '--config' || arg.startsWith('--config='))
  if (at >= 0) return (args[at].includes('=') ? args[at].split('=')[1] : args[at + 1] ?? '').endsWith('.ts')
  return !['raster-mock.config.js', 'raster-mock.config.mjs'].some((file) => existsSync(resolve(file))) && existsSync(resolve('raster-mock.config.ts'))
}

if (!fresh()) await build()
if (wantsTypeScriptConfig(process.argv.slice(2))) await import('tsx') // registers tsx's ESM and CommonJS loaders, as `node --import tsx` does
await import(pathToFileURL(join(outdir, 'cli.js')).href)
