import { RasterError } from '../contract/errors.js'
import { perform, type EnvSource, type OperationRequest } from '../domain/operation.js'
import { inVersion, type Action } from './define.js'
import { changesUpTo, errorIn, inputFrom, resultIn } from './versions.js'

/**
 * Runs an action's operation as dated version `version` speaks it: the input taken back through the action's
 * changes up to it, the answer and any error forward through them. An action a later version added does not
 * exist in the versions before it. Every surface (REST, MCP) calls this.
 *
 * @example
 * const data = await performAction(env, actionsByName.getAsset, { authorization, organizationId, libraryId, input: () => ({ assetId }) }, '2026-05-20')
 */
export async function performAction(env: EnvSource, action: Action, request: OperationRequest, version: string): Promise<unknown> {
  if (!inVersion(action, version)) throw new RasterError('ENDPOINT_NOT_FOUND')
  const changes = changesUpTo(action.changes, version)
  // Most actions are the same in every version: they skip the changes' steps entirely.
  if (changes.length === 0) return perform(env, action.operation, request)
  // One env for the operation and the changes: a request leases its world once.
  const once = typeof env === 'function' ? memo(env) : async () => env
  try {
    const input = async () => inputFrom(changes, (await request.input()) as Record<string, unknown>)
    const result = await perform(once, action.operation, { ...request, input })
    return resultIn(changes, result, await once())
  } catch (error) {
    throw error instanceof RasterError ? errorIn(changes, error) : error
  }
}

function memo<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined
  return () => (made ??= make())
}
