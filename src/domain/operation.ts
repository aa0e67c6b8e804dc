import type { z } from 'zod'
import type { AccessLevel, Organization } from '../model/records.js'
import {
  isOAuthToken,
  readBearerToken,
  requireGrant,
  requireKey,
  requireOrganization,
  requireUnlocked,
  requireUserToken,
} from '../pipeline/steps.js'
import type { Caller, Env, OperationContext } from './context.js'
import { parseInput } from './input.js'
import { purgeTrash } from './trash.js'

/** Who an operation is for: nobody (anonymous), any valid key, a key of the path's organization, or a grant on a library. */
export type Scope = 'anonymous' | 'key' | 'organization' | 'library'

export type ContextOf<S extends Scope> = S extends 'anonymous'
  ? Env
  : S extends 'library'
    ? OperationContext
    : Env & { caller: Caller }

/** One API action, shared by REST and GraphQL: the access it needs, its input and output, what it does. */
export interface Operation<S extends Scope, Schema extends z.ZodType, Input, Output> {
  scope: S
  /** The grant needed on the library (library scope); `write` also makes the operation run exclusively. */
  access: AccessLevel
  /** Step 8: the shape of the input; a mismatch is BAD_USER_INPUT naming the field. Also documents the API. */
  input: Schema
  /** Step 8, beyond the shape: checks with codes of their own (DELETE_ERROR, MAX_ASSETS_EXCEEDED, …). */
  check?(input: z.output<Schema>, context: ContextOf<S>): Input | Promise<Input>
  /** The shape of the result, for documentation and the contract tests. */
  output: z.ZodType<Output>
  /** Steps 9 and 10: plan and quota checks, then the action. */
  run(context: ContextOf<S>, input: Input): Output | Promise<Output>
}

export type AnyOperation = Operation<Scope, z.ZodType, any, unknown>

export function defineOperation<S extends Scope, Schema extends z.ZodType, Output, Input = z.output<Schema>>(
  operation: Operation<S, Schema, Input, Output>,
): Operation<S, Schema, Input, Output> {
  return operation
}

/** A transport-neutral request: what REST reads from the path and body, GraphQL from its arguments. */
export interface OperationRequest {
  authorization: string | null
  organizationId?: string
  libraryId?: string
  /** Read only at step 8, so a malformed body never hides an auth or access error. */
  input: () => unknown
}

/** An env, or how to get it: then no world is looked up for a request that fails the checks needing none. */
export type EnvSource = Env | (() => Promise<Env>)

/** Runs an operation through the checks of docs/errors.md, "Order of checks" (steps 3 to 10). */
export async function perform<S extends Scope, Schema extends z.ZodType, Input, Output>(
  source: EnvSource,
  operation: Operation<S, Schema, Input, Output>,
  request: OperationRequest,
): Promise<Output> {
  // Step 3 reads only the header: a request without a usable key never reaches a world.
  const token = operation.scope === 'anonymous' ? undefined : readBearerToken(request.authorization)
  const env = typeof source === 'function' ? await source() : source
  const context = authorize(env, operation as AnyOperation, request, token) as ContextOf<S>
  const value = parseInput(operation.input, await request.input())
  const input = operation.check ? await operation.check(value, context) : (value as Input)
  if (operation.access === 'read') return operation.run(context, input)
  const world = env.writable()
  const files = env.files.ownedBy(world)
  // The run reads and writes the request's own world, and its uploads are that world's files. Trash whose time
  // is over is purged first, for good (reads only filter it out).
  return world.exclusive(async () => {
    await purgeTrash(world, files, env.limits, env.now())
    return operation.run({ ...context, world, files }, input)
  })
}

function authorize(env: Env, operation: AnyOperation, request: OperationRequest, token: string | undefined) {
  if (operation.scope === 'anonymous' || token === undefined) return env
  // One world for every check (env.world looks the request's world up on each read).
  const { world } = env
  const pathOrganization =
    operation.scope === 'key' ? undefined : requireOrganization(world, request.organizationId ?? '', env.now())
  const caller: Caller = isOAuthToken(token)
    ? requireUserToken(world, token, pathOrganization, { apiVersion: env.apiVersion, now: env.now(), tokensUnverifiable: env.tokensUnverifiable })
    : keyCaller(world, token, pathOrganization, env.now())
  if (operation.scope !== 'library') return { ...env, caller }
  const library = requireGrant(world, caller.key, request.libraryId ?? '', operation.access)
  requireUnlocked(caller.organization, library, env.limits.freePlanLibraries)
  return { ...env, caller, library }
}

function keyCaller(world: Env['world'], token: string, pathOrganization: Organization | undefined, now: number): Caller {
  const key = requireKey(world, token, pathOrganization, now)
  return { key, organization: pathOrganization ?? world.organization(key.organizationId)! }
}
