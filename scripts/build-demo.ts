import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { bundleDemo } from '../src/demo.js'

/**
 * `npm run build`: bundles the demo gallery into dist/demo/, where the built
 * server (dist/src/demo.js) serves it from, so `npx raster-mock` needs no esbuild.
 */
const out = new URL('../dist/demo/', import.meta.url)
mkdirSync(out, { recursive: true })
copyFileSync(new URL('../demo/index.html', import.meta.url), new URL('index.html', out))
for (const [name, bytes] of await bundleDemo()) writeFileSync(new URL(name, out), bytes)
