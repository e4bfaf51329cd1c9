/** Creates a case's files (text, FIFOs, symlinks, device nodes) in a fresh temp dir, and reads their state back. */
import { execFileSync } from 'node:child_process'
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { FileSpec, PathState } from './types.ts'

/** True when this process may make device nodes (mknod needs root). */
export const CAN_MKNOD = process.getuid?.() === 0

/** A fresh temp dir holding `files`. */
export function makeCaseDir(files: readonly FileSpec[] = []): string {
  // Under the run's own temp root when there is one: run.ts removes it at the end, also what
  // cases killed by their hang guard could not clean up.
  const dir = mkdtempSync(join(process.env.HOSTILE_TMP ?? tmpdir(), 'hostile-'))
  for (const f of files) {
    const at = join(dir, f.path)
    mkdirSync(dirname(at), { recursive: true })
    if ('text' in f) writeFileSync(at, f.text)
    else if ('fifo' in f) execFileSync('mkfifo', [at])
    else if ('symlink' in f) symlinkSync(f.symlink, at)
    else if ('dir' in f) mkdirSync(at, { recursive: true })
    // Without root there is no mknod: a symlink to /dev/null stands in (the CLI must not replace either).
    else if (CAN_MKNOD) execFileSync('mknod', [at, 'c', '1', '3'])
    else symlinkSync('/dev/null', at)
  }
  return dir
}

/** What is at `path` now (lstat: a symlink is a symlink). */
export function pathState(path: string): PathState {
  try {
    const s = lstatSync(path)
    if (s.isSymbolicLink()) return 'symlink'
    if (s.isFIFO()) return 'fifo'
    if (s.isCharacterDevice() || s.isBlockDevice()) return 'device'
    if (s.isDirectory()) return 'dir'
    return 'file'
  } catch {
    return 'absent'
  }
}

/** Files named like an atomic write's temp file (`*.tmp-*`) left in `dir`. */
export function tempFilesLeft(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => n.includes('.tmp-'))
}

/** Removes a case dir (never follows links out of it). */
export function removeCaseDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}
