import { describe, expect, it } from 'vitest'
import { LeasedLru } from './leased-lru.js'

describe('LeasedLru', () => {
  it('evicts the least recently used entry no one leases, never a leased one', async () => {
    const evicted: string[] = []
    const cache = new LeasedLru<number>(2, (key) => evicted.push(key))
    const releaseA = await cache.lease('a')
    cache.set('a', 1)
    cache.set('b', 2)
    const releaseC = await cache.lease('c')
    cache.set('c', 3) // a is the oldest, but leased: b goes
    expect(evicted).toEqual(['b'])
    expect([...cache.entries()].map(([key]) => key)).toEqual(['a', 'c'])
    releaseA()
    releaseC()
  })

  it('makes a lease on a new key wait while every slot is leased, and lets it in when one is released', async () => {
    const cache = new LeasedLru<number>(1, () => {})
    const releaseA = await cache.lease('a')
    const again = await cache.lease('a') // the same key never waits for itself
    let gotB = false
    const b = cache.lease('b').then((release) => ((gotB = true), release))
    await new Promise((resolve) => setImmediate(resolve))
    expect(gotB).toBe(false)
    releaseA()
    await new Promise((resolve) => setImmediate(resolve))
    expect(gotB).toBe(false) // a is still leased once
    again()
    ;(await b)()
    expect(gotB).toBe(true)
  })
})
