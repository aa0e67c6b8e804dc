/**
 * Section 4, second row, in a process of its own (so nothing the other sections
 * leave behind is collected halfway and hides the growth): the heap before and
 * after 10,000 uploads of small distinct PNGs, 500 requests of 20, printed as JSON.
 */
import { setupServer } from 'msw/node'
import { createRasterMock } from '../src/index.js'
import { unhandledRequests } from '../src/msw-compat.js'
import { apiHeaders, assetsPath } from './fixtures.js'
import { heapMB } from './measure.js'

/** A valid 1×1 PNG made distinct by a counter after its IEND chunk, where readers stop. */
function tinyPng(n: number): Uint8Array<ArrayBuffer> {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
  return new Uint8Array(Buffer.concat([png, Buffer.from(String(n))]))
}

const mock = createRasterMock()
const server = setupServer(...mock.handlers)
server.listen(unhandledRequests('error'))
const url = `${mock.runtime.baseUrl}${assetsPath}`
await fetch(url, { headers: apiHeaders })
const before = heapMB()
const started = performance.now()
for (let request = 0; request < 500; request++) {
  const form = new FormData()
  for (let i = 0; i < 20; i++) form.append('files', new File([tinyPng(request * 20 + i)], `u${request}-${i}.png`, { type: 'image/png' }))
  const response = await fetch(url, { method: 'POST', headers: apiHeaders, body: form })
  if (!response.ok) throw new Error(`upload ${request} failed: ${response.status} ${await response.text()}`)
}
const ms = performance.now() - started
const after = heapMB()
server.close()
console.log(JSON.stringify({ before, after, ms, assets: mock.db.assets.count() }))
