import { mkdirSync, writeFileSync } from 'node:fs'
import { openApiDocument } from '../handlers/openapi.js'

/**
 * Part of `npm run build`: writes each version's document, dist/openapi.json (2026-05-20, published as
 * `raster-mock/openapi.json`) and dist/openapi-2026-07-08.json (`raster-mock/openapi-2026-07-08.json`).
 */
const dist = new URL('../dist/', import.meta.url)
mkdirSync(dist, { recursive: true })
for (const [file, version] of [['openapi.json', '2026-05-20'], ['openapi-2026-07-08.json', '2026-07-08']] as const) {
  writeFileSync(new URL(file, dist), `${JSON.stringify(openApiDocument(undefined, version), null, 2)}\n`)
}
