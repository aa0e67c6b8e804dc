import { header, json, type Exchange } from './exchange.js'
import { finding, type Finding } from './findings.js'
import { diffShapes, shapeOf, volatilePaths, type Fallback } from './shape.js'
import type { Surface } from './suite.js'

/** The answers of one probe: the real API's twice (to see what is volatile), the mock's once. */
export interface Answers {
  probe: string
  surface: Surface
  real: [Exchange, Exchange]
  mock: Exchange
  /** How the bodies are compared once the classification agrees. Default: by shape (OpenAPI: by operations). */
  bodies?: (real: unknown, mock: unknown) => Finding[]
  /** Each side's answers to the probes of the same action, merged (see diffShapes). */
  fallback?: Fallback
}

/** What one probe's comparison found. */
export interface Comparison {
  findings: Finding[]
  /** The paths whose values differed between the two real answers, left out. */
  volatile: string[]
}

const mediaType = (exchange: Exchange) => (header(exchange, 'Content-Type') ?? 'none').split(';')[0]!.trim().toLowerCase()
const variesByVersion = (exchange: Exchange) => /(^|,)\s*api-version\s*(,|$)/i.test(header(exchange, 'Vary') ?? '')

type Body = Record<string, any> | undefined
const objectBody = (value: unknown): Body => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, any>) : undefined)
const envelopeOf = (body: Body) => (body ? ['data', 'error', 'errors'].filter((key) => key in body).join('+') || 'other' : 'not JSON')
const graphqlErrors = (body: Body): any[] => (Array.isArray(body?.errors) ? body.errors : [])

/** The answer's classification, each part exact: what a client branches on. */
function classification(surface: Surface, exchange: Exchange, body: Body): Record<string, string> {
  const errors = graphqlErrors(body)
  return {
    status: String(exchange.response.status),
    'media-type': mediaType(exchange),
    ...(surface === 'rest' ? { vary: variesByVersion(exchange) ? 'Vary: Api-Version' : 'no Vary: Api-Version' } : {}),
    ...(surface === 'openapi' ? {} : { envelope: envelopeOf(body) }),
    'error-code': surface === 'graphql' ? errors.map((error) => String(error?.extensions?.code)).join(', ') : String(body?.error?.code ?? ''),
    ...(surface === 'graphql' ? { 'graphql-status': errors.map((error) => String(error?.extensions?.http?.status)).join(', ') } : {}),
  }
}

/** The error messages of an answer, where they are its own kind of finding. */
const messagePaths = ['$.error.message', '$.errors[].message', '$.errors[].locations']
function messages(surface: Surface, body: Body): string {
  if (surface === 'graphql') return graphqlErrors(body).map((error) => String(error?.message)).join(' | ')
  return typeof body?.error?.message === 'string' ? body.error.message : ''
}

/** An OpenAPI document's operations, `METHOD /path` with its parameters unnamed (`/libraries/{}`). */
function operationsOf(body: Body): Set<string> {
  const operations = new Set<string>()
  for (const [path, item] of Object.entries(objectBody(body?.paths) ?? {})) {
    for (const method of Object.keys(objectBody(item) ?? {})) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) operations.add(`${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`)
    }
  }
  return operations
}

/** The OpenAPI operations the real document has and the mock's lacks (errors), and the other way (warnings). */
function diffOperations(probe: string, real: Body, mock: Body): Finding[] {
  const ours = operationsOf(mock)
  const theirs = operationsOf(real)
  return [
    ...[...theirs].filter((operation) => !ours.has(operation)).map((operation) => finding(probe, 'openapi-path', `$.paths ${operation}`, 'documented', 'absent')),
    ...[...ours].filter((operation) => !theirs.has(operation)).map((operation) => finding(probe, 'openapi-path', `$.paths ${operation}`, 'absent', 'documented', 'warning')),
  ]
}

/**
 * Compares one probe's answers: the classification exactly (status, media type, `Vary: Api-Version`, envelope,
 * error code, GraphQL's `extensions.http.status`), the messages as their own kind, then, only when the
 * classification agrees, the body's shape with its volatile paths and messages left out.
 */
export function compare({ probe, surface, real, mock, bodies, fallback }: Answers): Comparison {
  const [first, second] = real
  const firstBody = json(first)
  const secondBody = json(second)
  if (first.response.status !== second.response.status) {
    return { findings: [finding(probe, 'volatile', '$', `${first.response.status} then ${second.response.status}`, String(mock.response.status))], volatile: ['$'] }
  }
  const volatile = volatilePaths(firstBody, secondBody)
  const realBody = objectBody(firstBody)
  const mockBody = objectBody(json(mock))
  const ours = classification(surface, mock, mockBody)
  const theirs = classification(surface, first, realBody)
  const findings: Finding[] = []
  for (const [kind, value] of Object.entries(theirs)) {
    if (ours[kind] !== value) findings.push(finding(probe, kind as Finding['kind'], '$', value, ours[kind]!))
  }
  const realMessage = messages(surface, realBody)
  if (!messagePaths.some((path) => volatile.has(path)) && realMessage !== messages(surface, mockBody)) {
    findings.push(finding(probe, 'message', '$', realMessage, messages(surface, mockBody)))
  }
  if (findings.some((found) => found.kind !== 'message')) return { findings, volatile: [...volatile].sort() }
  if (bodies) findings.push(...bodies(firstBody, json(mock)))
  else if (surface === 'openapi') findings.push(...diffOperations(probe, realBody, mockBody))
  else {
    const skip = new Set([...volatile, ...messagePaths])
    findings.push(...diffShapes(probe, shapeOf([firstBody, secondBody], skip), shapeOf([json(mock)], skip), '$', fallback))
  }
  return { findings, volatile: [...volatile].sort() }
}

/** The action a probe exercises: its id without the variant (`rest:listAssets:page-2` → `rest:listAssets`). */
const actionOf = (probe: string) => probe.split(':').slice(0, 2).join(':')

/**
 * Per action, each side's successful answers to all its probes merged into one shape: the fallback where one
 * answer's list is empty (a page of assets without variants, when another page of the same list has some).
 */
export function fallbacks(all: readonly Answers[]): Map<string, Fallback> {
  const bodies = new Map<string, { real: unknown[]; mock: unknown[] }>()
  for (const { probe, real, mock } of all) {
    if (real[0].response.status >= 300 || mock.response.status >= 300) continue
    const entry = bodies.get(actionOf(probe)) ?? { real: [], mock: [] }
    entry.real.push(json(real[0]))
    entry.mock.push(json(mock))
    bodies.set(actionOf(probe), entry)
  }
  return new Map([...bodies].map(([action, { real, mock }]) => [action, { real: shapeOf(real), mock: shapeOf(mock) }]))
}

/** `answers` with the fallback of its action. */
export const withFallback = (answers: Answers, all: Map<string, Fallback>): Answers => {
  const fallback = all.get(actionOf(answers.probe))
  return fallback ? { ...answers, fallback } : answers
}
