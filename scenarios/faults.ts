import { HttpResponse } from 'msw'
import { RasterError, type ErrorCode } from '../src/contract/errors.js'
import { Lru } from '../src/util/bounded-cache.js'
import type { Combination } from './combine.js'

/** `flaky` fails calls number 3, 6, 9, … */
export const FLAKY_EVERY = 3

/**
 * The fault state of one world (one scenario combination, one session): how
 * many API calls it has answered, and its own seeded sequence of delays, so a
 * run of tests sees the same failures and the same delays every time.
 */
export class FaultState {
  calls = 0
  #random: () => number

  constructor(seed: string) {
    this.#random = mulberry32(hash(seed))
  }

  nextDelay([min, max]: readonly [number, number]): number {
    return min + Math.floor(this.#random() * (max - min + 1))
  }
}

/**
 * The fault states of the worlds (by world key), kept least recently used within `capacity`. Only flaky's count
 * and slow's delays need a state kept per world: other combinations get a fresh one each call.
 */
export class FaultStates {
  readonly #states: Lru<FaultState>

  constructor(
    private readonly seed: number,
    capacity: number,
  ) {
    this.#states = new Lru(capacity)
  }

  /** The state of world `key`'s faults under `combination`. */
  of(key: string, combination: Combination): FaultState {
    if (combination.failure !== 'flaky' && combination.delayMs === undefined) return new FaultState(key)
    let state = this.#states.get(key)
    if (!state) this.#states.set(key, (state = new FaultState(`${this.seed}:${key}`)))
    return state
  }

  /** Restarts the count and the delays of world `key`. */
  forget(key: string): void {
    this.#states.delete(key)
  }

  clear(): void {
    this.#states.clear()
  }
}

export interface FaultInput {
  combination: Combination
  /** A code forced on this one request (`X-Mock-Error`): it wins over the scenario's failure. */
  forcedError: ErrorCode | undefined
  state: FaultState
  sleep: (ms: number) => Promise<void>
}

/**
 * Whether `injectFault` has anything to do for a call: a forced error, a scenario failure or a delay. A call with
 * none of them skips it, and keeps no fault state.
 *
 * @example
 * hasFault(combination, undefined) // false for `default`
 */
export const hasFault = (combination: Combination, forcedError: ErrorCode | undefined): boolean =>
  forcedError !== undefined || Boolean(combination.failure) || Boolean(combination.delayMs)

/**
 * What happens to an API call before it reaches the API: the delay, then a
 * forced error, a network failure or a 500. Returns the response that replaces
 * the API's, throws the error to answer, or returns undefined to go on.
 */
export async function injectFault({ combination, forcedError, state, sleep }: FaultInput): Promise<Response | undefined> {
  state.calls += 1
  if (combination.delayMs) await sleep(state.nextDelay(combination.delayMs))
  if (forcedError) throw new RasterError(forcedError)
  switch (combination.failure) {
    case 'network-error':
      return HttpResponse.error()
    case 'server-error':
      throw new RasterError('INTERNAL_SERVER_ERROR')
    case 'flaky':
      if (state.calls % FLAKY_EVERY === 0) throw new RasterError('INTERNAL_SERVER_ERROR')
  }
  return undefined
}

/** FNV-1a: a 32-bit seed from text. */
function hash(text: string): number {
  let value = 0x811c9dc5
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193) >>> 0
  return value
}

/** A small seeded PRNG: uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
