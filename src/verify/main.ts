import { readFile, writeFile } from 'node:fs/promises'
import { parseVerifyArgs, UsageError, verifyUsage } from './cli-args.js'
import { CouldNotVerify } from './errors.js'
import { RefusedRequest } from './guard.js'
import type { Exchange } from './exchange.js'
import { harOrigin, toHar, type Har } from './har.js'
import { baselineOf, failing, plural, scrubber, summaryTable, type Baseline } from './report.js'
import { currentVersion, runVerify } from './run.js'
import type { RetryPolicy } from './sides.js'

/** Where verify reads and writes: the process's by default, a test's own. */
export interface VerifyIO {
  env: Readonly<Record<string, string | undefined>>
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Draw the progress line (a terminal). */
  progress: boolean
  fetch: typeof fetch
  retries?: RetryPolicy
}

const processIO = (): VerifyIO => ({
  env: process.env,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  progress: process.stderr.isTTY === true,
  fetch: globalThis.fetch,
})

/** Exit codes (docs/verify.md, "Exit codes"). */
export const exitCodes = { faithful: 0, drift: 1, usage: 2, couldNotVerify: 3 } as const

/** A JSON file of the kind `valid` recognizes, or a UsageError naming it. */
async function readJson<T>(file: string, what: string, valid: (value: any) => boolean): Promise<T> {
  let value: unknown
  try {
    value = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${file}: ${(error as Error).message}`)
  }
  if (!valid(value)) throw new UsageError(`${file} is not ${what}.`)
  return value as T
}

/**
 * `raster-mock verify …`: runs the comparison and says how it went, on the terminal, in the files asked for and
 * in the exit code. Never throws; every text it writes has the key masked.
 */
export async function verifyMain(argv: readonly string[], io: VerifyIO = processIO()): Promise<number> {
  let key: string | undefined
  const scrub = (text: string) => scrubber(key)(text)
  const out = (text: string) => io.stdout(scrub(text))
  const err = (text: string) => io.stderr(scrub(text))
  try {
    const args = parseVerifyArgs(argv, io.env)
    if (args.help) {
      out(`${verifyUsage}\n`)
      return exitCodes.faithful
    }
    key = args.key
    if (args.keyFromFlag) err('raster-mock verify: warning: --key shows the key in your shell history and the process list; prefer RASTER_API_KEY.\n')
    const replay = args.from === undefined ? undefined : await readJson<Har>(args.from, 'a HAR recording', (har) => Array.isArray(har?.log?.entries))
    const against = args.against ?? (replay && harOrigin(replay))
    if (!against) throw new UsageError(`the recording ${args.from} holds no request.`)
    const baseline = args.baseline === undefined || args.updateBaseline ? undefined : await readJson<Baseline>(args.baseline, 'a baseline', (baseline) => Array.isArray(baseline?.accepted))
    const apiVersion = args.apiVersion ?? currentVersion
    err(`raster-mock verify: ${replay ? `replaying ${args.from}` : `${against} with key ${key ? scrub(key) : '(none)'}`}, Api-Version ${apiVersion}\n`)
    const clearLine = () => io.progress && err('\r\u001b[2K')
    const exchanges: Exchange[] = []
    // A recording is written even when the run cannot finish: it shows what the API answered.
    const record = () => args.record && writeFile(args.record, `${JSON.stringify(toHar(exchanges, scrub), null, 2)}\n`)
    const report = await runVerify({
      against,
      key,
      apiVersion,
      real: replay ? { replay } : { fetch: io.fetch, ...(io.retries ? { retries: io.retries } : {}) },
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      ...(baseline ? { baseline } : {}),
      ...(args.writes ? { writes: args.writes } : {}),
      progress: (done, total, probe) => io.progress && err(`\r\u001b[2K[${done}/${total}] ${probe}`),
      announce: (text) => (clearLine(), err(`${text}\n`)),
      exchanged: (exchange) => exchanges.push(exchange),
    }).finally(async () => {
      clearLine()
      await record()
    })
    if (args.report) await writeFile(args.report, scrub(`${JSON.stringify(report, null, 2)}\n`))
    if (args.baseline && args.updateBaseline) {
      await writeFile(args.baseline, scrub(`${JSON.stringify(baselineOf(report), null, 2)}\n`))
      out(`${summaryTable(report)}\nbaseline: ${plural(report.findings.length, 'finding')} accepted in ${args.baseline}\n`)
      return exitCodes.faithful
    }
    out(`${summaryTable(report)}\n`)
    return failing(report).length > 0 ? exitCodes.drift : exitCodes.faithful
  } catch (error) {
    if (error instanceof UsageError) {
      err(`raster-mock verify: ${error.message}\n\n${verifyUsage}\n`)
      return exitCodes.usage
    }
    if (error instanceof CouldNotVerify || error instanceof RefusedRequest) {
      err(`raster-mock verify: could not verify: ${error.message}\n`)
      return exitCodes.couldNotVerify
    }
    err(`raster-mock verify: could not verify: ${(error as Error).stack ?? String(error)}\n`)
    return exitCodes.couldNotVerify
  }
}

/** The `verify` subcommand of the `raster-mock` command: runs, lets stdout and stderr drain, exits with the code. */
export async function verifyCommand(argv: readonly string[]): Promise<never> {
  const code = await verifyMain(argv)
  await new Promise<void>((resolve) => process.stdout.write('', () => process.stderr.write('', () => resolve())))
  process.exit(code)
}
