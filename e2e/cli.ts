/** The Node side of the comparisons: the `autosource` CLI run from source, and hashing. */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url))

const run = promisify(execFile)

/** `autosource generate STORY --seed N --format FORMAT` (the CLI from source, as `pnpm autosource`), stdout. */
export async function cliGenerate(story: string, seed: number, format = 'ndjson'): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      'packages/cli/src/main.ts',
      'generate',
      story,
      '--seed',
      String(seed),
      '--format',
      format,
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
  )
  return stdout
}

/** Hex SHA-256 of text (UTF-8) or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
