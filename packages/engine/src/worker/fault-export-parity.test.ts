/**
 * Faults in the studio export (issue 18): the worker host's export of a story with `faults:` equals
 * `autosource generate` byte for byte (duplicates, late order, cut records), and `noFaults` equals
 * `--no-faults`. Like export-parity.test.ts, the CLI runs as a separate process.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ExportFormat } from './protocol.ts'
import { singleWorkerExport } from './single-export.test-util.ts'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const STORY = 'stories/faulty-orders.yaml'

function cli(args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/cli/src/main.ts', 'generate', STORY, ...args],
      { cwd: ROOT, encoding: 'buffer', maxBuffer: 1 << 28 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr.toString()}`)) : resolve(stdout),
    )
  })
}

async function studioExport(
  format: ExportFormat,
  seed: number | undefined,
  noFaults: boolean,
): Promise<Buffer> {
  const text = readFileSync(join(ROOT, STORY), 'utf8')
  const { bytes } = await singleWorkerExport({ text, file: 'faulty-orders.yaml', seed, format, noFaults })
  return bytes
}

const cases: [format: ExportFormat, seed: number | undefined, noFaults: boolean][] = [
  ['ndjson', undefined, false],
  ['ndjson', 3, false],
  ['csv', undefined, false],
  ['json', 3, false],
  ['ndjson', undefined, true],
]

describe('studio export with faults = autosource generate, byte for byte', () => {
  it.each(cases)('%s with seed %s, noFaults %s', { timeout: 60_000 }, async (format, seed, noFaults) => {
    const args = [
      '--format',
      format,
      ...(seed === undefined ? [] : [`--seed=${seed}`]),
      ...(noFaults ? ['--no-faults'] : []),
    ]
    const [expected, actual] = await Promise.all([cli(args), studioExport(format, seed, noFaults)])
    expect(expected.byteLength).toBeGreaterThan(10_000)
    expect(actual.equals(expected)).toBe(true)
  })

  it('differs from the clean export (the faults are really in it)', { timeout: 60_000 }, async () => {
    const [faulty, clean] = await Promise.all([
      studioExport('ndjson', undefined, false),
      studioExport('ndjson', undefined, true),
    ])
    const lines = (b: Buffer) => b.toString('utf8').trimEnd().split('\n')
    expect(lines(faulty).length).toBeGreaterThan(lines(clean).length) // duplicates
    expect(lines(faulty).filter((l) => !l.endsWith('}')).length).toBeGreaterThan(0) // cut records
  })
})
