import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { median } from './measure.js'
import { PEERS_DIR } from './peers.js'
import { atMost, type Row } from './table.js'

const run = promisify(execFile)
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`
/** Issue 35: what a test file's worker pays for its first mock, the default world ready. */
const LIMIT_MS = 60
const RUNS = 5

/** The child: imports the package, then times its first `createRasterMock()` until the world is ready. */
const child = (load: string) => `const started = performance.now()
const { createRasterMock } = ${load}
const imported = performance.now()
Promise.resolve(createRasterMock().ready).then(() => console.log(JSON.stringify({ importMs: imported - started, createMs: performance.now() - imported })))
`

/**
 * The sources as a test worker meets the published package: plain JavaScript, one file per module (as `tsc`
 * emits them into dist/), loaded by Node's own ESM loader with no TypeScript hook; and, Jest-like, one
 * CommonJS file that `require` loads (no import attributes, no ESM loader). Built with esbuild into the bench's
 * cache folder, under node_modules so the packages resolve as they do for the sources.
 */
async function builds(): Promise<{ esm: string; cjs: string }> {
  const { build } = await import('esbuild')
  const out = join(PEERS_DIR, 'first-mock')
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const sources = ['src', 'handlers', 'scenarios'].flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
      .map((file) => join(folder, file)),
  )
  await build({ absWorkingDir: root, entryPoints: sources, outbase: '.', outdir: join(out, 'esm'), format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' })
  // JSON modules (the precomputed world) are imported as they are.
  cpSync(join(root, 'src'), join(out, 'esm/src'), { recursive: true, filter: (file) => !/\.[cm]?ts$/.test(file) })
  writeFileSync(join(out, 'esm/package.json'), '{ "type": "module" }')
  writeFileSync(join(out, 'esm/first.mjs'), child("await import('./src/index.js')"))
  await build({ absWorkingDir: root, entryPoints: ['src/index.ts'], bundle: true, packages: 'external', outfile: join(out, 'cjs/index.cjs'), format: 'cjs', platform: 'node', target: 'node20', logLevel: 'error' })
  writeFileSync(join(out, 'cjs/first.cjs'), child("require('./index.cjs')"))
  return { esm: join(out, 'esm/first.mjs'), cjs: join(out, 'cjs/first.cjs') }
}

/**
 * Section 2: the default world, first in a fresh process (what a test file's worker pays), in a child `node`
 * that runs just the package's import, `createRasterMock()` and `ready`; the median of RUNS children, ESM and
 * CommonJS in turn. The import is shown beside it, not judged.
 */
export async function measureFirstMock(): Promise<Row[]> {
  let files: { esm: string; cjs: string }
  try {
    files = await builds()
  } catch (error) {
    return [{ section: '2 seed', what: 'first createRasterMock in a fresh process', value: `not measured: ${(error as Error).message.split('\n')[0]}`, target: `≤ ${LIMIT_MS} ms` }]
  }
  const kinds = [
    { file: files.esm, what: 'ESM, one file a module, as a test worker loads the package' },
    { file: files.cjs, what: 'CommonJS, one require()d bundle, as under Jest' },
  ]
  const samples = kinds.map(() => [] as Array<{ importMs: number; createMs: number } | string>)
  for (let i = 0; i < RUNS; i++) {
    for (const [k, kind] of kinds.entries()) {
      const result = await run(process.execPath, [kind.file], { cwd: dirname(kind.file) }).then(
        ({ stdout }) => JSON.parse(stdout) as { importMs: number; createMs: number },
        (error: Error) => error.message.split('\n').find((line) => /Error/.test(line)) ?? error.message,
      )
      samples[k]!.push(result)
    }
  }
  return kinds.map((kind, k) => {
    const what = `default world, first createRasterMock + ready in a fresh process (${kind.what}; median of ${RUNS})`
    const failed = samples[k]!.find((sample) => typeof sample === 'string')
    if (failed) return { section: '2 seed', what, value: `failed: ${failed}`, target: `≤ ${LIMIT_MS} ms`, met: false }
    const runs = samples[k] as Array<{ importMs: number; createMs: number }>
    const create = median(runs.map((sample) => sample.createMs))
    const imported = median(runs.map((sample) => sample.importMs))
    return atMost({ section: '2 seed', what, value: `${ms(create)} (the import before it: ${ms(imported)})`, ratio: create / LIMIT_MS }, create, LIMIT_MS, 'ms')
  })
}
