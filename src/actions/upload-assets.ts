import { z } from 'zod'
import { MAX_FILES, uploadAssets as upload } from '../domain/upload.js'
import { defineAction, libraryPath } from './define.js'
import { uploadSource } from './mcp-sources.js'
import { libraryArguments } from './paging.js'
import { changesOf } from './changes/index.js'

export const uploadAssets = defineAction({
  name: 'uploadAssets',
  summary: 'At most 20 image files, all or nothing; with `parentId` (one file) it becomes a variant of that asset, and the parent is returned.',
  operation: upload,
  rest: {
    method: 'post',
    path: `${libraryPath}/assets`,
    body: {
      multipart: { files: 'files', parentId: 'text' },
      schema: {
        type: 'object',
        properties: {
          files: { type: 'array', items: { type: 'string', contentMediaType: 'image/*' }, maxItems: 20 },
          parentId: { type: 'string' },
        },
        required: ['files'],
      },
    },
  },
  graphql: [
    {
      type: 'mutation',
      sdl: `"Up to 20 image files, all or nothing. With parentId (one file) the file becomes a variant and the parent is returned."\n  uploadAssets(${libraryArguments}, files: [Upload!]!, parentId: ID,\n    "Accepted for Raster's signature; the mock sends no mail."\n    email: String\n  ): UploadResult!`,
    },
  ],
  changes: changesOf.uploadAssets,
  mcp: [
    {
      tool: 'upload_asset',
      description: 'Uploads one image from a source (a URL or base64 data); with `parentId` it becomes a variant of that asset.',
      arguments: { source: uploadSource, parentId: z.string().optional() },
      input: ({ source, parentId }) => ({ files: [source], parentId }),
    },
    {
      tool: 'upload_assets',
      description: 'Uploads 1 to 20 images from sources (URLs or base64 data), all or nothing.',
      arguments: { sources: z.array(uploadSource).min(1).max(MAX_FILES) },
      input: ({ sources }) => ({ files: sources }),
    },
  ],
})
