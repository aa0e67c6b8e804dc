import { describe, expect, it } from 'vitest'
import { BoundedCache, Lru } from './bounded-cache.js'

const keys = <V>(cache: BoundedCache<string, V>) => [...cache.entries()].map(([key]) => key)

describe('a cache bounded by count', () => {
  it('drops the least recently written first', () => {
    const cache = new BoundedCache<string, number>({ maxEntries: 2 })
    cache.set('a', 1)
    cache.set('b', 2)
    cache.set('c', 3)
    expect(keys(cache)).toEqual(['b', 'c'])
    expect(cache.get('a')).toBeUndefined()
  })

  it('counts a read with get as a use, and one with peek not', () => {
    const cache = new BoundedCache<string, number>({ maxEntries: 2 })
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.get('a')).toBe(1)
    cache.set('c', 3)
    expect(keys(cache)).toEqual(['a', 'c'])
    expect(cache.peek('a')).toBe(1)
    cache.set('d', 4)
    expect(keys(cache)).toEqual(['c', 'd'])
  })

  it('makes a rewritten key the most recent without counting it twice', () => {
    const cache = new BoundedCache<string, number>({ maxEntries: 2 })
    cache.set('a', 1)
    cache.set('b', 2)
    cache.set('a', 10)
    expect(cache.size).toBe(2)
    cache.set('c', 3)
    expect([...cache.entries()]).toEqual([['a', 10], ['c', 3]])
  })

  it('tells onEvict of each entry it drops, not of those deleted, replaced or cleared', () => {
    const evicted: Array<[string, number]> = []
    const cache = new Lru<number>(2, (key, value) => evicted.push([key, value]))
    cache.set('a', 1)
    cache.set('a', 2)
    cache.set('b', 3)
    expect(cache.delete('b')).toBe(3)
    cache.set('c', 4)
    cache.set('d', 5)
    cache.set('e', 6)
    expect(evicted).toEqual([['a', 2], ['c', 4]])
    cache.clear()
    expect(cache.size).toBe(0)
    expect(evicted).toHaveLength(2)
  })

  it('refuses a cap that is not a whole number of at least 1', () => {
    for (const cap of [0, -1, 1.5, Number.NaN]) {
      expect(() => new Lru(cap)).toThrow(`[raster-mock] A cap must be a whole number of at least 1, not ${cap}.`)
    }
  })

  it('keys by identity when the keys are objects', () => {
    const [first, second] = [{}, {}]
    const cache = new BoundedCache<object, string>({ maxEntries: 1 })
    cache.set(first, 'first')
    expect(cache.peek(second)).toBeUndefined()
    cache.set(second, 'second')
    expect(cache.peek(first)).toBeUndefined()
  })
})

describe('a cache bounded by weight', () => {
  const byLength = () => new BoundedCache<string, string>({ maxWeight: 10, weigh: (_, value) => value.length })

  it('drops the least recently used until the total weight fits', () => {
    const cache = byLength()
    cache.set('a', 'aaaa')
    cache.set('b', 'bbbb')
    cache.get('a')
    cache.set('c', 'cccc')
    expect(keys(cache)).toEqual(['a', 'c'])
    expect(cache.weight).toBe(8)
    cache.set('d', 'dddddddddd')
    expect(keys(cache)).toEqual(['d'])
    expect(cache.weight).toBe(10)
  })

  it('never keeps an entry heavier than the bound alone, and keeps the others', () => {
    const cache = byLength()
    cache.set('a', 'aaaa')
    expect(cache.set('big', 'x'.repeat(11))).toBe('x'.repeat(11))
    expect(keys(cache)).toEqual(['a'])
    expect(cache.weight).toBe(4)
  })

  it('keeps its weight exact through replace, delete and clear', () => {
    const cache = byLength()
    cache.set('a', 'aaaa')
    cache.set('a', 'aa')
    expect(cache.weight).toBe(2)
    cache.set('b', 'bbb')
    cache.delete('a')
    expect(cache.weight).toBe(3)
    cache.clear()
    expect(cache.weight).toBe(0)
  })

  it('can weigh by the key and bound count and weight together', () => {
    const cache = new BoundedCache<string, number>({ maxEntries: 3, maxWeight: 6, weigh: (key) => key.length })
    cache.set('aa', 1)
    cache.set('b', 2)
    cache.set('c', 3)
    cache.set('d', 4)
    expect(keys(cache)).toEqual(['b', 'c', 'd'])
    cache.set('eeeee', 5)
    expect(keys(cache)).toEqual(['d', 'eeeee'])
    expect(cache.weight).toBe(6)
  })
})
