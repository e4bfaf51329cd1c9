import type { Writable } from 'node:stream'

/** What the CLI talks to: injected so tests run it in-process with fake streams. */
export interface CliIo {
  stdout: Writable
  stderr: Writable
  /** Directory that relative paths resolve against. */
  cwd: string
  /** True when stderr is a terminal (progress lines are drawn only then). */
  stderrIsTty: boolean
  /** Monotonic clock in ms, for progress and rates (never simulated time). */
  now: () => number
  /** Aborted on Ctrl-C or SIGTERM; the reason is the signal's name (`SIGINT`, `SIGTERM`). */
  stop: AbortSignal
  /** A command calls this when it stops cleanly on `stop`; otherwise a signal exits the process at once. */
  handleStops: () => void
}

/** The IO of the real process. */
export function processIo(stops: { signal: AbortSignal; handleStops: () => void }): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    stderrIsTty: Boolean(process.stderr.isTTY),
    now: () => performance.now(),
    stop: stops.signal,
    handleStops: stops.handleStops,
  }
}

/** A usage problem (bad flag, missing argument, unreadable input): printed without a stack, exit 2. */
export class UsageError extends Error {}

/** Exit codes of every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const
