import { isResponse, type Answer } from './contract/envelope.js'

/** One API call as `GET /__mock/requests` shows it. */
export interface LoggedRequest {
  method: string
  path: string
  /** 0 when the call failed at the network level (the network-error scenario). */
  status: number
  /** The catalogue code of a failure; null on success and on a network failure. */
  code: string | null
  scenario: string
  session: string | null
  durationMs: number
  at: number
  /** Set when a session's world was evicted: on the call that pushed it out, and on that session's next call. */
  notice: string | null
  /** An MCP call's tool (`list_assets`), or the URI of the resource it read; absent for REST and GraphQL. */
  tool?: string
}

/** The last `capacity` API calls, newest first: a ring buffer, so a long-running server never grows. */
export class RequestLog {
  #entries: LoggedRequest[] = []
  #next = 0
  #listeners = new Set<(entry: LoggedRequest) => void>()

  constructor(readonly capacity = 200) {}

  record(entry: LoggedRequest): void {
    if (this.#entries.length < this.capacity) this.#entries.push(entry)
    else this.#entries[this.#next] = entry
    this.#next = (this.#next + 1) % this.capacity
    for (const listener of this.#listeners) listener(entry)
  }

  /** Calls `listener` after each recorded call (the browser's overlay and saved worlds follow the log); returns the unsubscribe. */
  subscribe(listener: (entry: LoggedRequest) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  recent(): LoggedRequest[] {
    const chronological = [...this.#entries.slice(this.#next), ...this.#entries.slice(0, this.#next)]
    return chronological.reverse()
  }
}

/**
 * The code of a failed answer: a JSON answer knows it; a response holds it in either envelope, REST
 * `{error: {code}}` or GraphQL `{errors: [{extensions: {code}}]}`, and is read (a clone of it) only when it failed.
 *
 * @example
 * failureCode(errorAnswer(new RasterError('NOT_FOUND'))) // 'NOT_FOUND'
 */
export function failureCode(answer: Answer): string | null | Promise<string | null> {
  if (answer.status < 400) return null
  return isResponse(answer) ? responseCode(answer) : answer.code
}

async function responseCode(response: Response): Promise<string | null> {
  try {
    const body = await response.clone().json()
    return body?.error?.code ?? body?.errors?.[0]?.extensions?.code ?? null
  } catch {
    return null
  }
}
