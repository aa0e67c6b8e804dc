import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/**
 * `npm run size:browser`: what `raster-mock/browser` weighs in an app, minified
 * and gzipped, split the way a bundler splits it: the initial files (the entry
 * and what it imports statically), then the lazy chunks loaded on demand
 * (GraphQL on the first GraphQL call, faker only for many-assets or a seed
 * other than the default).
 */
const result = await build({
  entryPoints: [new URL('../src/browser.ts', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  splitting: true,
  minify: true,
  outdir: '/',
  write: false,
  metafile: true,
})
const outputs = result.metafile.outputs
/** The metafile names outputs relative to the working directory; the output files by absolute path. */
const outputNamed = (name: string) => Object.entries(outputs).find(([path]) => path.endsWith(`/${name}`))?.[1]
const entry = 'browser.js'
// What the page loads before the mock answers its first REST call: the entry and its static imports, transitively.
const initial = new Set<string>()
const visit = (name: string) => {
  if (initial.has(name)) return
  initial.add(name)
  for (const imported of outputNamed(name)?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path.split('/').at(-1)!)
}
visit(entry)

const sizes = result.outputFiles.map((file) => {
  const name = file.path.slice(1)
  const inputs = Object.keys(outputNamed(name)?.inputs ?? {})
  const packages = [...new Set(inputs.map((input) => input.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1]).filter(Boolean))]
  return { name, gzip: gzipSync(file.contents).length / 1024, packages, initial: initial.has(name) }
})
const kB = (n: number) => `${n.toFixed(1).padStart(7)} kB gzip`
for (const loaded of [true, false]) {
  const files = sizes.filter((size) => size.initial === loaded)
  console.log(`${loaded ? 'initial (before the first REST call)' : 'lazy (loaded on first use)'}: ${kB(files.reduce((sum, f) => sum + f.gzip, 0)).trim()}`)
  for (const { name, gzip, packages } of files) console.log(`  ${name.padEnd(28)} ${kB(gzip)}  ${packages.join(', ')}`)
}
