import type { Limits } from '../config.js'
import type { FileStore } from '../model/files.js'
import type { Key, Library, Organization } from '../model/records.js'
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
}

/** An authenticated key and the organization it belongs to. */
export interface Caller {
  key: Key
  organization: Organization
}

/** Everything an operation may use: the env, the caller where the operation needs one, the library where it is library-scoped. */
export interface OperationContext extends Env {
  caller: Caller
  library: Library
}
