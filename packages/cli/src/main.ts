import { removePendingTempFiles } from './atomic-file.ts'
import { runCli } from './cli.ts'
import { processIo } from './cli-io.ts'

// `pnpm autosource ...` runs at the repo root; resolve paths where the user typed the command.
if (process.env.npm_lifecycle_event === 'autosource' && process.env.INIT_CWD)
  process.chdir(process.env.INIT_CWD)

// Ctrl-C or a kill mid-run: remove temp outputs so no partial file is left behind.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    removePendingTempFiles()
    process.exit(code)
  })
}

process.exitCode = await runCli(process.argv.slice(2), processIo())
