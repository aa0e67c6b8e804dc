import { RasterError } from '../../contract/errors.js'
import { defineVersionChange } from '../versions.js'

/** The codes 2026-07-08 folds into BAD_USER_INPUT; the message still says what was wrong. */
const folded = new Set(['MAX_ASSETS_EXCEEDED', 'UPLOAD_ERROR_NO_FILES', 'DELETE_ERROR'])

export const countsAreBadUserInput = defineVersionChange({
  version: '2026-07-08',
  description:
    'Over 20 files, no file part, no ids and over 100 ids are `BAD_USER_INPUT` (were `MAX_ASSETS_EXCEEDED`, `UPLOAD_ERROR_NO_FILES`, `DELETE_ERROR`).',
  error: (error) => (folded.has(error.code) ? new RasterError('BAD_USER_INPUT', error.message) : error),
})
