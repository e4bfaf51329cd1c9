import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs'
import { sep } from 'node:path'

/** Why a path cannot be read as a story file, with how to fix it. */
export interface ReadRefusal {
  refused: string
  hint?: string
}

/** The text of a story file, or why it was not read; undefined when the path does not exist. */
export type SafeReadResult = { text: string; realPath: string } | ReadRefusal | undefined

// Pseudo file systems: their "regular files" are the process's environment, memory or devices.
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev']
const STORY_EXTENSION = /\.ya?ml$/i
const CHUNK = 65_536

/** True when a real path is under /proc, /sys or /dev. */
function isSpecial(realPath: string): boolean {
  return SPECIAL_ROOTS.some((root) => realPath === root || realPath.startsWith(root + sep))
}

/** The real path (symlinks followed), undefined when it does not exist; throws on other errors. */
export function realPathOf(path: string): string | undefined {
  try {
    return realpathSync(path)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR')
      return undefined
    throw e
  }
}

/** Refuses a real path under /proc, /sys or /dev (undefined when it is elsewhere). */
export function refuseSpecialPath(realPath: string): ReadRefusal | undefined {
  if (!isSpecial(realPath)) return undefined
  return {
    refused: `it resolves to ${realPath}, a system path (/proc, /sys and /dev hold no stories)`,
    hint: 'Include only story files of your project',
  }
}

/**
 * Checks that a real path may be included: a `.yaml`/`.yml` name outside the pseudo file
 * systems. Undefined when it may.
 */
export function refusePath(realPath: string): ReadRefusal | undefined {
  const special = refuseSpecialPath(realPath)
  if (special) return special
  if (!STORY_EXTENSION.test(realPath))
    return {
      refused: `it is not a .yaml or .yml file (it resolves to ${realPath})`,
      hint: 'Rename the file to end in .yaml, or include the .yaml file it should be',
    }
  return undefined
}

/**
 * Reads a regular file through one descriptor: opened without blocking (a FIFO never hangs),
 * checked with fstat (FIFOs, devices, sockets and directories are refused), and read with the
 * cap enforced while reading (a growing or huge file stops at `maxBytes + 1`).
 */
export function readRegularFile(realPath: string, maxBytes: number): { text: string } | ReadRefusal {
  let fd: number
  try {
    // The path is already real: O_NOFOLLOW refuses it if it was swapped for a symlink since.
    const flags =
      constants.O_RDONLY |
      (constants.O_NONBLOCK ?? 0) |
      (constants.O_NOCTTY ?? 0) |
      (constants.O_NOFOLLOW ?? 0)
    fd = openSync(realPath, flags)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENXIO') return { refused: 'it is a socket or device, not a regular file' }
    if (code === 'EISDIR') return { refused: 'it is a directory, not a file' }
    if (code === 'ELOOP') return { refused: 'it changed into a symbolic link while being opened' }
    return { refused: `it cannot be opened (${code ?? 'error'})` }
  }
  try {
    const st = fstatSync(fd)
    if (!st.isFile()) return { refused: `it is ${kindOf(st)}, not a regular file` }
    if (st.size > maxBytes) return { refused: tooLarge(maxBytes) }
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total))
      const n = readSync(fd, buf, 0, buf.length, null)
      if (n === 0) break
      total += n
      if (total > maxBytes) return { refused: tooLarge(maxBytes) }
      chunks.push(n === buf.length ? buf : buf.subarray(0, n))
    }
    return { text: Buffer.concat(chunks, total).toString('utf8') }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EAGAIN') return { refused: 'it is not a regular file (reading it would block)' }
    return { refused: `it cannot be read (${code ?? 'error'})` }
  } finally {
    closeSync(fd)
  }
}

function tooLarge(maxBytes: number): string {
  return `it is larger than ${maxBytes} bytes`
}

function kindOf(st: ReturnType<typeof fstatSync>): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)'
  if (st.isDirectory()) return 'a directory'
  if (st.isSocket()) return 'a socket'
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device'
  if (st.isSymbolicLink()) return 'a symbolic link'
  return 'not a file'
}
