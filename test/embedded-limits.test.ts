import { describe, expect, it } from 'vitest'
import { createRasterMock, type RasterMockOptions } from '../src/index.js'
import { setupRasterServer } from '../src/node.js'

describe('limits of the embedded entries (#34.11)', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a size as text', { fileBytes: '1MB' }, /^limits\.fileBytes /],
    ['a negative time', { processingMs: -5000 }, /^limits\.processingMs /],
    ['a count as a word', { freePlanLibraries: 'three' }, /^limits\.freePlanLibraries /],
    ['an unknown limit', { bogusLimit: 1 }, /limits\.bogusLimit/],
  ])('createRasterMock and setupRasterServer throw an Error naming %s', (_, limits, named) => {
    const options = { limits } as unknown as RasterMockOptions
    expect(() => createRasterMock(options)).toThrow(named)
    expect(() => setupRasterServer(options)).toThrow(named)
  })
})
