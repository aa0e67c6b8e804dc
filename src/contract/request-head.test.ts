import { describe, expect, it } from 'vitest'
import { requestHead } from './request-head.js'

describe('a request head over Node headers', () => {
  it('reads headers as Headers.get does: any case, repeats joined, absent as null, edges trimmed', () => {
    const raw = { 'api-version': '2026-05-20', 'set-cookie': ['a=1', 'b=2'], 'x-mock-session': ' s1\t' }
    const head = requestHead('GET', 'http://127.0.0.1:4010/me', raw)
    const web = new Headers()
    for (const [name, value] of Object.entries(raw)) web.set(name, Array.isArray(value) ? value.join(', ') : value)
    for (const name of ['Api-Version', 'set-cookie', 'X-Mock-Session', 'Authorization']) expect(head.headers.get(name)).toBe(web.get(name))
    expect(head.headers.get('Set-Cookie')).toBe('a=1, b=2')
    expect(head.headers.get('authorization')).toBeNull()
    expect(head).toMatchObject({ method: 'GET', url: 'http://127.0.0.1:4010/me' })
  })
})
