/**
 * THE request pipeline: every API call, REST or GraphQL, through msw or the standalone server, is answered by
 *
 *   pipeline.run(request, { surface, perform, status? }): Promise<Response>
 *
 * or `pipeline.answer`, the same before any web Response is made: REST's answers are JSON bytes (`JsonAnswer`),
 * which the standalone server writes to the socket as they are. `request` is a web Request, or for a call that
 * reads no body a request head (method, URL, headers: src/contract/request-head.ts).
 *
 * - `surface`: `restSurface` or `graphqlSurface` (below): whether Api-Version is required, and how a result and
 *   an error are put in that surface's envelope.
 * - `perform(env, request, version)`: the action itself. `env()` looks the request's world up, only when called,
 *   so the checks that need no world come first; `request` is the request without the mock's own query
 *   parameters; `version`, its Api-Version where the surface requires one. Its result goes to the surface's envelope.
 * - `status`: the success status (REST's 201 for a creation); 200 by default.
 *
 * The steps, in order, are the array `steps` below, composed like Hono's `compose`: each does its part and
 * calls `next` for the rest, or answers without calling it (a fault). `logRequest` and `envelope` come first
 * because they wrap the others: they do their part on the way back. So a request is
 *
 *   selectWorld → injectFaults → requireVersion → perform → envelope → logRequest
 */
import { apiVersions } from '../actions/versions.js'
import type { Env } from '../domain/context.js'
import { dataAnswer, errorAnswer, graphqlErrorResponse, toResponse, type Answer } from '../contract/envelope.js'
import type { RequestHead } from '../contract/request-head.js'
import { hasFault, injectFault, type FaultStates } from '../../scenarios/faults.js'
import type { Selection } from '../../scenarios/selection.js'
import { API_VERSIONS } from '../contract/versions.js'
import { requireApiVersion } from '../pipeline/steps.js'
import { failureCode, type RequestLog } from '../request-log.js'
import type { ScenarioControl } from './scenario-control.js'
import { Hold, worldKey, type Worlds } from './worlds.js'

/** What differs between the API's surfaces: the pipeline's parameters, not copies of it. */
export interface Surface<Result = unknown> {
  /** REST requires an `Api-Version` header; GraphQL does not. */
  readonly requiresVersion: boolean
  /** A performed call's result as the answer. */
  envelope(result: Result, call: Call<Result, any>): Answer
  /** An error thrown on the way (a fault, a check, the action) as the answer. */
  failure(error: unknown): Answer
}

/**
 * One API call: the surface it came by and the action to perform. `R` is the request it is given: a web Request,
 * or a request head (method, URL, headers) for a call that reads no body.
 */
export interface Call<Result = unknown, R extends RequestHead = Request> {
  readonly surface: Surface<Result>
  /** `url` is the request's URL, parsed, without the mock's own query parameters. */
  perform(env: () => Promise<Env>, request: R, version: string | undefined, url: URL): Promise<Result> | Result
  /** The success status; 200 by default. */
  readonly status?: number
  /** The Api-Version values the call answers, where the surface requires one. Default: the API's versions. */
  readonly versions?: readonly string[]
  /** The MCP tool called (or resource read), for the request log. */
  readonly tool?: string
}

/** REST: `{data}` with the call's status, errors as `{error: {code, message}}`, as JSON answers (no Response made). */
export const restSurface: Surface = {
  requiresVersion: true,
  envelope: (data, call) => dataAnswer(data, call.status),
  failure: errorAnswer,
}

/** GraphQL: the engine answers in its own envelope (partial failures included); thrown errors as `{errors}`. */
export const graphqlSurface: Surface<Response> = {
  requiresVersion: false,
  envelope: (response) => response,
  failure: graphqlErrorResponse,
}

/** The parts of the runtime the steps use. */
export interface PipelineParts {
  readonly scenarios: ScenarioControl
  readonly worlds: Worlds
  readonly faults: FaultStates
  readonly requests: RequestLog
  readonly sleep: (ms: number) => Promise<void>
  readonly now: () => number
  /** The mock's current version: the missing-header error names it, and a call without Api-Version runs in it. */
  readonly currentVersion: string
}

/** One request on its way through the steps: what each step found, for the ones after it. */
class RequestContext {
  selection: Selection | undefined = undefined
  /** The Api-Version asked, where the surface requires one. */
  version: string | undefined = undefined
  /** Set when this session's world was dropped since its last request. */
  notice: string | undefined = undefined
  /** Its leases on its worlds while it runs, and the evictions it caused. */
  readonly hold = new Hold()
  result: unknown = undefined
  answer: Answer | undefined = undefined

  constructor(
    readonly parts: PipelineParts,
    readonly request: RequestHead,
    readonly call: Call<any, any>,
    /** The request's URL, where the caller parsed it already. */
    readonly url: URL | undefined,
  ) {}
}

type Next = (context: RequestContext) => Promise<void> | void
type Step = (context: RequestContext, next: Next) => Promise<void> | void

/** Records the call in the request log (`GET /__mock/requests`) once it is answered, with any eviction notices. */
async function logRequest(context: RequestContext, next: Next): Promise<void> {
  const started = performance.now()
  await next(context)
  const { parts, request, selection } = context
  const answer = context.answer!
  // Its own evictions, and any made outside a request (`runtime.world()`) since the last entry.
  const taken = parts.worlds.takeEvictions()
  const evictions = context.hold.evictions.length || taken.length ? [...context.hold.evictions, ...taken] : taken
  const notices = context.notice === undefined ? evictions : [context.notice, ...evictions]
  const code = failureCode(answer)
  parts.requests.record({
    method: request.method,
    path: (selection?.url ?? context.url ?? new URL(request.url)).pathname,
    status: answer.status,
    code: code instanceof Promise ? await code : code,
    scenario: selection?.combination.name ?? parts.scenarios.active,
    session: selection?.session ?? null,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    at: parts.now(),
    notice: notices.length ? notices.join('; ') : null,
    ...(context.call.tool !== undefined && { tool: context.call.tool }),
  })
}

/** The answer in the surface's envelope: the performed result, or the error any later step threw. */
async function envelope(context: RequestContext, next: Next): Promise<void> {
  const { call } = context
  try {
    await next(context)
    context.answer ??= call.surface.envelope(context.result, call)
  } catch (error) {
    context.answer = call.surface.failure(error)
  }
}

/** What the request asks of the mock (scenario, session, forced error, time), and its session's eviction notice. */
function selectWorld(context: RequestContext, next: Next): Promise<void> | void {
  const selection = (context.selection = context.parts.scenarios.select(context.request, context.url))
  context.notice = context.parts.worlds.takeNotice(selection.combination, selection.session)
  return next(context)
}

/** The scenario's faults (scenarios/faults.ts): a delay, then maybe an answer instead of the API's. */
function injectFaults(context: RequestContext, next: Next): Promise<void> | void {
  const { combination, forcedError } = context.selection!
  return hasFault(combination, forcedError) ? faulted(context, next) : next(context)
}

async function faulted(context: RequestContext, next: Next): Promise<void> {
  const { combination, session, forcedError } = context.selection!
  const { faults, sleep } = context.parts
  const fault = await injectFault({ combination, forcedError, state: faults.of(worldKey(combination, session), combination), sleep })
  if (fault) context.answer = fault
  else await next(context)
}

/** The Api-Version header, where the surface requires one: present, and a version the call answers. */
function requireVersion(context: RequestContext, next: Next): Promise<void> | void {
  const { call, parts, request } = context
  if (call.surface.requiresVersion) context.version = requireApiVersion(request.headers, call.versions ?? API_VERSIONS, parts.currentVersion)
  return next(context)
}

/** The action, against the world of the request's scenario and session. */
async function perform(context: RequestContext): Promise<void> {
  const { combination, session, now, request, url } = context.selection!
  const { worlds } = context.parts
  const { hold } = context
  try {
    // The env answers in the request's version, or the current one for a surface without (GraphQL).
    const env = () => worlds.env(combination, session, now, hold, context.version)
    context.result = await context.call.perform(env, request, context.version, url)
  } finally {
    hold.release()
  }
}

/** The path of every API request (see the top of this file). */
const steps: readonly Step[] = [logRequest, envelope, selectWorld, injectFaults, requireVersion, perform]

/** The steps as one function, built once: a request allocates its context and nothing per step. */
function compose(all: readonly Step[]): Next {
  return all.reduceRight<Next>((next, step) => (context) => step(context, next), () => {})
}

const chain = compose(steps)

/** Runs API calls through the steps, against one mock's parts. */
export class Pipeline {
  constructor(private readonly parts: PipelineParts) {}

  /** Answers `request` with `call` (see the top of this file). Never rejects for the API's errors: they are answers. */
  async run<Result, R extends RequestHead>(request: R, call: Call<Result, R>): Promise<Response> {
    return toResponse(await this.answer(request, call))
  }

  /**
   * `run`'s answer before any web Response is made of it: REST's are JSON answers, which the standalone server
   * writes as they are. `url` is `request`'s URL where the caller has parsed it already (it is not changed).
   */
  async answer<Result, R extends RequestHead>(request: R, call: Call<Result, R>, url?: URL): Promise<Answer> {
    const context = new RequestContext(this.parts, request, call, url)
    await chain(context)
    return context.answer!
  }
}
