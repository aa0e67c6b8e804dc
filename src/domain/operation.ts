import type { AccessLevel } from '../model/records.js'
import {
  readBearerToken,
  requireGrant,
  requireKey,
  requireOrganization,
  requireUnlocked,
} from '../pipeline/steps.js'
import type { Caller, Env, OperationContext } from './context.js'

/** Who an operation is for: nobody (anonymous), any valid key, a key of the path's organization, or a grant on a library. */
export type Scope = 'anonymous' | 'key' | 'organization' | 'library'

export type ContextOf<S extends Scope> = S extends 'anonymous'
  ? Env
  : S extends 'library'
    ? OperationContext
    : Env & { caller: Caller }

/** One API action, shared by REST and GraphQL: the access it needs, how its input is checked, what it does. */
export interface Operation<S extends Scope, Input, Output> {
  scope: S
  /** The grant needed on the library (library scope); `write` also makes the operation run exclusively. */
  access: AccessLevel
  /** Step 8: turns the raw input into a valid one or throws BAD_USER_INPUT (or a more specific code). */
  parse(raw: unknown, context: ContextOf<S>): Input | Promise<Input>
  /** Steps 9 and 10: plan and quota checks, then the action. */
  run(context: ContextOf<S>, input: Input): Output | Promise<Output>
}

export function defineOperation<S extends Scope, Input, Output>(
  operation: Operation<S, Input, Output>,
): Operation<S, Input, Output> {
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

/** Runs an operation through the pipeline of contract §4 (steps 3 to 10). */
export async function perform<S extends Scope, Input, Output>(
  env: Env,
  operation: Operation<S, Input, Output>,
  request: OperationRequest,
): Promise<Output> {
  const context = authorize(env, operation, request) as ContextOf<S>
  const input = await operation.parse(await request.input(), context)
  if (operation.access === 'read') return operation.run(context, input)
  return env.world.exclusive(() => operation.run(context, input))
}

function authorize(env: Env, operation: Operation<Scope, unknown, unknown>, request: OperationRequest) {
  if (operation.scope === 'anonymous') return env
  const token = readBearerToken(request.authorization)
  const pathOrganization =
    operation.scope === 'key' ? undefined : requireOrganization(env.world, request.organizationId ?? '')
  const key = requireKey(env.world, token, pathOrganization)
  const caller: Caller = { key, organization: pathOrganization ?? env.world.organization(key.organizationId)! }
  if (operation.scope !== 'library') return { ...env, caller }
  const library = requireGrant(env.world, key, request.libraryId ?? '', operation.access)
  requireUnlocked(caller.organization, library, env.limits.freePlanLibraries)
  return { ...env, caller, library }
}
