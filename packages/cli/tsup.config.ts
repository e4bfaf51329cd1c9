import { cpSync } from 'node:fs'
import { defineConfig } from 'tsup'

// The published CLI: one Node ESM file (plus lazily loaded chunks) run by the `bin`, no tsx.
// Dependencies, the engine included, stay external and resolve from the installed node_modules.
export default defineConfig({
  // The --workers thread is its own entry: a Worker starts a file (src/scale/worker-pool.ts).
  entry: { autosource: 'src/main.ts', 'scale-worker': 'src/scale/worker-main.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  splitting: true,
  // Only the source run (a clone) bundles its --workers thread with esbuild (source-worker-bundle.ts).
  external: ['esbuild'],
  clean: true,
  outDir: 'dist',
  banner: { js: '#!/usr/bin/env node' },
  // `autosource init` writes the library stories: ship them next to the code (init-templates.ts).
  onSuccess: async () => {
    cpSync('../../stories', 'dist/templates', {
      recursive: true,
      filter: (src) => !src.includes('__golden__') && !src.endsWith('.ts'),
    })
  },
})
