import type { RequestHandler } from 'msw'
import { quietImageBodies } from './browser/quiet-images.js'
import type { Scenario } from '../scenarios/catalogue.js'
import { realTime } from './clock.js'
import { createRasterMock, type RasterMockOptions, type ScenarioName } from './index.js'

/** `rasterMock(options)`'s options: the mock's, `scenario` first (typed: the built-in names, and those of `scenarios`). */
export type RasterStoryOptions<Name extends string = ScenarioName> = Omit<RasterMockOptions<Name>, 'seeded'>

/** What `parameters.msw` takes (msw-storybook-addon 3, CSF 3): the handlers under one name, `raster`. */
export interface RasterStoryMsw {
  handlers: { raster: RequestHandler[] }
}

/**
 * `raster-mock/storybook`: a story's Raster API, for msw-storybook-addon 3's `parameters.msw`:
 * `parameters: { msw: rasterMock({ scenario: 'library-locked' }) }`. Each call makes its own mock, so each
 * story gets a world of its own: a write in one story is not seen in another. The handlers sit under the
 * name `raster`, so a story's `rasterMock(...)` replaces the one set for the whole component or in preview,
 * and handlers of your own under other names stay. The default seed's world is the precomputed one: no faker
 * in the Storybook bundle.
 *
 * @example
 * // Gallery.stories.js (with `loaders: [mswLoader()]` from msw-storybook-addon/csf3 in .storybook/preview)
 * import { rasterMock } from 'raster-mock/storybook'
 *
 * export default { title: 'Gallery', render: gallery, parameters: { msw: rasterMock() } }
 * export const Seeded = {}
 * export const Locked = { parameters: { msw: rasterMock({ scenario: 'library-locked' }) } }
 */
export function rasterMock<const Custom extends readonly Scenario[] = []>(
  options: RasterStoryOptions<ScenarioName<Custom[number]['name']>> & { scenarios?: Custom } = {},
): RasterStoryMsw {
  // A story is looked at: the real time, so the component's own clock agrees with the mock's.
  const mock = createRasterMock({ ...options, now: options.now ?? realTime })
  return { handlers: { raster: quietImageBodies(mock.handlers) } }
}
