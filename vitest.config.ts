import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'handlers/**/*.test.ts', 'scenarios/**/*.test.ts'],
    // The packed-package tests and their fixture run with `npm run test:package` (vitest.package.config.ts).
    exclude: [...configDefaults.exclude, 'test/consumer/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
