import { describe, expect, it } from 'vitest'
import { errorCatalogue } from '../src/contract/errors.js'
import { pinnedErrors } from './support/error-cases.js'

/**
 * The tests take statuses and messages from the pinned table (support/error-cases.ts), never from the catalogue
 * they test. This is where the two meet: a code, status or message changed on either side fails here.
 */
describe('the pinned error table', () => {
  it('is the catalogue, code for code', () => {
    // BAD_USER_INPUT has no one message (a real one names the field); the catalogue's is what a forced one says.
    const pinned = { ...pinnedErrors, BAD_USER_INPUT: { ...pinnedErrors.BAD_USER_INPUT, message: 'Invalid input.' } }
    expect(errorCatalogue).toEqual(pinned)
  })
})
