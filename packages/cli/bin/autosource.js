#!/usr/bin/env node
// Runs the CLI from its TypeScript source (works in a fresh clone, no build step):
// tsx compiles on the fly; the engine's package exports point at its src too.
import { register } from 'tsx/esm/api'

register()
await import('../src/main.ts')
