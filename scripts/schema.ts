import { writeFileSync } from 'node:fs'
import { rasterSdl } from '../handlers/graphql-sdl.js'

/** `npm run schema`: writes the SDL constant to schema.graphql, the file published as `raster-mock/schema.graphql` for codegen. */
writeFileSync(new URL('../schema.graphql', import.meta.url), rasterSdl)
