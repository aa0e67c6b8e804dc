import { parseArgs } from 'node:util'

export const verifyUsage = `Usage: raster-mock verify --against https://api.raster.app [--api-version 2026-05-20]
                          [--report report.json] [--baseline baseline.json [--update-baseline]]
                          [--record real.har] [--allow-writes --library <scratch id>] [--seed N]
       raster-mock verify --from real.har [--report …] [--baseline …]

Runs one suite against the real Raster API and against the mock (in process) and reports every
difference of status, error code and shape. The key is read from RASTER_API_KEY (--key works too,
but puts the key in your shell history and the process list: avoid it). The suite only reads,
unless --allow-writes --library <id> adds an upload → tag → describe → delete cycle in that
library. --record saves the real answers (without the key) as HAR; --from re-runs the comparison
from such a file, offline and without a key. --baseline accepts the findings it lists;
--update-baseline writes the current ones to it.
Exit codes: 0 faithful (beyond the baseline), 1 drift, 2 usage, 3 could not verify.
Reference: docs/verify.md.`

/** A command line verify can run, or why not. */
export interface VerifyArgs {
  against?: string
  key?: string
  /** The key came from --key: the user is warned. */
  keyFromFlag: boolean
  apiVersion?: string
  report?: string
  baseline?: string
  updateBaseline: boolean
  record?: string
  from?: string
  writes?: { library: string }
  seed?: number
  help: boolean
}

/** A command line that cannot run (exit code 2), with the reason. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Reads verify's arguments (after `verify`) and the environment's key; throws UsageError on any misuse. */
export function parseVerifyArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): VerifyArgs {
  let values
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        against: { type: 'string' },
        key: { type: 'string' },
        'api-version': { type: 'string' },
        report: { type: 'string' },
        baseline: { type: 'string' },
        'update-baseline': { type: 'boolean', default: false },
        record: { type: 'string' },
        from: { type: 'string' },
        'allow-writes': { type: 'boolean', default: false },
        library: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (values.help) return { help: true, keyFromFlag: false, updateBaseline: false }
  const key = values.key ?? (env.RASTER_API_KEY || undefined)
  if (values.from !== undefined && values.against !== undefined) throw new UsageError('use --against (a live API) or --from (a recording), not both.')
  if (values.from === undefined) {
    if (values.against === undefined) throw new UsageError('--against <base URL> is required (or --from <recording.har>).')
    const url = URL.canParse(values.against) ? new URL(values.against) : undefined
    if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search) {
      throw new UsageError(`--against must be the API's origin, an http(s) URL like https://api.raster.app, got "${values.against}".`)
    }
    if (!key) throw new UsageError('no API key: set RASTER_API_KEY (or pass --key, which is discouraged).')
  } else {
    if (values.record !== undefined) throw new UsageError('--record needs a live API (--against), not a recording.')
    if (values['allow-writes']) throw new UsageError('--allow-writes needs a live API (--against), not a recording.')
  }
  if (values['allow-writes'] && values.library === undefined) throw new UsageError('--allow-writes needs --library <scratch library id>.')
  if (values.library !== undefined && !values['allow-writes']) throw new UsageError('--library names the scratch library of --allow-writes; add --allow-writes.')
  if (values['update-baseline'] && values.baseline === undefined) throw new UsageError('--update-baseline needs --baseline <file>.')
  const apiVersion = values['api-version']
  if (apiVersion !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(apiVersion)) throw new UsageError(`--api-version must be a date like 2026-05-20, got "${apiVersion}".`)
  const seed = values.seed === undefined ? undefined : Number(values.seed)
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}".`)
  return {
    help: false,
    keyFromFlag: values.key !== undefined,
    updateBaseline: values['update-baseline'],
    ...(values.against === undefined ? {} : { against: values.against }),
    ...(key === undefined || values.from !== undefined ? {} : { key }),
    ...(apiVersion === undefined ? {} : { apiVersion }),
    ...(values.report === undefined ? {} : { report: values.report }),
    ...(values.baseline === undefined ? {} : { baseline: values.baseline }),
    ...(values.record === undefined ? {} : { record: values.record }),
    ...(values.from === undefined ? {} : { from: values.from }),
    ...(values.library === undefined ? {} : { writes: { library: values.library } }),
    ...(seed === undefined ? {} : { seed }),
  }
}
