#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { adminRouteNames } from '../handlers/admin.js'
import { ScenarioCatalogue, scenarioNames } from '../scenarios/combine.js'
import { findConfig, loadConfig } from './load-config.js'
import type { RasterMockConfig } from './config-file.js'
import { parseInstant } from './clock.js'
import { precomputedWorld } from './browser/precomputed.js'
import { RasterError } from './contract/errors.js'
import { fixture } from './model/fixture.js'
import { startServer } from './server.js'

// `raster-mock verify …` compares the mock with the real API (docs/verify.md); its code (and graphql-js) loads only then.
if (process.argv[2] === 'verify') await (await import('./verify/main.js')).verifyCommand(process.argv.slice(3))

const usage = `Usage: raster-mock [--port 4010] [--host 127.0.0.1] [--seed N] [--scenario a,b] [--no-admin]
                   [--admin-origin http://localhost:5173]... [--now 2026-06-18T00:00:00Z | ms] [--quiet]
                   [--config raster-mock.config.mjs] [--max-sessions 1000] [--max-scenario-worlds 20]

Serves the Raster API mock over HTTP: REST at http://HOST:PORT/..., its OpenAPI document at
/openapi.json, Raster's MCP server at /mcp, images under /cdn, the control routes under /__mock
(unless --no-admin). The control routes refuse web pages of other origins than the server's own, except
those named with --admin-origin.
--now stops the mock's clock at that time (default: 2026-05-20, the fixture's date, running); move it
with PUT /__mock/clock. Prints one line per request (method, path, status, error code, time) unless --quiet.
--config loads a config file (default: raster-mock.config.js, .mjs or .ts in this folder, if any) whose
default export is defineConfig({ seed, scenario, scenarios, world, limits }); flags win over it.
Session worlds and scenario worlds beyond --max-sessions / --max-scenario-worlds are evicted, least
recently used first: an evicted session starts again from its scenario's seed.
Scenarios: ${scenarioNames.join(', ')}.

raster-mock verify --against <base URL> compares the mock with the real API (raster-mock verify --help).`

function fail(message: string): never {
  console.error(`raster-mock: ${message}\n\n${usage}`)
  process.exit(2)
}

let values
try {
  ;({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      scenario: { type: 'string', default: 'default' },
      'no-admin': { type: 'boolean', default: false },
      'admin-origin': { type: 'string', multiple: true, default: [] },
      now: { type: 'string' },
      config: { type: 'string' },
      'max-sessions': { type: 'string' },
      'max-scenario-worlds': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }))
} catch (error) {
  fail((error as Error).message)
}
if (values.help) {
  console.log(usage)
  process.exit(0)
}
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got "${values.port}".`)
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

const configFile = findConfig(values.config)
let config: RasterMockConfig = {}
const badConfig = (problem: string): never => {
  console.error(`raster-mock: config ${configFile}: ${problem}`)
  process.exit(2)
}
if (configFile) config = await loadConfig(configFile).catch((error: Error) => badConfig(error.message))
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
  // The default seed's world as the browser ships it: the server starts without loading faker or seeding.
  seeded: precomputedWorld(seed ?? config.seed),
  scenario,
  now: now === undefined ? undefined : () => now,
  admin,
  adminOrigins,
  log: !values.quiet,
  ...(maxSessions ? { maxSessions } : {}),
  ...(maxScenarioWorlds ? { maxScenarioWorlds } : {}),
}).catch((error: Error) => fail(`cannot listen on ${values.host}:${port}: ${error.message}`))
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
const banner = [
  `raster-mock listening on ${running.url} (scenario: ${scenario})`,
  ...(wildcard ? [`  reachable at: ${running.addresses.join(', ')}`] : []),
  `  demo: open ${running.url}/ in a browser (the gallery runs the mock in a service worker)`,
  `  keys: ${Object.values(fixture.keys).join(', ')}`,
  `  openapi: ${running.url}/openapi.json`,
  `  mcp: ${running.url}/mcp for AI agents (no key: ${running.url}/mcp/anonymous)`,
  `  try:  curl -H "Authorization: Bearer ${fixture.keys.monogramWrite}" -H "Api-Version: 2026-05-20" ${running.url}/me`,
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
