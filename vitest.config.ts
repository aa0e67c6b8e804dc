import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'handlers/**/*.test.ts', 'scenarios/**/*.test.ts'],
    // The packed-package tests and their fixture run with `npm run test:package` (vitest.package.config.ts).
    exclude: [...configDefaults.exclude, 'test/consumer/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // expect.poll waits on what a person waits on (a page's element, a value), not a time budget: 1 s, vitest's
    // default, is too short on a loaded two-core CI machine, where a page's first load can take several.
    expect: { poll: { timeout: 15_000 } },
  },
})
