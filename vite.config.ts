import { defineConfig } from 'vitest/config'

// Vitest 5's failure reporter calls Map.groupBy, which Node 20 lacks (Node 21+): without this
// a failing test crashes the reporter instead of printing the failure.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    value: <K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> => {
      const out = new Map<K, V[]>()
      let i = 0
      for (const item of items) {
        const k = key(item, i++)
        const list = out.get(k)
        if (list) list.push(item)
        else out.set(k, [item])
      }
      return out
    },
  })
}

// Root Vitest config: unit tests next to the code, story golden tests in stories/.
export default defineConfig({
  // Tests run the workspace packages from src: the `source` export condition, also for Vitest's
  // SSR-style module graph (resolve.conditions alone covers only the client side).
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
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
