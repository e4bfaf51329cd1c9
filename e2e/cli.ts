/** The Node side of the comparisons: the `autosource` CLI run from source, and hashing. */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url))

const run = promisify(execFile)

/** `autosource ARGS...` (the CLI from source, as `pnpm autosource`, in the repository root): stdout. */
export async function cliRun(args: readonly string[]): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'packages/cli/src/main.ts', ...args],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
  )
  return stdout
}

/** `autosource generate STORY --seed N --format FORMAT`, stdout. */
export function cliGenerate(story: string, seed: number, format = 'ndjson'): Promise<string> {
  return cliRun(['generate', story, '--seed', String(seed), '--format', format])
}

/** Hex SHA-256 of text (UTF-8) or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
