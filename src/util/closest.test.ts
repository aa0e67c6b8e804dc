import { describe, expect, it } from 'vitest'
import { closestName } from './closest.js'

const known = ['default', 'empty-library', 'library-locked', 'slow', 'flaky', 'server-error', 'network-error']

describe('closestName', () => {
  it('finds the name a typo meant: a swap, a missing or extra letter, another case', () => {
    expect(closestName('library-lokced', known)).toBe('library-locked')
    expect(closestName('library-lockd', known)).toBe('library-locked')
    expect(closestName('sloww', known)).toBe('slow')
    expect(closestName('Server-Eror', known)).toBe('server-error')
  })

  it('suggests nothing when no name is close', () => {
    expect(closestName('nope', known)).toBeUndefined()
    expect(closestName('banana', known)).toBeUndefined()
    expect(closestName('', known)).toBeUndefined()
  })

  it('prefers the nearer of two candidates', () => {
    expect(closestName('network-errors', known)).toBe('network-error')
  })

  it('answers a long value at once', () => {
    const started = performance.now()
    expect(closestName('x'.repeat(4096), known)).toBeUndefined()
    expect(performance.now() - started).toBeLessThan(50)
  })
})
