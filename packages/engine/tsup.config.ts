import { defineConfig } from 'tsup'

// The published engine: ESM per public entry (declarations come from tsc, tsconfig.build.json).
// The workspace runs from src (the `source` export condition); only the npm tarball uses dist/.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    internal: 'src/internal.ts',
    'packs/template-names': 'src/packs/template-names.ts',
    'delivery/index': 'src/delivery/index.ts',
    'node/index': 'src/node/index.ts',
    'worker/index': 'src/worker/index.ts',
    'worker/worker-entry': 'src/worker/worker-entry.ts',
    'worker/export-pool-entry': 'src/worker/export-pool-entry.ts',
    'share/index': 'src/share/index.ts',
  },
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  splitting: true,
  clean: true,
  outDir: 'dist',
})
