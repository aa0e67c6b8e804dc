import { describe, expect, it } from 'vitest'
import { SortedList } from './sorted-list.js'

const ascending = (a: number, b: number) => a - b

/** A deterministic stream of numbers, so a failure replays. */
function numbers(seed: number) {
  let state = seed
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % 1_000_000
}

describe('SortedList', () => {
  it('holds the items it was made from, in order', () => {
    const list = SortedList.from([1, 3, 5], ascending)
    expect(list.length).toBe(3)
    expect([...list]).toEqual([1, 3, 5])
    expect(list.toArray()).toEqual([1, 3, 5])
    expect(SortedList.from([], ascending).slice()).toEqual([])
  })

  it('inserts in order and leaves the list it came from unchanged', () => {
    const list = SortedList.from([1, 3], ascending)
    const next = list.insert(2).insert(0).insert(4)
    expect(next.toArray()).toEqual([0, 1, 2, 3, 4])
    expect(next.length).toBe(5)
    expect(list.toArray()).toEqual([1, 3])
  })

  it('inserts into an empty list', () => {
    expect(SortedList.from<number>([], ascending).insert(7).toArray()).toEqual([7])
  })

  it('removes what compare finds, and gives the same list back for what it does not', () => {
    const list = SortedList.from([1, 2, 3], ascending)
    expect(list.remove(2).toArray()).toEqual([1, 3])
    expect(list.remove(2).length).toBe(2)
    expect(list.remove(9)).toBe(list)
    expect(list.remove(0)).toBe(list)
    expect(SortedList.from<number>([], ascending).remove(1).length).toBe(0)
  })

  it('finds an item to remove by compare, not by identity', () => {
    type Item = { id: number }
    const byId = (a: Item, b: Item) => a.id - b.id
    const list = SortedList.from([{ id: 1 }, { id: 2 }], byId)
    expect(list.remove({ id: 1 }).toArray()).toEqual([{ id: 2 }])
  })

  it('slices like Array.prototype.slice, across chunks', () => {
    const items = Array.from({ length: 1000 }, (_, i) => i)
    const list = SortedList.from(items, ascending)
    for (const [start, end] of [[0, 50], [50, 100], [60, 200], [63, 65], [990, 1000], [990, 2000], [1000, 1050], [0, 0]] as const) {
      expect(list.slice(start, end)).toEqual(items.slice(start, end))
    }
    expect(list.slice(500)).toEqual(items.slice(500))
  })

  it('stays sorted through many inserts into one place and many removals', () => {
    // Every insert lands in the first chunk: it grows past twice its size and splits, again and again.
    let list = SortedList.from([1_000_000], ascending)
    const model = [1_000_000]
    for (let i = 999; i >= 0; i--) {
      list = list.insert(i)
      model.unshift(i)
    }
    expect(list.toArray()).toEqual(model)
    for (let i = 0; i < 1000; i += 3) list = list.remove(i)
    expect(list.toArray()).toEqual(model.filter((n) => n % 3 !== 0 || n > 999))
  })

  it('agrees with a sorted array under random inserts and removals', () => {
    const next = numbers(42)
    let list = SortedList.from<number>([], ascending)
    let model: number[] = []
    for (let step = 0; step < 3000; step++) {
      const value = next() % 5000
      if (next() % 3 === 0 && model.includes(value)) {
        list = list.remove(value)
        model.splice(model.indexOf(value), 1)
      } else if (!model.includes(value)) {
        list = list.insert(value)
        model = [...model, value].sort(ascending)
      }
    }
    expect(list.length).toBe(model.length)
    expect([...list]).toEqual(model)
    expect(list.slice(100, 300)).toEqual(model.slice(100, 300))
  })
})
