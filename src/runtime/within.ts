/**
 * `work`'s outcome, or a rejection with `Error(message)` once `ms` have passed without one: for a user's code
 * (a setup, a config file's loading) that might never settle. The timer is cleared either way, so it never keeps
 * a process alive.
 *
 * @example
 * await within(import(url), 10_000, 'it did not finish loading within 10000 ms')
 */
export async function within<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms)
  })
  try {
    return await Promise.race([work, timedOut])
  } finally {
    clearTimeout(timer)
  }
}
