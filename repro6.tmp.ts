import { Agent, request } from 'node:http'
import { startServer } from './src/server.js'
const s = await startServer({ port: 0, log: true })
function send(agent: Agent, method: string, path: string, headers: Record<string,string>, body?: Buffer|string) {
  return new Promise<string>((resolve) => {
    const t0 = performance.now()
    const r = request(`${s.url}${path}`, { agent, method, headers }, (res) => { res.resume(); res.on('end', () => resolve(`${res.statusCode} reused=${r.reusedSocket} conn=${res.headers.connection} ${(performance.now()-t0).toFixed(0)}ms`)) })
    r.on('error', (e) => resolve(`error ${e.message} ${(performance.now()-t0).toFixed(0)}ms`))
    r.end(body)
  })
}
for (const parts of [200, 2000]) {
  const part = `--b\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n${'x'.repeat(500)}\r\n`
  const body = Buffer.from(part.repeat(parts) + '--b--\r\n')
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  console.log(parts, await send(agent, 'POST', '/organizations/monogram-labs/libraries/lisbon/assets', { Authorization: 'Bearer nope', 'Api-Version': '2026-05-20', 'Content-Type': 'multipart/form-data; boundary=b' }, body))
  console.log(parts, await send(agent, 'GET', '/me', { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' }))
  agent.destroy()
}
await s.close()
