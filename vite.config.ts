import { defineConfig } from 'vitest/config'

// Root Vitest config: unit tests next to the code, story golden tests in stories/.
export default defineConfig({
  resolve: { conditions: ['source'] },
  test: {
    include: [
      'packages/**/src/**/*.test.ts',
      'packages/**/test/**/*.test.ts',
      'apps/studio/src/**/*.test.{ts,tsx}',
      'stories/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
