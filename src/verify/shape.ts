import { finding, type Finding } from './findings.js'

type Kind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object'
/** A timestamp's spelling: the API's own unix milliseconds, or an ISO 8601 string. */
type Format = 'unix-ms' | 'iso-8601'

/**
 * The shape of a JSON value with its values left out: the kinds it took, the timestamp formats among them, an
 * object's fields (with how many of the objects had each) and an array's elements, merged into one shape.
 */
export interface Shape {
  kinds: Set<Kind>
  formats: Set<Format>
  /** How many objects were merged; a field seen fewer times is optional. */
  objects: number
  fields: Map<string, { shape: Shape; seen: number }>
  /** The merged shape of every element; undefined while every array seen was empty. */
  items: Shape | undefined
}

const emptyShape = (): Shape => ({ kinds: new Set(), formats: new Set(), objects: 0, fields: new Map(), items: undefined })

// Unix milliseconds between 2001 and 2286: no count or size of the API comes near, every timestamp does.
const unixMs = (value: number) => Number.isInteger(value) && value >= 1e12 && value < 1e13
const iso8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/** Adds `value` to `shape`, skipping the paths `skip` names (`[]` for any element). */
export function addValue(shape: Shape, value: unknown, path = '$', skip: ReadonlySet<string> = new Set()): Shape {
  if (skip.has(path)) return shape
  if (value === null) shape.kinds.add('null')
  else if (Array.isArray(value)) {
    shape.kinds.add('array')
    for (const item of value) shape.items = addValue(shape.items ?? emptyShape(), item, `${path}[]`, skip)
  } else if (typeof value === 'object') {
    shape.kinds.add('object')
    shape.objects++
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const innerPath = `${path}.${key}`
      if (skip.has(innerPath)) continue
      const field = shape.fields.get(key) ?? { shape: emptyShape(), seen: 0 }
      field.seen++
      shape.fields.set(key, field)
      addValue(field.shape, inner, innerPath, skip)
    }
  } else if (typeof value === 'number') {
    shape.kinds.add('number')
    if (unixMs(value)) shape.formats.add('unix-ms')
  } else if (typeof value === 'string') {
    shape.kinds.add('string')
    if (iso8601.test(value)) shape.formats.add('iso-8601')
  } else if (typeof value === 'boolean') shape.kinds.add('boolean')
  return shape
}

/** The merged shape of several answers to the same request. */
export function shapeOf(values: readonly unknown[], skip: ReadonlySet<string> = new Set()): Shape {
  const shape = emptyShape()
  for (const value of values) addValue(shape, value, '$', skip)
  return shape
}

/** A shape in a few words, for a finding: `string | null`, `object {id, name}`, `array of number`. */
export function describe(shape: Shape): string {
  const kinds = [...shape.kinds].sort().map((kind) => {
    if (kind === 'object') return `object {${[...shape.fields.keys()].sort().join(', ')}}`
    if (kind === 'array') return shape.items ? `array of ${describe(shape.items)}` : 'empty array'
    if (kind === 'number' && shape.formats.has('unix-ms')) return 'number (unix ms)'
    if (kind === 'string' && shape.formats.has('iso-8601')) return 'string (ISO 8601)'
    return kind
  })
  return kinds.join(' | ') || 'nothing'
}

const nonNull = (shape: Shape) => [...shape.kinds].filter((kind) => kind !== 'null').sort()
const sameKinds = (a: Kind[], b: Kind[]) => a.length === b.length && a.every((kind, i) => kind === b[i])
const timestamp = (shape: Shape) => shape.formats.size > 0

/** Two shapes the same at every depth: how a renamed field is told from a missing one and an invented one. */
function sameShape(a: Shape, b: Shape): boolean {
  if (!sameKinds([...a.kinds].sort(), [...b.kinds].sort())) return false
  if (a.fields.size !== b.fields.size) return false
  for (const [key, field] of a.fields) {
    const other = b.fields.get(key)
    if (!other || !sameShape(field.shape, other.shape)) return false
  }
  if (a.items && b.items) return sameShape(a.items, b.items)
  return true
}

const isOnlyNull = (shape: Shape) => shape.kinds.size === 1 && shape.kinds.has('null')

/** The shape at `path` (`$.data[].views[]`) below `root`, if the answers merged in it reached there. */
export function shapeAt(root: Shape | undefined, path: string): Shape | undefined {
  let shape = root
  for (const [, field, element] of path.slice(1).matchAll(/\.([^.[]+)|(\[\])/g)) {
    shape = element ? shape?.items : shape?.fields.get(field!)?.shape
  }
  return shape
}

/** Each side's answers to every probe of one action, merged: where a list empty in one answer finds its elements. */
export interface Fallback {
  real: Shape
  mock: Shape
}

/**
 * The differences of shape between the real API's answer (`real`) and the mock's (`mock`), at `path` and below:
 * kinds, timestamps, `null` against absent, fields both ways (one the mock lacks is an error, one it invents a
 * warning, one of each with the same shape a rename), array elements by their merged shape. A list empty on one
 * side takes its elements' shape from that side's other answers of the same action (`fallback`), if any had some.
 */
export function diffShapes(probe: string, real: Shape, mock: Shape, path = '$', fallback?: Fallback): Finding[] {
  const realKinds = nonNull(real)
  const mockKinds = nonNull(mock)
  if (realKinds.length && mockKinds.length && !sameKinds(realKinds, mockKinds)) {
    const kind = timestamp(real) || timestamp(mock) ? 'timestamp-format' : 'type'
    return [finding(probe, kind, path, describe(real), describe(mock))]
  }
  if (timestamp(real) !== timestamp(mock) && realKinds.length && mockKinds.length) {
    return [finding(probe, 'timestamp-format', path, describe(real), describe(mock))]
  }
  // One side only ever null: its type is unverified when both sides sent null, else the values may just differ.
  if ((realKinds.length === 0) !== (mockKinds.length === 0) && (isOnlyNull(real) || isOnlyNull(mock))) {
    const bothNull = real.kinds.has('null') && mock.kinds.has('null')
    return [finding(probe, bothNull ? 'unverified' : 'nullability', path, describe(real), describe(mock))]
  }
  const found: Finding[] = []
  if (real.kinds.has('object') && mock.kinds.has('object')) found.push(...diffFields(probe, real, mock, path, fallback))
  if (real.kinds.has('array') && mock.kinds.has('array') && (real.items || mock.items)) {
    const at = `${path}[]`
    const realItems = real.items ?? shapeAt(fallback?.real, at)
    const mockItems = mock.items ?? shapeAt(fallback?.mock, at)
    if (realItems && mockItems) found.push(...diffShapes(probe, realItems, mockItems, at, fallback))
    else {
      // An empty list on one side, here and in its other answers: nothing to hold the other side's elements against.
      found.push(finding(probe, 'unverified', at, realItems ? describe(realItems) : 'empty array', mockItems ? describe(mockItems) : 'empty array'))
    }
  }
  return found
}

function diffFields(probe: string, real: Shape, mock: Shape, path: string, fallback: Fallback | undefined): Finding[] {
  const found: Finding[] = []
  const missing = [...real.fields.keys()].filter((key) => !mock.fields.has(key))
  const extra = [...mock.fields.keys()].filter((key) => !real.fields.has(key))
  const renamed = missing.length === 1 && extra.length === 1 && sameShape(real.fields.get(missing[0]!)!.shape, mock.fields.get(extra[0]!)!.shape)
  if (renamed) {
    found.push(finding(probe, 'renamed-field', `${path}.${missing[0]}`, missing[0]!, extra[0]!))
  } else {
    // A field only some of one side's objects have is sent on a condition (a search highlight): the other side's
    // data may just not have met it, so its absence is unverified rather than drift.
    for (const key of missing) {
      const { shape, seen } = real.fields.get(key)!
      const kind = seen < real.objects ? 'unverified' : isOnlyNull(shape) ? 'null-absent' : 'missing-field'
      found.push(finding(probe, kind, `${path}.${key}`, seen < real.objects ? `${describe(shape)}, in some objects` : describe(shape), 'absent'))
    }
    for (const key of extra) {
      const { shape, seen } = mock.fields.get(key)!
      const kind = seen < mock.objects ? 'unverified' : isOnlyNull(shape) ? 'null-absent' : 'extra-field'
      found.push(finding(probe, kind, `${path}.${key}`, 'absent', seen < mock.objects ? `${describe(shape)}, in some objects` : describe(shape)))
    }
  }
  for (const [key, field] of real.fields) {
    const other = mock.fields.get(key)
    if (other) found.push(...diffShapes(probe, field.shape, other.shape, `${path}.${key}`, fallback))
  }
  return found
}

/**
 * The paths (`[]` for any element) whose values differ between two answers to the same request: volatile, so left
 * out of the comparison. An array's elements are compared by position.
 */
export function volatilePaths(a: unknown, b: unknown, path = '$', into = new Set<string>()): Set<string> {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) volatilePaths(a[i], b[i], `${path}[]`, into)
  } else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const left = a as Record<string, unknown>
    const right = b as Record<string, unknown>
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      if (!(key in left) || !(key in right)) into.add(`${path}.${key}`)
      else volatilePaths(left[key], right[key], `${path}.${key}`, into)
    }
  } else if (a !== b) into.add(path)
  return into
}
