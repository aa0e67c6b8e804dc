import { apiVersions } from '../actions/versions.js'
import { fixture } from '../model/fixture.js'
import { compare, fallbacks, withFallback, type Answers } from './compare.js'
import { discover } from './discover.js'
import { json, send, type Exchange, type ProbeRequest, type Side, type Transport } from './exchange.js'
import { finding, type Finding } from './findings.js'
import { guardedFetch, type Allowlist } from './guard.js'
import { replayTransport, type Har } from './har.js'
import { buildReport, type Baseline, type ProbeResult, type Report } from './report.js'
import { MOCK_BASE, mockTransport, withRetries, type RetryPolicy } from './sides.js'
import { readSuite, unknownPath, type Context, type Probe } from './suite.js'
import { compareSchemas, introspectionRefused, schemaProbe } from './schema-diff.js'
import { afterUpload, announcement, cycleWrites, writeCycle, type WriteStep } from './writes.js'

/** One run of verify, as the command line (or a test) sets it up. */
export interface VerifyRun {
  /** The real API's base URL (for a replay, the recording's). */
  against: string
  /** The real API's key; none for a replay. */
  key: string | undefined
  /** The version sent to both sides. */
  apiVersion: string
  /** The real side: a `fetch` (guarded and retried here), or a recording to replay. */
  real: { fetch: typeof fetch; retries?: RetryPolicy } | { replay: Har }
  /** The mock side. Default: a fresh mock in process, of `seed`. */
  mock?: Transport
  seed?: number
  /** The versions the mock answers, for version skew. Default: the mock's. */
  mockVersions?: readonly string[]
  baseline?: Baseline
  /** Run the write cycle in this scratch library of the real API. */
  writes?: { library: string }
  /** Told each probe as it starts (the progress line). */
  progress?: (done: number, total: number, probe: string) => void
  /** Told, before the first write, what the write cycle will do. */
  announce?: (text: string) => void
  /** Told each exchange with the real side as it ends, in order (what `--record` writes, even of a run that fails). */
  exchanged?: (exchange: Exchange) => void
}

/** The version verify asks for without `--api-version`: the mock's default current version (2026-05-20). */
export const currentVersion = apiVersions[0]

const libraryPath = (c: Pick<Context, 'organizationId'>, libraryId: string) => `/organizations/${c.organizationId}/libraries/${libraryId}`

/**
 * Runs the suite against the real API and the mock and compares every answer: discovery on each side, every read
 * probe twice on the real side and once on the mock's, then the write cycle if asked. Throws CouldNotVerify when
 * the real side cannot be verified, RefusedRequest if a request escaped the allowlist.
 */
export async function runVerify(run: VerifyRun): Promise<Report> {
  const origin = new URL(run.against).origin
  const allow: Allowlist = { origin, extraPaths: [] }
  const transport: Transport =
    'replay' in run.real ? replayTransport(run.real.replay) : withRetries(guardedFetch(allow, run.real.fetch), run.real.retries)
  const real: Side = { name: 'real', base: origin, key: run.key ?? '', transport }
  const mock: Side = { name: 'mock', base: MOCK_BASE, key: fixture.keys.monogramWrite, transport: run.mock ?? mockTransport({ seed: run.seed }) }
  const sendReal = async (probe: string, spec: ProbeRequest) => {
    const exchange = await send(real, probe, spec, run.apiVersion)
    run.exchanged?.(exchange)
    return exchange
  }

  const realContext = await discover(real, run.apiVersion, run.exchanged)
  const mockContext = await discover(mock, run.apiVersion)
  allow.extraPaths = [unknownPath(realContext)]

  // Every answer is compared once all are in: a probe's empty list may find its elements' shape in another's.
  const sent: Sent[] = []
  /** Sends a read probe twice to the real side and once to the mock. */
  const read = async (probe: Probe) => {
    const first = await sendReal(probe.id, probe.request(realContext))
    const second = await sendReal(probe.id, probe.request(realContext))
    const spec = probe.request(mockContext)
    const answers: Answers = { probe: probe.id, surface: probe.surface, real: [first, second], mock: await send(mock, probe.id, spec, run.apiVersion) }
    sent.push({ answers, resend: (version) => send(mock, probe.id, spec, version) })
    return answers
  }

  // The GraphQL schemas first: the query probes then select only the fields both have.
  const total = 1 + Object.values(readSuite()).flat().length + (run.writes ? 1 + afterUpload.length + 1 : 0)
  run.progress?.(0, total, schemaProbe.id)
  const schemas = await read(schemaProbe)
  const { findings: schemaFindings, shared } = compareSchemas(schemaProbe.id, json(schemas.real[0]), json(schemas.mock))
  schemas.bodies = () => schemaFindings
  // An API may refuse introspection: its schema is then unverified (not drift), and the queries select every field.
  if (shared.size === 0 && introspectionRefused(schemas.real[0])) sent[sent.length - 1]!.verdict = [finding(schemaProbe.id, 'unverified', '$', 'introspection refused', 'a schema')]
  const probes = Object.values(readSuite(shared.size > 0 ? (path) => shared.has(path) : undefined)).flat()
  for (const [index, probe] of probes.entries()) {
    run.progress?.(1 + index, total, probe.id)
    await read(probe)
  }

  if (run.writes) {
    run.announce?.(announcement(origin, run.writes.library))
    allow.writes = { organizationId: realContext.organizationId, libraryId: run.writes.library, allowed: cycleWrites }
    const realLibrary = libraryPath(realContext, run.writes.library)
    const mockLibrary = libraryPath(mockContext, mockContext.libraryId)
    let done = 1 + probes.length
    const step = async (write: WriteStep, realAsset: string, mockAsset: string) => {
      run.progress?.(done++, total, write.id)
      const answer = await sendReal(write.id, write.request(realLibrary, realAsset))
      const spec = write.request(mockLibrary, mockAsset)
      const mockAnswer = await send(mock, write.id, spec, run.apiVersion)
      // A write is sent once: its two "real answers" are the same one, so nothing is volatile.
      sent.push({ answers: { probe: write.id, surface: 'rest', real: [answer, answer], mock: mockAnswer }, resend: (version) => send(mock, write.id, spec, version) })
      return { real: answer, mock: mockAnswer }
    }
    await writeCycle(step)
  }
  run.progress?.(total, total, 'done')

  const { findings, probes: results } = await compareAll(sent, run.apiVersion, run.mockVersions ?? apiVersions)
  return buildReport({ against: origin, apiVersion: run.apiVersion, key: run.key, findings, probes: results, baseline: run.baseline })
}

/** A probe's answers, how to ask the mock again in another version, and the findings when they are decided already. */
interface Sent {
  answers: Answers
  resend: (version: string) => Promise<Exchange>
  verdict?: Finding[]
}

/** Compares every probe's answers, each list with its action's other answers at hand, and marks version skew. */
async function compareAll(sent: readonly Sent[], asked: string, versions: readonly string[]) {
  const findings: Finding[] = []
  const probes: ProbeResult[] = []
  const merged = fallbacks(sent.map(({ answers }) => answers))
  for (const { answers: sentAnswers, resend, verdict } of sent) {
    const answers = withFallback(sentAnswers, merged)
    const comparison = verdict ? { findings: verdict, volatile: [] } : compare(answers)
    if (answers.surface === 'rest') await markSkew(comparison.findings, answers, asked, versions, resend)
    findings.push(...comparison.findings)
    probes.push({ id: answers.probe, surface: answers.surface, real: answers.real[0].response.status, mock: answers.mock.response.status, volatile: comparison.volatile })
  }
  return { findings, probes }
}

/**
 * Marks the findings that vanish when the mock answers in another version it knows: a known difference between
 * versions (the real API answered another version than the one asked for), version skew rather than drift.
 */
async function markSkew(findings: Finding[], answers: Answers, asked: string, versions: readonly string[], resend: (version: string) => Promise<Exchange>) {
  if (!findings.some((found) => found.severity !== 'info')) return
  for (const version of versions) {
    if (version === asked) continue
    const other = new Set(compare({ ...answers, mock: await resend(version) }).findings.map((found) => found.id))
    for (const found of findings) {
      if (found.versionSkew === undefined && found.severity !== 'info' && !other.has(found.id)) {
        found.versionSkew = version
        found.severity = 'info'
      }
    }
  }
}
