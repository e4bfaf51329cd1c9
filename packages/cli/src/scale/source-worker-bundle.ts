import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/*
 * `--workers` threads started from the TypeScript source (a clone, `pnpm autosource`, the tests).
 * Booting each thread through tsx's loader hooks cost 1.3 s alone and 2.7 s for two threads on this
 * 2-core machine (every module resolved and compiled per thread, through a hooks thread each), which
 * ate most of what a second worker gains on a million-event run. Instead the worker entry is bundled
 * once per process with esbuild (tsx's own compiler, a dev dependency) into one plain ESM file that
 * every thread loads directly, as the published CLI loads dist/scale-worker.js.
 *
 * The file is content-addressed (`scale-worker-<hash>.mjs` under node_modules/.cache), so processes
 * running at the same time (parallel tests) share it safely, and a changed source gives a new file.
 */

const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/autosource/', import.meta.url))
const ENTRY = fileURLToPath(new URL('./worker-main.ts', import.meta.url))
/** Bundles older than this are removed when a new one is written (old sources of a clone). */
const STALE_MS = 24 * 3600 * 1000

let bundling: Promise<URL> | undefined

/** The bundled worker entry for this source tree, built on first use in this process. */
export function sourceWorkerBundle(): Promise<URL> {
  bundling ??= buildBundle()
  return bundling
}

async function buildBundle(): Promise<URL> {
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The workspace packages' `source` export condition points at their TypeScript source.
    conditions: ['source'],
    write: false,
    logLevel: 'silent',
    // Bundled CommonJS dependencies may `require` Node built-ins; ESM has no `require` of its own.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  })
  const code = result.outputFiles[0].contents
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16)
  const file = join(CACHE_DIR, `scale-worker-${hash}.mjs`)
  mkdirSync(CACHE_DIR, { recursive: true })
  if (!exists(file)) {
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, code)
    renameSync(temp, file) // atomic: a process starting threads meanwhile sees the whole file or none
    removeStale(file)
  }
  return new URL(`file://${file}`)
}

function exists(file: string): boolean {
  try {
    statSync(file)
    return true
  } catch {
    return false
  }
}

function removeStale(keep: string): void {
  const now = Date.now()
  for (const name of readdirSync(CACHE_DIR)) {
    const full = join(CACHE_DIR, name)
    if (full === keep || !name.startsWith('scale-worker-')) continue
    try {
      if (now - statSync(full).mtimeMs > STALE_MS) unlinkSync(full)
    } catch {
      // Another process removed it first.
    }
  }
}
