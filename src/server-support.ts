import { networkInterfaces } from 'node:os'
import type { DocumentNode, OperationDefinitionNode } from 'graphql'
import { BoundedCache } from './util/bounded-cache.js'

/**
 * The `host:port` names the server answers as itself: its listening address, the loopback names, and with a
 * wildcard (`0.0.0.0`, `::`) every address of every network interface. A `Host` or `Origin` naming anything
 * else is not this server as far as its URLs and its control routes go (a DNS-rebound name, for one).
 */
export function reachableHosts(host: string, port: number): Set<string> {
  const wildcard = host === '0.0.0.0' || host === '::'
  const loopback = wildcard || host === 'localhost' || host.startsWith('127.') || host === '::1'
  // Loopback names only where the server listens on loopback: elsewhere another program may own them.
  const names = new Set([host, ...(loopback ? ['127.0.0.1', 'localhost'] : [])])
  if (host === '::' || host === '::1') names.add('::1')
  if (wildcard) {
    for (const address of Object.values(networkInterfaces()).flat()) {
      if (address && (address.family === 'IPv4' || host === '::')) names.add(address.address)
    }
  }
  const withPort = (name: string) => `${name.includes(':') ? `[${name}]` : name}:${port}`.toLowerCase()
  // Port 80 is left out of Host and Origin by clients.
  return new Set([...names].flatMap((name) => (port === 80 ? [withPort(name), withPort(name).slice(0, -3)] : [withPort(name)])))
}

/**
 * The URL a request target names on the server at `origin`, or undefined when the target is no URL at all. A target
 * that starts with `/` is a path on this server: `//user:pw@127.0.0.1/me` is that path, not a URL of another host
 * with credentials (as resolving it against `origin` would read it, and the Fetch API refuses to build a request
 * for). An absolute-form target (`http://host/me`, from proxies) keeps its host but drops any credentials.
 */
export function targetUrl(target: string, origin: string): URL | undefined {
  try {
    const url = new URL(target.startsWith('/') ? `${origin}${target}` : target, origin)
    // Only when there are some: each change serializes the URL again.
    if (url.username) url.username = ''
    if (url.password) url.password = ''
    return url
  } catch {
    return undefined
  }
}

/** Labels of the documents seen, by text: apps send the same few, and the log must not parse each again. */
const labels = new BoundedCache<string, string>({ maxEntries: 200 })

/**
 * `GraphQL Query photos`: what a GraphQL request asked for, for the log line. `body` is the whole request body
 * when it was small enough to keep (undefined otherwise: the line then just says `GraphQL`). graphql-js's parser
 * is imported here, with the first label, not at startup: graphql-js is half a megabyte of code the server would
 * load for nothing until a GraphQL request comes (and that request loads it anyway).
 */
export async function graphqlLabel(body: string | undefined, contentType: string | undefined): Promise<string> {
  const request = body === undefined ? undefined : requestOf(body, contentType)
  if (typeof request?.query !== 'string') return 'GraphQL'
  const operationName = typeof request.operationName === 'string' ? request.operationName : ''
  const key = `${operationName}\n${request.query}`
  let label = labels.get(key)
  if (label === undefined) {
    label = describe(await import('graphql'), request.query, operationName)
    labels.set(key, label)
  }
  return label
}

/**
 * `MCP tools/call list_assets`: what an MCP request asked for, for the log line (`MCP` alone when its body was too
 * large to keep, or is no JSON-RPC message).
 */
export function mcpLabel(body: string | undefined): string {
  const message = body === undefined ? undefined : requestOf(body)
  if (typeof message?.method !== 'string') return 'MCP'
  const params = message.params as { name?: unknown; uri?: unknown } | undefined
  const target = message.method === 'tools/call' ? params?.name : message.method === 'resources/read' ? params?.uri : undefined
  return ['MCP', message.method, typeof target === 'string' ? target : undefined].filter(Boolean).join(' ')
}

/** `{query, operationName}` from a JSON body or from the `operations` field of a multipart upload. */
function requestOf(body: string, contentType = ''): Record<string, unknown> | undefined {
  const json = contentType.toLowerCase().startsWith('multipart/form-data')
    ? /name="operations"\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(body)?.[1]
    : body
  try {
    const value: unknown = JSON.parse(json ?? '')
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function describe({ parse, Kind }: typeof import('graphql'), query: string, operationName: string): string {
  let document: DocumentNode
  try {
    document = parse(query, { noLocation: true })
  } catch {
    return 'GraphQL'
  }
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined
  if (!operation) return 'GraphQL'
  const type = operation.operation === 'mutation' ? 'Mutation' : operation.operation === 'subscription' ? 'Subscription' : 'Query'
  const fields = operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []))
  return ['GraphQL', type, fields.join(',')].filter(Boolean).join(' ')
}

/**
 * The command line with each value that starts with a dash joined to its flag (`--port -1` → `--port=-1`), so
 * node's parseArgs reads it as a value to check, not as an "ambiguous" option; a flag followed by another flag
 * (`--port --quiet`) or by nothing is a missing value, reported as such.
 *
 * @example
 * joinDashValues(['--port', '-1', '--quiet'], new Set(['--port'])) // { args: ['--port=-1', '--quiet'] }
 * joinDashValues(['--port', '--quiet'], new Set(['--port'])) // { missing: '--port' }
 */
export function joinDashValues(args: readonly string[], valueFlags: ReadonlySet<string>): { args: string[] } | { missing: string } {
  const joined: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const next = args[i + 1]
    if (!valueFlags.has(arg)) joined.push(arg)
    else if (next === undefined || next.startsWith('--') || next === '-h') return { missing: arg }
    else if (next.startsWith('-')) joined.push(`${arg}=${args[++i]}`)
    else joined.push(arg)
  }
  return { args: joined }
}

/** What to tell someone whose server could not listen: the cause in their words, and what to do about it. */
export function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === 'EADDRINUSE') {
    return `port ${port} on ${host} is already in use (another raster-mock, or another server?). Stop it, or pick another port: --port ${port < 65535 ? port + 1 : 4010}, or --port 0 for any free one.`
  }
  if (error.code === 'EACCES') return `port ${port} needs privileges this user does not have: pick a port above 1023 (--port 4010).`
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return `${host} is not an address of this machine: use 127.0.0.1 (the default), localhost, or 0.0.0.0 for every interface.`
  }
  return `cannot listen on ${host}:${port}: ${error.message}`
}
