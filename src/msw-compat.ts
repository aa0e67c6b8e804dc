import mswPackage from 'msw/package.json' with { type: 'json' }

export type UnhandledStrategy = 'bypass' | 'warn' | 'error'

const mswMajor = Number(mswPackage.version.split('.')[0])

/**
 * The one place that knows msw 3 renamed `onUnhandledRequest` to
 * `onUnhandledFrame`: spread the result into `listen()` or `start()` options.
 */
export function unhandledRequests(strategy: UnhandledStrategy): Record<string, UnhandledStrategy> {
  return mswMajor >= 3 ? { onUnhandledFrame: strategy } : { onUnhandledRequest: strategy }
}
