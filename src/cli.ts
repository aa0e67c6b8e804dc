#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { combine, scenarioNames } from '../scenarios/combine.js'
import { fixture } from './model/fixture.js'
import { startServer } from './server.js'

const usage = `Usage: raster-mock [--port 4010] [--host 127.0.0.1] [--seed N] [--scenario a,b] [--no-admin] [--quiet]

Serves the Raster API mock over HTTP: REST at http://HOST:PORT/..., its OpenAPI document at
/openapi.json, images under /cdn, the control routes under /__mock (unless --no-admin).
Prints one line per request (method, path, status, error code, time) unless --quiet.
Scenarios: ${scenarioNames.join(', ')}.`

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
let scenario = 'default'
try {
  scenario = combine(values.scenario).name
} catch (error) {
  fail(`--scenario: ${(error as Error).message}`)
}

const running = await startServer({ port, host: values.host, seed, scenario, admin: !values['no-admin'], log: !values.quiet }).catch((error: Error) =>
  fail(`cannot listen on ${values.host}:${port}: ${error.message}`),
)
console.log(`raster-mock listening on ${running.url} (scenario: ${scenario})`)
console.log(`  demo: open ${running.url}/ in a browser (the gallery runs the mock in a service worker)`)
console.log(`  keys: ${Object.values(fixture.keys).join(', ')}`)
console.log(`  openapi: ${running.url}/openapi.json`)
console.log(`  try:  curl -H "Authorization: Bearer ${fixture.keys.monogramWrite}" -H "Api-Version: 2026-05-20" ${running.url}/me`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void running.close().then(() => process.exit(0)))
}
