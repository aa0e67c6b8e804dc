/** verify could not compare: the API is unreachable, refuses the key, fails, or a recording runs out (exit code 3). */
export class CouldNotVerify extends Error {
  override name = 'CouldNotVerify'
}
