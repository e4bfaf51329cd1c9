import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { ChunkWriter } from '../chunk-writer.ts'
import { csvColumns, serializeChunks, serializeCsvChunks, streamStory } from '../engine.ts'
import { REPO_ROOT, tempDir } from '../test-fixtures.ts'
import { openOutputStream } from './output-stream.ts'

const SEED = join(REPO_ROOT, 'stories', 'seed-advanced.yaml')

/** A story whose CSV cells hold commas, quotes and line breaks (records that span lines). */
const MULTILINE = `org_id: acme
start_date: 2025-01-01
events:
  - source: web
    event: note
    repeat: 7
    data:
      text: "'line one\\nline \\"two\\", three'"
      n: random(1, 9)
`

/** The run's text in chunks of `size` characters (small sizes cut records in the middle). */
function chunks(format: 'ndjson' | 'csv', story: string, size: number): string[] {
  const run = streamStory(story)
  const text =
    format === 'csv'
      ? [...serializeCsvChunks(run, csvColumns(run.story!), size)]
      : [...serializeChunks(run, 'ndjson', size)]
  const all = text.join('')
  const out: string[] = []
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size))
  return out
}

async function writeAll(path: string, options: Parameters<typeof openOutputStream>[1], parts: string[]) {
  const out = openOutputStream(path, options)
  const writer = new ChunkWriter(out.stream)
  for (const c of parts) expect(await writer.write(c)).toBe(true)
  return out
}

describe('gzip output', () => {
  it.each(['ndjson', 'csv'] as const)('x.%s.gz streams gzip that gunzip reads back', async (format) => {
    const text = chunks(format, SEED, 1 << 16)
    const path = join(tempDir(), `events.${format}.gz`)
    const out = await writeAll(path, { format }, text)
    expect(await out.commit()).toEqual([path])
    expect(gunzipSync(readFileSync(path)).toString('utf8')).toBe(text.join(''))
  })

  it('without .gz writes plain text', async () => {
    const text = chunks('ndjson', SEED, 100)
    const path = join(tempDir(), 'events.ndjson')
    await (await writeAll(path, { format: 'ndjson' }, text)).commit()
    expect(readFileSync(path, 'utf8')).toBe(text.join(''))
  })
})

describe('rolling output (--roll N)', () => {
  it('cuts NDJSON into part-NNNNNN files of N events in a directory', async () => {
    const text = chunks('ndjson', SEED, 37)
    const lines = text.join('').split('\n').filter(Boolean)
    const dir = join(tempDir(), 'out/')
    const files = await (await writeAll(dir, { format: 'ndjson', roll: 25 }, text)).commit()
    const expected = Math.ceil(lines.length / 25)
    expect(files.map((f) => f.slice(dir.length))).toEqual(
      Array.from({ length: expected }, (_, k) => `part-${String(k).padStart(6, '0')}.ndjson`),
    )
    const back = files.map((f) => readFileSync(f, 'utf8'))
    expect(back.map((t) => t.split('\n').filter(Boolean).length)).toEqual(
      Array.from({ length: expected }, (_, k) => Math.min(25, lines.length - 25 * k)),
    )
    expect(back.join('')).toBe(text.join(''))
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.slice(dir.length)))
  })

  it('repeats the CSV header in every file and never cuts a quoted line break', async () => {
    const text = chunks('csv', MULTILINE, 5)
    const all = text.join('')
    const header = all.slice(0, all.indexOf('\n') + 1)
    const dir = tempDir()
    const files = await (await writeAll(dir, { format: 'csv', roll: 3 }, text)).commit()
    expect(files).toHaveLength(3)
    const back = files.map((f) => readFileSync(f, 'utf8'))
    for (const t of back) expect(t.startsWith(header)).toBe(true)
    expect(header + back.map((t) => t.slice(header.length)).join('')).toBe(all)
    // Every record's line break inside quotes stayed inside its file.
    expect(back.map((t) => (t.match(/line one\nline/g) ?? []).length)).toEqual([3, 3, 1])
  })

  it('numbers a file name before its extension, gzipping each part', async () => {
    const text = chunks('ndjson', SEED, 1000)
    const dir = tempDir()
    const files = await (
      await writeAll(join(dir, 'events.ndjson.gz'), { format: 'ndjson', roll: 40 }, text)
    ).commit()
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      'events-000000.ndjson.gz',
      'events-000001.ndjson.gz',
    ])
    expect(files.map((f) => gunzipSync(readFileSync(f)).toString('utf8')).join('')).toBe(text.join(''))
  })

  it('leaves one file for a run without events, and abort removes every file', async () => {
    const dir = join(tempDir(), 'empty/')
    expect(await (await writeAll(dir, { format: 'ndjson', roll: 10 }, [])).commit()).toEqual([
      join(dir, 'part-000000.ndjson'),
    ])
    const other = join(tempDir(), 'gone/')
    const out = await writeAll(other, { format: 'ndjson', roll: 10 }, chunks('ndjson', SEED, 500))
    await out.abort()
    expect(existsSync(other) ? readdirSync(other) : []).toEqual([])
  })

  it('refuses --roll with a JSON array and a roll that is not a positive integer', () => {
    expect(() => openOutputStream(tempDir(), { format: 'json', roll: 5 })).toThrow(
      /--roll works with --format ndjson or csv/,
    )
    expect(() => openOutputStream(tempDir(), { format: 'ndjson', roll: 0 })).toThrow(/positive whole number/)
  })
})
