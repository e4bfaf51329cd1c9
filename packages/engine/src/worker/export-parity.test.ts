/**
 * The studio export and `autosource generate` write the same bytes for the same story, seed and format:
 * the worker host's export (real engine) is compared with the CLI run as a separate process.
 */
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ExportFormat, FileMap } from './protocol.ts'
import { singleWorkerExport } from './single-export.test-util.ts'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const STORIES = join(ROOT, 'stories')

/** Every story of the library, by path below `stories/` (what the studio sends as `files`). */
function libraryFiles(): FileMap {
  const files: FileMap = {}
  for (const entry of readdirSync(STORIES, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.yaml')) continue
    const full = join(entry.parentPath, entry.name)
    files[relative(STORIES, full)] = readFileSync(full, 'utf8')
  }
  return files
}

/** `autosource generate` as a user runs it, stdout as bytes. */
function cli(args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/cli/src/main.ts', 'generate', ...args],
      { cwd: ROOT, encoding: 'buffer', maxBuffer: 1 << 28 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr.toString()}`)) : resolve(stdout),
    )
  })
}

/** The worker host's export, chunks concatenated, acknowledged as the studio does. */
async function studioExport(
  path: string,
  format: ExportFormat,
  seed: number | undefined,
  chunkChars?: number,
): Promise<Buffer> {
  const files = libraryFiles()
  const { bytes, done } = await singleWorkerExport({
    text: files[path],
    file: path,
    files,
    seed,
    format,
    chunkChars,
  })
  expect(done.progress.bytes).toBe(bytes.byteLength)
  return bytes
}

const cases: [story: string, format: ExportFormat, seed: number | undefined][] = [
  ['seed-advanced.yaml', 'ndjson', 42],
  ['seed-advanced.yaml', 'json', 42],
  ['seed-advanced.yaml', 'csv', 42],
  ['seed-advanced.yaml', 'ndjson', undefined],
  ['saas-funnel.yaml', 'csv', 7],
  ['composition/product-launch.yaml', 'json', undefined],
]

describe('studio export = autosource generate, byte for byte', () => {
  it.each(cases)('%s as %s with seed %s', { timeout: 60_000 }, async (story, format, seed) => {
    const args = [`stories/${story}`, '--format', format, ...(seed === undefined ? [] : [`--seed=${seed}`])]
    const [expected, actual, smallChunks] = await Promise.all([
      cli(args),
      studioExport(story, format, seed),
      studioExport(story, format, seed, 100),
    ])
    expect(expected.byteLength).toBeGreaterThan(1000)
    expect(actual.equals(expected)).toBe(true)
    // The chunk size changes where chunks end, never the bytes.
    expect(smallChunks.equals(expected)).toBe(true)
  })

  it('seed-advanced NDJSON has the 60 lines the e2e test expects', async () => {
    const text = (await studioExport('seed-advanced.yaml', 'ndjson', 42)).toString('utf8')
    expect(text.endsWith('\n')).toBe(true)
    expect(text.trimEnd().split('\n')).toHaveLength(60)
  })
})
