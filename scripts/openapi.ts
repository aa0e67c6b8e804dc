import { mkdirSync, writeFileSync } from 'node:fs'
import { openApiDocument } from '../handlers/openapi.js'

/** Part of `npm run build`: writes dist/openapi.json, published as `raster-mock/openapi.json`. */
const dist = new URL('../dist/', import.meta.url)
mkdirSync(dist, { recursive: true })
writeFileSync(new URL('openapi.json', dist), `${JSON.stringify(openApiDocument(), null, 2)}\n`)
