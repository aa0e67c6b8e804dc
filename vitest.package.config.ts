import { defineConfig } from 'vitest/config'

/** `npm run test:package`: the consumer tests of the packed tarball (slow: builds, packs, installs). */
export default defineConfig({
  test: {
    include: ['test/consumer/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
})
