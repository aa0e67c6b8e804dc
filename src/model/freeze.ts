/**
 * Freezes `value` and every object inside it, and returns it. What the mock shares never changes once made — a
 * world's records (a write stores a new version, so layers above can share the old one) and the presented API
 * objects every request reuses — so a mistaken write throws instead of changing what others see.
 *
 * @example
 * const record = deepFreeze({ id: 'a1', tags: ['beach'] })
 * Object.isFrozen(record.tags) // true
 */
export function deepFreeze<T>(value: T): T {
  // An object already frozen is taken as frozen whole, so what is shared between values is walked once.
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    // Walked in place rather than through Object.values' array: a 100k world's load freezes every record.
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i])
    else for (const key in value) deepFreeze(value[key])
    Object.freeze(value)
  }
  return value
}
