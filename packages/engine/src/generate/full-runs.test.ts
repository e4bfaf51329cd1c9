import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileIncludeResolver } from '../node/file-resolver.ts'
import { serializeChunks } from './serialize.ts'
import { csvColumns, serializeCsvChunks } from './serialize-csv.ts'
import { streamStory } from './stream-story.ts'

// Output bytes are a promise: the SHA-256 of the whole NDJSON of every library story (and
// of its first records with provenance, its CSV and its summary) was recorded before the
// engine redesign and must never change by accident. After an intended change, and only
// then: `UPDATE_GOLDEN=1 pnpm vitest run packages/engine/src/generate/full-runs.test.ts`.
const ROOT = new URL('../../../../', import.meta.url).pathname
const STORIES = join(ROOT, 'stories')
const HASHES = new URL('./__golden__/full-runs.json', import.meta.url).pathname
const NOT_RUNNABLE = new Set(['seed-format.yaml', 'seed-fields.yaml'])
const PARTS = /(^|\/)(_|shared)[^/]*\.ya?ml$/

function storyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return name.startsWith('__') ? [] : storyFiles(full)
    return /\.ya?ml$/.test(name) ? [relative(ROOT, full)] : []
  })
}

const files = [
  ...storyFiles(STORIES).filter((f) => !NOT_RUNNABLE.has(f.slice('stories/'.length)) && !PARTS.test(f)),
  'bench/reference-story.yaml',
]

function run(file: string, extra: { limit?: number; provenance?: boolean } = {}) {
  return streamStory(readFileSync(join(ROOT, file), 'utf8'), {
    file,
    resolveInclude: fileIncludeResolver(),
    ...extra,
  })
}

/** Hashes of one story: its whole NDJSON, CSV of the first 5,000 events, 3,000 records with provenance, summary. */
function fingerprint(file: string): Record<string, string | number> {
  const ndjson = createHash('sha256')
  const r = run(file, file.startsWith('bench/') ? { limit: 200_000 } : {})
  let chunks = 0
  for (const chunk of serializeChunks(r, 'ndjson')) {
    ndjson.update(chunk)
    chunks++
  }
  const { elapsedMs: _elapsed, ...summary } = r.summary()
  const csv = createHash('sha256')
  const csvRun = run(file, { limit: 5000 })
  for (const chunk of serializeCsvChunks(csvRun, csvColumns(csvRun.story!))) csv.update(chunk)
  const prov = createHash('sha256')
  for (const rec of run(file, { limit: 3000, provenance: true }).records())
    prov.update(`${JSON.stringify(rec)}\n`)
  return {
    ndjson: ndjson.digest('hex'),
    chunks,
    csv: csv.digest('hex'),
    records: prov.digest('hex'),
    summary: createHash('sha256').update(JSON.stringify(summary)).digest('hex'),
    diagnostics: createHash('sha256').update(JSON.stringify(r.diagnostics)).digest('hex'),
  }
}

describe('full runs: byte for byte', () => {
  it('has the library', () => expect(files).toContain('stories/seed-advanced.yaml'))
  const recorded: Record<string, Record<string, string | number>> = existsSync(HASHES)
    ? JSON.parse(readFileSync(HASHES, 'utf8'))
    : {}
  const actual: Record<string, Record<string, string | number>> = {}
  for (const file of files) {
    it(`${file}: same bytes as recorded`, { timeout: 300_000 }, () => {
      actual[file] = fingerprint(file)
      if (process.env.UPDATE_GOLDEN || (!recorded[file] && !process.env.CI)) {
        recorded[file] = actual[file]
        writeFileSync(HASHES, `${JSON.stringify(recorded, null, 2)}\n`)
      }
      expect(actual[file]).toEqual(recorded[file])
    })
  }
})
