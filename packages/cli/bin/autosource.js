#!/usr/bin/env node
// Runs the CLI from its TypeScript source (works in a fresh clone, no build step): tsx compiles
// on the fly, and the `source` export condition points the workspace packages at their src
// (the published package runs dist/autosource.js instead, see publishConfig.bin).
import { register } from 'node:module'
import { register as registerTsx } from 'tsx/esm/api'

registerTsx()
// Registered last, so it runs first: every resolution (tsx's included) sees the condition.
register('./source-conditions.mjs', import.meta.url)
await import('../src/main.ts')
