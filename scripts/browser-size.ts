import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/**
 * `npm run size:browser`: what `raster-mock/browser` weighs in an app, minified
 * and gzipped, split the way a bundler splits it: the entry, then the chunks
 * loaded on demand (GraphQL on the first GraphQL call, faker only for
 * many-assets or a seed other than the default).
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
for (const file of result.outputFiles) {
  const name = file.path.slice(1)
  // The metafile names outputs relative to the working directory.
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith(`/${name}`))?.[1]
  const inputs = Object.keys(output?.inputs ?? {})
  const packages = [...new Set(inputs.map((input) => input.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1]).filter(Boolean))]
  console.log(`${name.padEnd(28)} ${(gzipSync(file.contents).length / 1024).toFixed(1).padStart(7)} kB gzip  ${packages.join(', ')}`)
}
