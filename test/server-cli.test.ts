import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import { describe, expect, it } from 'vitest'

/** The `raster-mock` command as a user starts it: its banner, then a request to every address it names. */
function startCli(args: string[]): Promise<{ lines: string[]; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk
      // The banner ends with how to stop the server.
      if (out.includes('stop: Ctrl+C\n')) {
        resolve({
          lines: out.trimEnd().split('\n'),
          stop: () => new Promise((done) => (child.once('exit', (code) => done(code)), child.kill('SIGINT'))),
        })
      }
    })
    child.once('exit', (code) => reject(new Error(`raster-mock exited with ${code}: ${out}`)))
  })
}

describe('the raster-mock command', () => {
  it('prints where it listens, the control routes, how to pick a scenario and how to stop', async () => {
    const cli = await startCli([])
    try {
      const url = /^raster-mock listening on (http:\/\/127\.0\.0\.1:\d+) \(scenario: default\)$/.exec(cli.lines[0]!)?.[1]
      expect(url).toBeDefined()
      expect(cli.lines).toContain(
        `  control: GET /__mock/scenarios, GET /__mock/scenario, PUT /__mock/scenario, POST /__mock/reset, GET /__mock/requests, GET /__mock/clock, PUT /__mock/clock, POST /__mock/claim (curl and this server's pages; other pages need --admin-origin)`,
      )
      expect(cli.lines).toContain(`  scenarios: start with --scenario a,b, or switch: curl -X PUT -d '{"scenario":"library-locked"}' ${url}/__mock/scenario`)
      expect(cli.lines.at(-1)).toBe('  stop: Ctrl+C')
      // The README shows this banner as it is, on the default port.
      const readme = readFileSync('README.md', 'utf8')
      const shown = /It prints where it listens[^`]*```\n([\s\S]*?)\n```/.exec(readme)![1]
      expect(cli.lines.join('\n').replaceAll(url!, 'http://127.0.0.1:4010')).toBe(shown)
      expect(cli.lines.some((line) => line.includes('warning'))).toBe(false)
      // The switch the banner shows works as printed.
      const reply = await fetch(`${url}/__mock/scenario`, { method: 'PUT', body: '{"scenario":"library-locked"}' })
      expect(await reply.json()).toEqual({ data: { scenario: 'library-locked' } })
    } finally {
      expect(await cli.stop()).toBe(0)
    }
  })

  it('with --host 0.0.0.0 lists every address it is reachable at and warns that the control routes are open', async () => {
    const cli = await startCli(['--host', '0.0.0.0'])
    try {
      const port = /:(\d+) /.exec(cli.lines[0]!)![1]
      const ipv4 = Object.values(networkInterfaces()).flat().filter((address) => address?.family === 'IPv4').map((address) => `http://${address!.address}:${port}`)
      const reachable = cli.lines.find((line) => line.startsWith('  reachable at: '))!.slice('  reachable at: '.length).split(', ')
      expect(new Set(reachable)).toEqual(new Set(ipv4))
      expect(cli.lines).toContain(
        '  warning: --host 0.0.0.0 opens the mock to the network, control routes included: anyone who can reach it can reset it or switch its scenario (--no-admin turns them off).',
      )
      // Reached through loopback only: tests bind no other address.
      const me = await fetch(`http://127.0.0.1:${port}/me`, { headers: { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' } })
      expect(me.status).toBe(200)
    } finally {
      expect(await cli.stop()).toBe(0)
    }
  })

  it('refuses an --admin-origin that is not an origin', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', '0', '--admin-origin', 'localhost:5173/app'], { stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (chunk) => (err += chunk))
    const code = await new Promise((done) => child.once('exit', done))
    expect(code).toBe(2)
    expect(err).toContain('--admin-origin must be an origin like http://localhost:5173, got "localhost:5173/app".')
  })
})
