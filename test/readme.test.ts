import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseInstant, realTime } from '../src/clock.js'
import { REFERENCE_DATE } from '../src/config.js'
import { startServer, type RunningServer } from '../src/server.js'

/**
 * Runs every curl example of README.md and of each docs/*.md, in order, each
 * file against a fresh standalone server, and compares its output with the
 * JSON shown under it. The server runs as `npx raster-mock` does, in real time
 * (its world anchored to its start), so `created`, `updated` and `expiresAt`
 * are compared by type; a document whose examples need a pinned clock names
 * the command it runs them against (`npx raster-mock --now 2026-05-20T00:00:00Z`).
 * `UPDATE_README=1 npx vitest run test/readme.test.ts` rewrites the outputs, from a
 * server started at the reference date, so the times shown are the fixture's.
 */
const root = new URL('../', import.meta.url)
const documents = ['README.md', ...readdirSync(new URL('docs/', root)).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`)]
const SHOWN_ORIGIN = 'http://127.0.0.1:4010'
const example = /```sh\n(curl [\s\S]*?)```\n```json\n([\s\S]*?)```/g
const run = promisify(execFile)
const pinnedClock = /`npx raster-mock --now (\S+?)`/

const TIMES = ['created', 'updated', 'expiresAt']
/** A JSON string holding times (GraphQL's `metadata`): masked the same way. */
const timesInText = new RegExp(`"(${TIMES.join('|')})":(\\d+|"[^"]*")`, 'g')

function normalize(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(timesInText, '"$1":"masked"')
  if (Array.isArray(value)) return value.map(normalize)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        TIMES.includes(key) ? typeof inner : normalize(inner),
      ]),
    )
  }
  return value
}

/** JSON as a person would lay it out: anything short on one line, the rest indented. */
function format(value: unknown, indent = ''): string {
  const flat = JSON.stringify(value)
  if (flat.length + indent.length <= 110 || value === null || typeof value !== 'object') return flat
  const inner = `${indent}  `
  const entries = Array.isArray(value)
    ? value.map((item) => inner + format(item, inner))
    : Object.entries(value).map(([key, item]) => `${inner}${JSON.stringify(key)}: ${format(item, inner)}`)
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  return `${open}\n${entries.join(',\n')}\n${indent}${close}`
}

describe.each(documents)('the examples of %s', (document) => {
  let server: RunningServer
  beforeAll(async () => {
    const pinned = pinnedClock.exec(readFileSync(new URL(document, root), 'utf8'))?.[1]
    const start = pinned === undefined ? (process.env.UPDATE_README ? REFERENCE_DATE : undefined) : parseInstant(pinned)!
    server = await startServer({ port: 0, log: false, now: start === undefined ? realTime : () => start })
  })
  afterAll(() => server.close())

  it('give the output shown', async () => {
    const file = new URL(document, root)
    let text = readFileSync(file, 'utf8')
    const examples = [...text.matchAll(example)]
    for (const [block, command, shown] of examples) {
      const { stdout } = await run('bash', ['-c', command!.replaceAll(SHOWN_ORIGIN, server.url)])
      const actual = JSON.parse(stdout.replaceAll(server.url, SHOWN_ORIGIN))
      if (process.env.UPDATE_README) {
        text = text.replace(block, block.replace(shown!, `${format(actual)}\n`))
        continue
      }
      expect(normalize(actual), command).toEqual(normalize(JSON.parse(shown!)))
    }
    if (process.env.UPDATE_README) writeFileSync(file, text)
  })
})

it('runs examples from the README and the reference', () => {
  const count = documents.reduce((sum, document) => sum + [...readFileSync(new URL(document, root), 'utf8').matchAll(example)].length, 0)
  expect(count).toBeGreaterThan(30)
})
