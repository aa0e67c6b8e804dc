#!/usr/bin/env node
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { adminRouteNames } from '../handlers/admin.js'
import { ScenarioCatalogue, scenarioNames } from '../scenarios/combine.js'
import { findConfig, loadConfig, TypeScriptConfigError } from './load-config.js'
import type { RasterMockConfig } from './config-file.js'
import { parseInstant, realTime } from './clock.js'
import { RasterError } from './contract/errors.js'
import { API_VERSIONS, DEFAULT_API_VERSION, isApiVersion } from './contract/versions.js'
import { fixture } from './model/fixture.js'
import { startServer } from './server.js'
import { joinDashValues, listenProblem } from './server-support.js'
import { closestName } from './util/closest.js'

// `raster-mock verify …` compares the mock with the real API (docs/verify.md); its code (and graphql-js) loads only then.
if (process.argv[2] === 'verify') await (await import('./verify/main.js')).verifyCommand(process.argv.slice(3))

const usage = `Usage: raster-mock [--port 4010] [--host 127.0.0.1] [--seed N] [--scenario a,b] [--no-admin]
                   [--admin-origin http://localhost:5173]... [--now 2026-06-18T00:00:00Z | ms] [--quiet]
                   [--config raster-mock.config.mjs] [--max-sessions 1000] [--max-scenario-worlds 20]
                   [--api-version ${API_VERSIONS.join(' | ')}]

Serves the Raster API mock over HTTP: REST at http://HOST:PORT/..., its OpenAPI document at
/openapi.json, Raster's MCP server at /mcp, images under /cdn, the control routes under /__mock
(unless --no-admin). The control routes refuse web pages of other origins than the server's own, except
those named with --admin-origin.
--now stops the mock's clock at that time (default: the real time, running); the fixture world is
anchored to the clock's start. Move it with PUT /__mock/clock. Prints one line per request (method, path, status, error code, time) unless --quiet.
--config loads a config file (default: raster-mock.config.js, .mjs or .ts in this folder, if any) whose
default export is defineConfig({ seed, scenario, scenarios, world, limits, apiVersion }); flags win over it.
REST answers each request in the version its Api-Version header names (${API_VERSIONS.join(' or ')});
--api-version sets the current version (default ${DEFAULT_API_VERSION}): GraphQL's, and the one a request
without the header is told about.
Session worlds and scenario worlds beyond --max-sessions / --max-scenario-worlds are evicted, least
recently used first: an evicted session starts again from its scenario's seed.
Scenarios: ${scenarioNames.join(', ')}.

raster-mock verify --against <base URL> compares the mock with the real API (raster-mock verify --help).`

/**
 * This command again, in a Node started with `flags` (its own TypeScript support, for a `.ts` config): the same
 * arguments and terminal, its exit code; never returns.
 */
async function restartWith(flags: readonly string[]): Promise<never> {
  const { spawn } = await import('node:child_process')
  const child = spawn(process.execPath, [...flags, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  return new Promise<never>(() => child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0))))
}

/** A bad flag value or a server that cannot start: the message alone, which says what to change. */
function fail(message: string): never {
  console.error(`raster-mock: ${message}`)
  process.exit(2)
}

const options = {
  port: { type: 'string', default: '4010' },
  host: { type: 'string', default: '127.0.0.1' },
  seed: { type: 'string' },
  scenario: { type: 'string', default: 'default' },
  'no-admin': { type: 'boolean', default: false },
  'admin-origin': { type: 'string', multiple: true, default: [] as string[] },
  now: { type: 'string' },
  config: { type: 'string' },
  'max-sessions': { type: 'string' },
  'max-scenario-worlds': { type: 'string' },
  'api-version': { type: 'string' },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options']
const flags = Object.keys(options).map((name) => `--${name}`)
const args = joinDashValues(process.argv.slice(2), new Set(flags.filter((flag) => options[flag.slice(2) as keyof typeof options].type === 'string')))
if ('missing' in args) fail(`${args.missing} needs a value (raster-mock --help lists every option).`)

let values
try {
  ;({ values } = parseArgs({
    args: args.args,
    options,
  }))
} catch (error) {
  // An unknown flag or a stray argument: the message, the flag it most likely meant, then the usage.
  const message = (error as Error).message.replace(/([^.])$/, '$1.')
  const unknown = /'(--?[^']+)'/.exec(message)?.[1]
  const meant = unknown && closestName(unknown, flags)
  console.error(`raster-mock: ${message}${meant ? ` Did you mean ${meant}?` : ''}\n\n${usage}`)
  process.exit(2)
}
if (values.help) {
  console.log(usage)
  process.exit(0)
}
const port = Number(values.port)
if (!/^\d+$/.test(values.port) || port > 65535) fail(`--port must be a port number from 0 to 65535 (0: any free port), got "${values.port}".`)
const seed = values.seed === undefined ? undefined : Number(values.seed)
if (seed !== undefined && !Number.isSafeInteger(seed)) fail(`--seed must be an integer, got "${values.seed}".`)
const adminOrigins = values['admin-origin'].map((origin) => {
  const parsed = URL.canParse(origin) ? new URL(origin) : undefined
  if (!parsed || parsed.origin === 'null') fail(`--admin-origin must be an origin like http://localhost:5173, got "${origin}".`)
  return parsed.origin
})
const now = values.now === undefined ? undefined : parseInstant(values.now)
if (values.now !== undefined && now === undefined) {
  fail(`--now must be unix milliseconds or an ISO 8601 date like 2026-06-18T00:00:00Z, got "${values.now}". The clock runs from 1970-01-01 to 8999-12-31.`)
}
/** A whole number of at least 1, or undefined when the flag is absent. */
function count(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^[1-9]\d*$/.test(value)) fail(`--${flag} must be a whole number of at least 1, got "${value}".`)
  return Number(value)
}
const maxSessions = count('max-sessions', values['max-sessions'])
const maxScenarioWorlds = count('max-scenario-worlds', values['max-scenario-worlds'])
const apiVersion = values['api-version']
if (apiVersion !== undefined && !isApiVersion(apiVersion)) fail(`--api-version must be one of ${API_VERSIONS.join(', ')}, got "${apiVersion}".`)

const configFile = findConfig(values.config)
let config: RasterMockConfig = {}
const badConfig = (problem: string): never => {
  console.error(`raster-mock: config ${configFile}: ${problem}`)
  process.exit(2)
}
if (configFile) {
  config = await loadConfig(configFile).catch((error: Error) =>
    error instanceof TypeScriptConfigError && error.flags ? restartWith(error.flags) : badConfig(error.message),
  )
}
let scenario = 'default'
try {
  const catalogue = new ScenarioCatalogue(config.scenarios)
  scenario = catalogue.combine(values.scenario === 'default' && config.scenario ? config.scenario : values.scenario).name
} catch (error) {
  if (configFile && !(error instanceof RasterError)) badConfig((error as Error).message)
  fail(`--scenario: ${(error as Error).message}`)
}

const admin = !values['no-admin']
const running = await startServer({
  ...config,
  port,
  host: values.host,
  seed: seed ?? config.seed,
  scenario,
  // A person looks at this server: real time, unless --now pins it.
  now: now === undefined ? realTime : () => now,
  admin,
  adminOrigins,
  log: !values.quiet,
  ...(maxSessions ? { maxSessions } : {}),
  ...(maxScenarioWorlds ? { maxScenarioWorlds } : {}),
  ...(apiVersion ? { apiVersion } : {}),
}).catch((error: NodeJS.ErrnoException) => fail(listenProblem(error, values.host, port)))
// A config's world and scenarios run now, so a setup that throws stops the server with its name, not a later request.
if (configFile) {
  for (const name of [undefined, ...(config.scenarios ?? []).map((custom) => custom.name)]) {
    await running.mock.runtime.world(name).catch(async (error: Error) => {
      await running.close()
      badConfig(error.message)
    })
  }
}
const wildcard = values.host === '0.0.0.0' || values.host === '::'
// The keys of the world it serves (the scenario's, shaped by the config), not the fixture's list.
const keys = (await running.mock.runtime.world(scenario)).allKeys().map((key) => key.id)
const tryKey = keys.includes(fixture.keys.monogramWrite) ? fixture.keys.monogramWrite : keys[0]
const banner = [
  `raster-mock listening on ${running.url} (scenario: ${scenario})`,
  ...(wildcard ? [`  reachable at: ${running.addresses.join(', ')}`] : []),
  `  demo: open ${running.url}/ in a browser (the gallery runs the mock in a service worker)`,
  `  keys: ${keys.length === 0 ? 'none (this world has no API keys)' : keys.length > 12 ? `${keys.slice(0, 12).join(', ')} and ${keys.length - 12} more` : keys.join(', ')}`,
  `  openapi: ${running.url}/openapi.json`,
  `  mcp: ${running.url}/mcp for AI agents (no key: ${running.url}/mcp/anonymous)`,
  `  try:  curl -H "Authorization: Bearer ${tryKey ?? 'pk_…'}" -H "Api-Version: 2026-05-20" ${running.url}/me`,
  `  scenarios: start with --scenario a,b, or switch: curl -X PUT -d '{"scenario":"library-locked"}' ${running.url}/__mock/scenario`,
  admin
    ? `  control: ${adminRouteNames(running.mock).join(', ')} (curl and this server's pages; other pages need --admin-origin)`
    : '  control: off (--no-admin)',
  ...(wildcard
    ? [
        `  warning: --host ${values.host} opens the mock to the network${admin ? ', control routes included: anyone who can reach it can reset it or switch its scenario (--no-admin turns them off)' : ''}.`,
      ]
    : []),
  '  stop: Ctrl+C',
]
console.log(banner.join('\n'))

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void running.close().then(() => process.exit(0)))
}
