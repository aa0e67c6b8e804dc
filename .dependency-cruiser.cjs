/**
 * The import rules of raster-mock, checked by `npm run lint:imports` (part of `npm test`) and written down here
 * only: no import circle anywhere, and every module sits in one layer and imports only its own layer and the
 * layers below it. docs/internals.md explains the layers; test/import-rules.test.ts proves the rules bite.
 */

/**
 * Top to bottom. A new folder or top-level module of src/, handlers/ or scenarios/ goes in one of these (the
 * `unlayered` rules fail until it does).
 */
const LAYERS = [
  // The package's entry points and what only they use: createRasterMock, setupRasterServer, startRasterMock,
  // the standalone server and CLI (with `raster-mock verify`), defineConfig, the test-runner and Storybook helpers.
  ['entry', '^src/(index|node|browser|server|cli|vitest|playwright|storybook|config-file|load-config|demo|server-support|msw-compat)\\.ts$|^src/browser/|^src/verify/'],
  // The msw handlers: thin adapters from requests to operations. They never import an entry.
  // The MCP adapter (src/mcp/: the SDK behind one module, the tools derived from the actions) is one of them.
  ['handlers', '^handlers/|^src/mcp/'],
  // The worlds of scenarios and sessions, and the request log, that handlers ask for a request's world.
  ['runtime', '^src/(runtime|request-log)(\\.ts$|/)'],
  ['scenarios', '^scenarios/'],
  // One definition per API action: its operation, result and bindings, from which the handlers derive routes.
  ['actions', '^src/actions/'],
  // One operation per API action.
  ['domain', '^src/domain/'],
  // The checks an operation runs, in order (domain/operation.ts calls them).
  ['pipeline', '^src/pipeline/'],
  // The mock CDN's images and URLs: they read records, the model never reads them.
  ['images', '^src/(images|generated-image)(\\.ts$|/)'],
  // Records, the world, its indexes and factories, the seed.
  ['model', '^src/model/'],
  ['contract', '^src/contract/'],
  // Leaves everything may use: settings, the clock, the generated gradient's blurhash, small utilities.
  ['base', '^src/(config|clock|gradient-blurhash)\\.ts$|^src/util/'],
]

const layered = LAYERS.map(([, path]) => path)
const ours = '^(src|handlers|scenarios)/'

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: modules that need each other are one module, or a type belongs further down.',
      from: {},
      to: { circular: true },
    },
    ...LAYERS.slice(1).map(([name, path], index) => ({
      name: `${name}-imports-down`,
      severity: 'error',
      comment: `${name} imports a layer above it (${LAYERS.slice(0, index + 1).map(([above]) => above).join(', ')}).`,
      from: { path },
      to: { path: layered.slice(0, index + 1) },
    })),
    {
      name: 'unlayered',
      severity: 'error',
      comment: 'A module in no layer: add its folder to LAYERS in .dependency-cruiser.cjs.',
      from: { path: ours, pathNot: layered },
      to: {},
    },
    {
      name: 'unlayered-target',
      severity: 'error',
      comment: 'An import of a module in no layer: add its folder to LAYERS in .dependency-cruiser.cjs.',
      from: {},
      to: { path: ours, pathNot: layered },
    },
  ],
  options: {
    // Type-only imports count: a circle of types is still two modules that cannot be read apart.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // Tests beside a module may import what they need to drive it.
    exclude: { path: '\\.test\\.ts$' },
  },
}
