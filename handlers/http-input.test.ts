import { describe, expect, it } from 'vitest'
import { jsonBody, listParam, multipartBody, numberParam } from './http-input.js'

const url = (query: string) => new URL(`https://api.raster.app/organizations/monogram-labs/libraries/barcelona/assets?${query}`)
const post = (body: BodyInit | null, init: RequestInit = {}) => new Request('https://api.raster.app/x', { method: 'POST', body, ...init })

/** The failure a call rejects with, as a client sees it: code, status and message. */
async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => expect.fail('expected a failure'),
    (thrown: { code: string; status: number; message: string }) => thrown,
  )
  return { code: error.code, status: error.status, message: error.message }
}
const badInput = (message: string) => ({ code: 'BAD_USER_INPUT', status: 400, message })

describe('numberParam', () => {
  it('is undefined when absent, else the number, left for the operation to judge', () => {
    expect(numberParam(url(''), 'page')).toBeUndefined()
    expect(numberParam(url('page=2'), 'page')).toBe(2)
    expect(numberParam(url('page=1.5'), 'page')).toBe(1.5)
    expect(numberParam(url('page=-1'), 'page')).toBe(-1)
  })

  it('is NaN for an empty value or one that is not a number', () => {
    expect(numberParam(url('page='), 'page')).toBeNaN()
    expect(numberParam(url('page=%20'), 'page')).toBeNaN()
    expect(numberParam(url('pageSize=ten'), 'pageSize')).toBeNaN()
  })
})

describe('listParam', () => {
  it('reads a list comma-separated or repeated (`tags=a,b` or `tags=a&tags=b`), or both', () => {
    expect(listParam(url('tags=beach,food'), 'tags')).toEqual(['beach', 'food'])
    expect(listParam(url('tags=beach&tags=food'), 'tags')).toEqual(['beach', 'food'])
    expect(listParam(url('tags=beach,food&tags=sky'), 'tags')).toEqual(['beach', 'food', 'sky'])
  })

  it('is undefined when absent, and drops empty items', () => {
    expect(listParam(url('pageSize=1'), 'tags')).toBeUndefined()
    expect(listParam(url('tags=beach,,food,%20'), 'tags')).toEqual(['beach', 'food'])
    expect(listParam(url('tags='), 'tags')).toEqual([])
  })

  it('decodes the values as a query string does', () => {
    expect(listParam(url('tags=caf%C3%A9,a%2Cb'), 'tags')).toEqual(['café', 'a', 'b'])
  })
})

describe('jsonBody', () => {
  it('reads a JSON object', async () => {
    expect(await jsonBody(post('{"ids":["a"]}'))).toEqual({ ids: ['a'] })
  })

  it('reads an empty body as {}, so the operation names the missing fields', async () => {
    expect(await jsonBody(post(null))).toEqual({})
    expect(await jsonBody(post(' \n'))).toEqual({})
  })

  it('refuses a body that is not JSON', async () => {
    expect(await failure(jsonBody(post('{ids')))).toEqual(badInput('Invalid JSON body.'))
  })

  it('refuses JSON that is not an object', async () => {
    for (const body of ['["abc"]', 'null', '"x"', '1']) {
      expect(await failure(jsonBody(post(body)))).toEqual(badInput('The JSON body must be an object.'))
    }
  })

  it('refuses a body whose stream fails midway, as the client’s fault', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"ids":'))
        controller.error(new Error('connection reset'))
      },
    })
    const request = post(broken, { duplex: 'half' } as RequestInit)
    expect(await failure(jsonBody(request))).toEqual(badInput('The request body could not be read to its end.'))
  })

  it('refuses a body of a request its client aborted', async () => {
    const aborted = AbortSignal.abort()
    expect(await failure(jsonBody(post('{}', { signal: aborted })))).toEqual(badInput('The request body could not be read to its end.'))
  })
})

describe('multipartBody', () => {
  it('reads a multipart/form-data upload', async () => {
    const form = new FormData()
    form.append('files', new File(['hello'], 'a.png', { type: 'image/png' }))
    form.append('parentId', 'x')
    const read = await multipartBody(post(form))
    expect(read.get('parentId')).toBe('x')
    expect((read.get('files') as File).name).toBe('a.png')
  })

  it('refuses a body of another type', async () => {
    const message = 'An upload must be sent as multipart/form-data with one or more files fields.'
    expect(await failure(multipartBody(post('{"files":[]}', { headers: { 'Content-Type': 'application/json' } })))).toEqual(badInput(message))
    expect(await failure(multipartBody(post(null)))).toEqual(badInput(message))
  })

  it('refuses a multipart body that does not parse', async () => {
    const request = post('not multipart at all', { headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' } })
    expect(await failure(multipartBody(request))).toEqual(badInput('The multipart/form-data body could not be read.'))
  })
})
