import { uploadAssets as upload } from '../domain/upload.js'
import { defineAction, libraryPath } from './define.js'
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
})
