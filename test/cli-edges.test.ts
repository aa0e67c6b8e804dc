import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const cli = new URL('../src/cli.ts', import.meta.url).pathname

/** `raster-mock <args>` until it prints its banner (then stopped) or exits: what it wrote, and how it ended. */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
    if (stdout.includes('stop: Ctrl+C')) child.kill('SIGTERM')
  })
  child.stderr.on('data', (chunk) => (stderr += chunk))
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })))
}

describe('raster-mock: bad flags and a busy port get a message that says what to change, without the usage', { timeout: 60_000 }, () => {
  it('a negative or too large port', async () => {
    const ports = ['-1', '65536', '40.5', 'http']
    const runs = await Promise.all(ports.map((port) => run(['--port', port])))
    expect(runs).toEqual(
      ports.map((port) => ({ code: 2, stdout: '', stderr: `raster-mock: --port must be a port number from 0 to 65535 (0: any free port), got "${port}".\n` })),
    )
  })

  it('a flag without its value', async () => {
    const [last, beforeAnother] = await Promise.all([run(['--port']), run(['--scenario', '--quiet'])])
    expect(last).toMatchObject({ code: 2, stderr: 'raster-mock: --port needs a value (raster-mock --help lists every option).\n' })
    expect(beforeAnother).toMatchObject({ code: 2, stderr: 'raster-mock: --scenario needs a value (raster-mock --help lists every option).\n' })
  })

  it('a scenario typo names the closest scenario', async () => {
    const { code, stderr } = await run(['--scenario', 'library-lokced'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^raster-mock: --scenario: Unknown scenario "library-lokced"\. Did you mean "library-locked"\? Known scenarios: default, .*\.\n$/)
  })

  it('a misspelt flag names the flag it meant, then the usage', async () => {
    const { code, stderr } = await run(['--prot', '4010'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^raster-mock: Unknown option '--prot'\. Did you mean --port\?\n\nUsage: raster-mock/)
  })

  describe('a port in use', () => {
    const busy = createServer()
    let port: number
    beforeAll(async () => {
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
      port = (busy.address() as { port: number }).port
    })
    afterAll(() => new Promise((resolve) => busy.close(resolve)))

    it('says so and what to do, once', async () => {
      const { code, stderr } = await run(['--port', String(port)])
      expect(code).toBe(2)
      expect(stderr).toBe(
        `raster-mock: port ${port} on 127.0.0.1 is already in use (another raster-mock, or another server?). Stop it, or pick another port: --port ${port + 1}, or --port 0 for any free one.\n`,
      )
    })
  })
})

describe("raster-mock's banner lists the keys of the world it serves", { timeout: 60_000 }, () => {
  const keysLine = (stdout: string) => stdout.split('\n').find((line) => line.startsWith('  keys: '))
  const tryLine = (stdout: string) => stdout.split('\n').find((line) => line.startsWith('  try: '))

  it("the scenario's: key-revoked has no pk_monogram_write, and the try line uses a key that is there", async () => {
    const { stdout } = await run(['--port', '0', '--scenario', 'key-revoked'])
    expect(keysLine(stdout)).toBe('  keys: pk_monogram_read, pk_monogram_tokyo, pk_acme_write, pk_northwind_write, pk_unclaimed_demo')
    expect(tryLine(stdout)).toContain('Bearer pk_monogram_read')
  })

  it("the config's, after the fixture's", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'raster-banner-'))
    const config = join(dir, 'raster-mock.config.mjs')
    writeFileSync(
      config,
      `export default { world: (world) => world.createKey({ id: 'pk_our_write', organizationId: 'monogram-labs', grants: { barcelona: 'write' } }) }\n`,
    )
    const { stdout } = await run(['--port', '0', '--config', config])
    expect(keysLine(stdout)).toBe('  keys: pk_monogram_write, pk_monogram_read, pk_monogram_tokyo, pk_acme_write, pk_northwind_write, pk_unclaimed_demo, pk_our_write')
  })
})
