import { describe, expect, it } from 'vitest'
import { geometry, parseTransform, type Transform } from './transform.js'

const parse = (query: string, accept: string | null = null) => parseTransform(new URLSearchParams(query), accept)
const box = (transform: Partial<Transform>) => ({ fit: 'clip' as const, negotiated: false, ...transform })

describe('parseTransform', () => {
  it('is undefined without a resize parameter, whatever else the query holds', () => {
    expect(parse('')).toBeUndefined()
    expect(parse('s=abc&ixlib=js&blur=20')).toBeUndefined()
  })

  it('reads either name of a side, w before width, and scales by dpr within the caps', () => {
    expect(parse('width=300')).toMatchObject({ width: 300, fit: 'clip' })
    expect(parse('w=200&width=900')).toMatchObject({ width: 200 })
    expect(parse('w=300&h=100&dpr=2')).toMatchObject({ width: 600, height: 200 })
    expect(parse('w=300&dpr=1.5')).toMatchObject({ width: 450 })
    expect(parse('w=100&dpr=100')).toMatchObject({ width: 500 })
    expect(parse('w=5000')).toMatchObject({ width: 4096 })
    expect(parse('w=3000&dpr=2')).toMatchObject({ width: 4096 })
  })

  it('picks WebP for auto=format when Accept names it, and lets fm win', () => {
    expect(parse('auto=format', 'image/avif,image/webp,*/*')).toMatchObject({ format: 'webp', negotiated: true })
    expect(parse('auto=compress,format', 'image/png')).toMatchObject({ format: undefined, negotiated: true })
    expect(parse('auto=format&fm=png', 'image/webp')).toMatchObject({ format: 'png', negotiated: false })
    expect(parse('auto=compress', 'image/webp')).toMatchObject({ format: undefined, negotiated: false })
    expect(parse('fm=JPEG')).toMatchObject({ format: 'jpeg' })
  })

  it('throws BAD_USER_INPUT naming the parameter for malformed values', () => {
    for (const query of ['w=0', 'w=', 'h=-1', 'w=1e3x', 'h=2.5', 'dpr=0', 'dpr=abc', 'fm=avif', 'q=101', 'q=7.5', 'fit=scale']) {
      expect(() => parse(query), query).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(new RegExp(`^${query[0]}`)) }))
    }
  })
})

describe('geometry', () => {
  it('clip fits inside the box, enlarging; max never enlarges', () => {
    expect(geometry(box({ width: 400 }), 6000, 4000)).toMatchObject({ width: 400, height: 267 })
    expect(geometry(box({ width: 400, height: 400 }), 6000, 4000)).toMatchObject({ width: 400, height: 267 })
    expect(geometry(box({ width: 800 }), 400, 300)).toMatchObject({ width: 800, height: 600 })
    expect(geometry(box({ width: 800, fit: 'max' }), 400, 300)).toMatchObject({ width: 400, height: 300 })
  })

  it('crop fills the box and takes the middle of the source', () => {
    expect(geometry(box({ width: 100, height: 100, fit: 'crop' }), 400, 200)).toEqual({
      width: 100,
      height: 100,
      crop: { x: 100, y: 0, width: 200, height: 200 },
      draw: { x: 0, y: 0, width: 100, height: 100 },
    })
  })

  it('fill pads the fitted image to the box, centred', () => {
    expect(geometry(box({ width: 100, height: 100, fit: 'fill' }), 400, 200)).toMatchObject({ width: 100, height: 100, draw: { x: 0, y: 25, width: 100, height: 50 } })
  })

  it('keeps the side the box did not set within the cap', () => {
    expect(geometry(box({ width: 4000 }), 1000, 10_000)).toMatchObject({ width: 410, height: 4096 })
  })
})
