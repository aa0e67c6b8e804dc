import { describe, expect, it } from 'vitest'
import { deepFreeze } from './freeze.js'

describe('deepFreeze', () => {
  it('freezes the value and every object inside it, and gives the same value back', () => {
    const record = { id: 'a1', tags: ['beach'], metadata: { crop: { x: 1 } } }
    expect(deepFreeze(record)).toBe(record)
    expect(Object.isFrozen(record)).toBe(true)
    expect(Object.isFrozen(record.tags)).toBe(true)
    expect(Object.isFrozen(record.metadata.crop)).toBe(true)
    expect(() => record.tags.push('sun')).toThrow(TypeError)
  })

  it('passes primitives and null through', () => {
    expect(deepFreeze('text')).toBe('text')
    expect(deepFreeze(3)).toBe(3)
    expect(deepFreeze(null)).toBe(null)
  })

  it('leaves what is inside an already frozen object as it is (shared values are walked once)', () => {
    const inner = { x: 1 }
    const outer = Object.freeze({ inner })
    deepFreeze(outer)
    expect(Object.isFrozen(inner)).toBe(false)
  })
})
