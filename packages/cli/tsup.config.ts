import { cpSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
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
  // kafkajs ships inside the CLI: the workspace patches it (patches/kafkajs@2.2.4.patch, about
  // three times the Kafka throughput, same bytes), and an npm install would get it unpatched.
  noExternal: ['kafkajs'],
  clean: true,
  outDir: 'dist',
  banner: {
    // kafkajs is CommonJS: its bundled require() calls of Node built-ins need a real require.
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module'\nconst require = __createRequire(import.meta.url)",
  },
  // `autosource init` writes the library stories: ship them next to the code (init-templates.ts).
  onSuccess: async () => {
    cpSync('../../stories', 'dist/templates', {
      recursive: true,
      filter: (src) => !src.includes('__golden__') && !src.endsWith('.ts'),
    })
    // kafkajs is MIT-licensed: its notice travels with the copy bundled above.
    mkdirSync('dist/licenses', { recursive: true })
    cpSync(createRequire(import.meta.url).resolve('kafkajs/LICENSE'), 'dist/licenses/kafkajs.LICENSE')
  },
})
