import { RasterError } from '../contract/errors.js'
import { perform, type EnvSource, type OperationRequest } from '../domain/operation.js'
import type { Action } from './define.js'
import { changesUpTo, errorIn, inputFrom, resultIn } from './versions.js'

/**
 * Runs an action's operation as dated version `version` speaks it: the input taken back through the action's
 * changes up to it, the answer and any error forward through them. Every surface (REST, MCP) calls this.
 *
 * @example
 * const data = await performAction(env, actionsByName.getAsset, { authorization, organizationId, libraryId, input: () => ({ assetId }) }, '2026-05-20')
 */
export async function performAction(env: EnvSource, action: Action, request: OperationRequest, version: string): Promise<unknown> {
  const changes = changesUpTo(action.changes, version)
  // Most actions are the same in every version: they skip the changes' steps entirely.
  if (changes.length === 0) return perform(env, action.operation, request)
  try {
    const input = async () => inputFrom(changes, (await request.input()) as Record<string, unknown>)
    return resultIn(changes, await perform(env, action.operation, { ...request, input }))
  } catch (error) {
    throw error instanceof RasterError ? errorIn(changes, error) : error
  }
}
