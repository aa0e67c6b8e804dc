/**
 * `raster-mock/browser` where there is no browser. Next.js renders client components on the server too, with Node's
 * export conditions, under which msw 3's `msw/browser` does not resolve (`"node": null`): the page would not build.
 * Importing works here so it does; starting the mock here is a mistake, and says so.
 */
export { CHANGE_EVENT } from './change-event.js'

/**
 * Throws: the browser worker needs a browser. On a server, `setupRasterServer` from `raster-mock/node` is the mock.
 *
 * @example
 * // In a client component, start it where only the browser runs:
 * useEffect(() => void import('raster-mock/browser').then(({ startRasterMock }) => startRasterMock()), [])
 */
export async function startRasterMock(): Promise<never> {
  throw new Error(
    '[raster-mock] startRasterMock runs in a browser (it registers a service worker). On a server, use setupRasterServer from raster-mock/node.',
  )
}
