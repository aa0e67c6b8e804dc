import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { dataAnswer, errorAnswer, immutableJson, toResponse } from './envelope.js'
import { RasterError } from './errors.js'

/** What a user sees of a response: status, headers, body. */
const seen = async (response: Response) => ({ status: response.status, statusText: response.statusText, headers: Object.fromEntries(response.headers), body: await response.text() })

describe('JSON answers', () => {
  it('make the response HttpResponse.json makes of the same envelope', async () => {
    const asset = immutableJson(Object.freeze({ id: 'a1', name: 'Façade' }))
    const cases: Array<[ReturnType<typeof dataAnswer>, Response]> = [
      [dataAnswer({ id: 'a1' }, 201), HttpResponse.json({ data: { id: 'a1' } }, { status: 201, headers: { Vary: 'Api-Version' } })],
      [dataAnswer([asset, asset]), HttpResponse.json({ data: [asset, asset] }, { headers: { Vary: 'Api-Version' } })],
      [dataAnswer(undefined), HttpResponse.json({ data: undefined }, { headers: { Vary: 'Api-Version' } })],
      [errorAnswer(new RasterError('NOT_FOUND')), HttpResponse.json({ error: { code: 'NOT_FOUND', message: new RasterError('NOT_FOUND').message } }, { status: 404, headers: { Vary: 'Api-Version' } })],
    ]
    for (const [answer, expected] of cases) expect(await seen(toResponse(answer))).toEqual(await seen(expected))
  })

  it('know their failure code without reading the body', () => {
    expect(errorAnswer(new RasterError('NOT_FOUND')).code).toBe('NOT_FOUND')
    expect(dataAnswer({}).code).toBeNull()
  })
})
