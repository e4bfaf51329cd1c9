import { prestartThreads } from './scale/prestart.ts'

// `generate --workers N`: the threads load the engine while this thread loads the CLI (prestart.ts).
prestartThreads(process.argv.slice(2))
const { runCli } = await import('./cli.ts')
const { processIo } = await import('./cli-io.ts')
const { installStopSignals } = await import('./stop-signal.ts')

// `pnpm autosource ...` runs at the repo root; resolve paths where the user typed the command.
if (process.env.npm_lifecycle_event === 'autosource' && process.env.INIT_CWD)
  process.chdir(process.env.INIT_CWD)

// Ctrl-C or SIGTERM mid-run: generate stops cleanly (flushes, discards partial files, reports);
// other commands exit at once. Either way no temp file is left behind.
const stops = installStopSignals()

const code = await runCli(process.argv.slice(2), processIo(stops))
// After a clean stop everything is flushed or removed; a reader that never reads (a stalled FIFO)
// must not keep the process alive through a write still pending in the thread pool.
if (stops.signal.aborted) process.exit(code)
process.exitCode = code
