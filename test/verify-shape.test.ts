import { describe, expect, it } from 'vitest'
import { diffShapes, shapeOf, volatilePaths } from '../src/verify/shape.js'

/** The findings between a real answer and the mock's, as kind, path, severity and both sides. */
const diff = (real: unknown, mock: unknown) =>
  diffShapes('p', shapeOf([real]), shapeOf([mock])).map(({ kind, path, severity, real, mock }) => ({ kind, path, severity, real, mock }))

describe('the shape diff', () => {
  it('ignores values', () => {
    expect(diff({ id: 'a', n: 1, tags: ['x'], at: 1779107379616 }, { id: 'bcd', n: 200, tags: ['y', 'z'], at: 1700000000000 })).toEqual([])
  })

  it('tells a field the mock lacks (error) from one it invents (warning)', () => {
    expect(diff({ a: 1, b: 'x', c: true }, { a: 1, d: null, e: [] })).toEqual([
      { kind: 'missing-field', path: '$.b', severity: 'error', real: 'string', mock: 'absent' },
      { kind: 'missing-field', path: '$.c', severity: 'error', real: 'boolean', mock: 'absent' },
      { kind: 'null-absent', path: '$.d', severity: 'error', real: 'absent', mock: 'null' },
      { kind: 'extra-field', path: '$.e', severity: 'warning', real: 'absent', mock: 'empty array' },
    ])
  })

  it('reports one field missing and one invented with the same shape as a rename', () => {
    expect(diff({ variants: [{ id: 'a' }] }, { views: [{ id: 'b' }] })).toEqual([
      { kind: 'renamed-field', path: '$.variants', severity: 'error', real: 'variants', mock: 'views' },
    ])
  })

  it('keeps null distinct from absent', () => {
    expect(diff({ thumbUrl: null }, {})).toEqual([{ kind: 'null-absent', path: '$.thumbUrl', severity: 'error', real: 'null', mock: 'absent' }])
  })

  it('reports a type change, and a timestamp in another format as its own kind', () => {
    expect(diff({ size: 1, created: 1779107379616 }, { size: '1', created: '2026-05-20T00:00:00.000Z' })).toEqual([
      { kind: 'type', path: '$.size', severity: 'error', real: 'number', mock: 'string' },
      { kind: 'timestamp-format', path: '$.created', severity: 'error', real: 'number (unix ms)', mock: 'string (ISO 8601)' },
    ])
    expect(diff({ expiresAt: '2026-06-18T00:00:00Z' }, { expiresAt: 'soon' })).toEqual([
      { kind: 'timestamp-format', path: '$.expiresAt', severity: 'error', real: 'string (ISO 8601)', mock: 'string' },
    ])
  })

  it('compares arrays by the merged shape of their elements: a field only some elements have is optional, not missing', () => {
    const real = [{ id: 'a', highlights: { name: 'x', tags: [] } }, { id: 'b', highlights: { tags: ['t'] } }]
    expect(diff(real, [{ id: 'c', highlights: { name: 'y', tags: ['u'] } }])).toEqual([])
    expect(diff(real, [{ id: 'c', highlights: { tags: ['t'] } }])).toEqual([
      { kind: 'unverified', path: '$[].highlights.name', severity: 'info', real: 'string, in some objects', mock: 'absent' },
    ])
    expect(diff([{ n: 1 }, { n: 'x' }], [{ n: 1 }])).toEqual([{ kind: 'type', path: '$[].n', severity: 'error', real: 'number | string', mock: 'number' }])
  })

  it('holds a list empty on one side against the same action’s other answers, when they had elements', () => {
    const fallback = { real: shapeOf([{ data: [{ views: [{ id: 'v' }] }] }]), mock: shapeOf([{ data: [{ views: [] }] }]) }
    const findings = (real: unknown, mock: unknown) =>
      diffShapes('p', shapeOf([real]), shapeOf([mock]), '$', fallback).map(({ kind, path, real, mock }) => ({ kind, path, real, mock }))
    expect(findings({ data: [{ views: [] }] }, { data: [{ views: [{ id: 'w' }] }] })).toEqual([])
    expect(findings({ data: [{ views: [] }] }, { data: [{ views: [{ id: 2 }] }] })).toEqual([{ kind: 'type', path: '$.data[].views[].id', real: 'string', mock: 'number' }])
    expect(findings({ data: [{ views: [{ id: 'v' }] }] }, { data: [{ views: [] }] })).toEqual([
      { kind: 'unverified', path: '$.data[].views[]', real: 'object {id}', mock: 'empty array' },
    ])
  })

  it('marks a list empty on one side unverified', () => {
    expect(diff({ data: [] }, { data: [{ id: 'a' }] })).toEqual([{ kind: 'unverified', path: '$.data[]', severity: 'info', real: 'empty array', mock: 'object {id}' }])
    expect(diff({ data: [] }, { data: [] })).toEqual([])
  })

  it('warns when one side is only ever null where the other has a value, and leaves a type both sides null unverified', () => {
    expect(diff({ name: 'x' }, { name: null })).toEqual([{ kind: 'nullability', path: '$.name', severity: 'warning', real: 'string', mock: 'null' }])
    expect(diff([{ name: 'x' }, { name: null }], [{ name: null }])).toEqual([
      { kind: 'unverified', path: '$[].name', severity: 'info', real: 'null | string', mock: 'null' },
    ])
  })
})

describe('volatile paths', () => {
  it('are the paths whose values differ between two answers, elements by position', () => {
    const first = { data: { id: 'a', requestId: 'r1', items: [{ n: 1, at: 1 }], extra: 1 } }
    const second = { data: { id: 'a', requestId: 'r2', items: [{ n: 1, at: 2 }] } }
    expect([...volatilePaths(first, second)].sort()).toEqual(['$.data.extra', '$.data.items[].at', '$.data.requestId'])
  })

  it('are left out of the shape', () => {
    const real = shapeOf([{ a: 1, b: 2 }], new Set(['$.b']))
    expect(diffShapes('p', real, shapeOf([{ a: 1, b: 'x' }])).map((found) => found.kind)).toEqual(['extra-field'])
  })
})
