import { createHash } from 'node:crypto'
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
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
 * A manifest lists the bundle's inputs with their size and mtime: when none changed, the next
 * process reuses the bundle without running esbuild (half a second saved on every run).
 */

const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/autosource/', import.meta.url))
const MANIFEST = join(CACHE_DIR, 'scale-worker.manifest.json')
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const ENTRY = fileURLToPath(new URL('./worker-main.ts', import.meta.url))
/** Bundles older than this are removed when a new one is written (old sources of a clone). */
const STALE_MS = 24 * 3600 * 1000

let bundling: Promise<URL> | undefined

/** The bundled worker entry for this source tree, built on first use in this process. */
export function sourceWorkerBundle(): Promise<URL> {
  bundling ??= buildBundle()
  return bundling
}

interface Manifest {
  bundle: string
  /** [path relative to ROOT, size, mtimeMs] of every input. */
  inputs: [string, number, number][]
}

async function buildBundle(): Promise<URL> {
  const reused = reusableBundle()
  if (reused) return new URL(`file://${reused}`)
  const { build } = await import('esbuild')
  const result = await build({
    absWorkingDir: ROOT,
    metafile: true,
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
  if (!stamp(file)) {
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, code)
    renameSync(temp, file) // atomic: a process starting threads meanwhile sees the whole file or none
    removeStale(file)
  }
  const manifest: Manifest = {
    bundle: file,
    inputs: Object.keys(result.metafile.inputs).flatMap((input) => {
      const at = stamp(join(ROOT, input))
      return at ? [[input, ...at] as [string, number, number]] : []
    }),
  }
  const temp = `${MANIFEST}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify(manifest))
  renameSync(temp, MANIFEST)
  return new URL(`file://${file}`)
}

/** The last bundle, when it exists and none of its inputs changed since it was built. */
function reusableBundle(): string | undefined {
  let manifest: Manifest
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest
  } catch {
    return undefined
  }
  if (!stamp(manifest.bundle) || manifest.inputs.length === 0) return undefined
  for (const [input, size, mtime] of manifest.inputs) {
    const at = stamp(join(ROOT, input))
    if (!at || at[0] !== size || at[1] !== mtime) return undefined
  }
  return manifest.bundle
}

/** A file's [size, mtimeMs], or undefined when it does not exist. */
function stamp(file: string): [number, number] | undefined {
  try {
    const s = statSync(file)
    return [s.size, s.mtimeMs]
  } catch {
    return undefined
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
