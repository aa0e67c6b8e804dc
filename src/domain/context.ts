import type { Limits } from '../config.js'
import type { FileStore } from '../model/files.js'
import type { Key, Library, Organization, Role, Token, User } from '../model/records.js'
import type { World } from '../model/world.js'

/** What an operation runs against: one world and the settings of the mock that owns it. */
export interface Env {
  /** The world reads see: the request's own world if it has written, else its scenario's (frozen) world. */
  readonly world: World
  /**
   * The world this request writes into, made on its first write: a request (or a
   * session) that only reads never costs a world of its own.
   */
  writable(): World
  files: FileStore
  limits: Limits
  cdnUrl: string
  now: () => number
  /** The version the request is answered in: its Api-Version in REST, the mock's current version in GraphQL. */
  readonly apiVersion: string
  /** The token-unverifiable scenario: no OAuth token can be checked for now (503 SERVICE_UNAVAILABLE). */
  readonly tokensUnverifiable?: boolean
}

/** The OAuth user behind a token, and their role in the caller's organization. */
export interface UserCaller {
  user: User
  token: Token
  role: Role
}

/**
 * An authenticated caller and the organization it acts in. `key` is what it reaches there: an API key, or for an
 * OAuth token a key-shaped view of the user's grants in that organization (its id is the token's).
 */
export interface Caller {
  key: Key
  organization: Organization
  /** Set when the caller is an OAuth user rather than an API key. */
  user?: UserCaller
}

/** Everything an operation may use: the env, the caller where the operation needs one, the library where it is library-scoped. */
export interface OperationContext extends Env {
  caller: Caller
  library: Library
}
