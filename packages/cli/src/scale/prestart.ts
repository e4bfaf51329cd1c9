import { MAX_WORKERS } from './scale-flags.ts'
import { type StartedThread, startThread } from './thread-start.ts'

/*
 * `autosource generate ... --workers N`: the N-1 worker threads are started before the CLI loads
 * itself (main.ts imports the rest of the CLI after this), so that loading the engine in each
 * thread, a third of a second, overlaps the main thread's own start instead of following it.
 * The pool takes them (takePrestarted); a run that ends up on one thread (a sink, pacing, a story
 * with errors) leaves them unused, and they never keep the process alive.
 *
 * Only the command line is looked at, loosely: a flag that sends the run to one thread (below)
 * skips the early start, and anything the real parser refuses later only costs the threads' start.
 */
const ONE_THREAD_FLAGS = ['--to', '--follow', '--pace', '--rate', '--start', '--roll', '--help', '-h']

let started: StartedThread[] = []

/** The worker threads `argv` will want (N-1 for `generate --workers N`), or 0. */
export function threadsWanted(argv: readonly string[]): number {
  if (argv[0] !== 'generate') return 0
  let workers = 1
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') break
    const name = a.split('=', 1)[0]
    const value = a.includes('=') ? a.slice(name.length + 1) : argv[i + 1]
    if (ONE_THREAD_FLAGS.includes(name)) return 0
    if ((name === '--format' || name === '-f') && value === 'parquet') return 0
    if (name === '--workers') workers = Number(value)
  }
  return Number.isSafeInteger(workers) && workers >= 2 && workers <= MAX_WORKERS ? workers - 1 : 0
}

/** Starts the threads `argv` will want (main.ts, first thing). */
export function prestartThreads(argv: readonly string[]): void {
  const n = threadsWanted(argv)
  for (let i = 0; i < n; i++) started.push(startThread())
}

/** Up to `count` threads started early, each given to one caller only. */
export function takePrestarted(count: number): StartedThread[] {
  const taken = started.slice(0, count)
  started = started.slice(count)
  return taken
}

/** The threads started early and not taken yet. */
export function waitingThreads(): readonly StartedThread[] {
  return started
}
