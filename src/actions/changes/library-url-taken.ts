import { RasterError } from '../../contract/errors.js'
import { defineVersionChange } from '../versions.js'

export const libraryUrlTaken = defineVersionChange({
  version: '2026-07-08',
  description: 'A slug already taken is `LIBRARY_URL_TAKEN` (was `CONFLICT`, which now means a promote is already running).',
  error: (error) => (error.code === 'CONFLICT' ? new RasterError('LIBRARY_URL_TAKEN') : error),
})
