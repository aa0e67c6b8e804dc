import { describe, expect, it } from 'vitest'
import { LayeredMap } from './layered-map.js'

function base(entries: Record<string, number>): LayeredMap<number> {
  const map = new LayeredMap<number>()
  for (const [key, value] of Object.entries(entries)) map.set(key, value)
  return map
}

describe('LayeredMap', () => {
  it('reads through to the layer below what it does not hold', () => {
    const layer = new LayeredMap(base({ a: 1 }))
    expect(layer.get('a')).toBe(1)
    expect(layer.has('a')).toBe(true)
    expect(layer.get('b')).toBeUndefined()
    expect(layer.has('b')).toBe(false)
  })

  it('writes to its own layer only', () => {
    const below = base({ a: 1 })
    const layer = new LayeredMap(below)
    layer.set('a', 2)
    layer.set('b', 3)
    expect([layer.get('a'), layer.get('b')]).toEqual([2, 3])
    expect([below.get('a'), below.get('b')]).toEqual([1, undefined])
  })

  it('removes a key as its layer sees it, the layer below keeping it', () => {
    const below = base({ a: 1, b: 2 })
    const layer = new LayeredMap(below)
    layer.delete('a')
    expect(layer.get('a')).toBeUndefined()
    expect(layer.has('a')).toBe(false)
    expect(below.get('a')).toBe(1)
    layer.set('a', 5)
    expect(layer.get('a')).toBe(5)
  })

  it('removes a key it added itself', () => {
    const layer = new LayeredMap(base({}))
    layer.set('x', 1)
    layer.delete('x')
    expect(layer.get('x')).toBeUndefined()
    expect([...layer.entries()]).toEqual([])
    layer.delete('never')
  })

  it('lists the entries below in their order, its own values in place, then the keys it added', () => {
    const layer = new LayeredMap(base({ a: 1, b: 2, c: 3 }))
    layer.set('d', 4)
    layer.set('b', 20)
    layer.delete('c')
    expect([...layer.entries()]).toEqual([['a', 1], ['b', 20], ['d', 4]])
    expect([...layer.values()]).toEqual([1, 20, 4])
  })

  it('gives as its own values what it wrote, not what it removed or what is below', () => {
    const layer = new LayeredMap(base({ a: 1, b: 2 }))
    expect([...layer.ownValues()]).toEqual([])
    layer.set('a', 10)
    layer.delete('b')
    layer.set('c', 3)
    expect([...layer.ownValues()]).toEqual([10, 3])
  })

  it('stacks: each layer sees the ones below it, none sees the ones above', () => {
    const bottom = base({ a: 1, b: 2 })
    const middle = new LayeredMap(bottom)
    middle.set('b', 20)
    middle.delete('a')
    const top = new LayeredMap(middle)
    top.set('a', 100)
    expect([...top.entries()]).toEqual([['b', 20], ['a', 100]])
    expect([...middle.entries()]).toEqual([['b', 20]])
    expect([...bottom.entries()]).toEqual([['a', 1], ['b', 2]])
  })
})
