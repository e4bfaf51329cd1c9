/**
 * `autosource query STORY "SQL"`: runs the story, loads its events into DuckDB (in memory, table
 * `events`: the envelope columns, `data` as a STRUCT, plus `seq` and `time`), runs the SQL and prints
 * the result. The same SQL works in the studio's Query panel.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DuckDBInstance } from '@duckdb/node-api'
import { type CliIo, EXIT, UsageError } from '../cli-io.ts'
import { serializeNdjson, streamStoryText } from '../engine.ts'
import { integerFlag, parseCommandArgs } from '../parse-args.ts'
import { sqlString } from '../sinks/parquet-columns.ts'
import { countSummary, formatDiagnostics, readStoryInput, storyOptions } from '../story-input.ts'
import { escapeForTerminal } from '../terminal-text.ts'

/** Usage text of `autosource query`. */
export const QUERY_USAGE = `Usage: autosource query STORY "SQL" [--seed N] [--format table|csv|ndjson]

Runs STORY and answers SQL over its events (DuckDB). Table events: id, org_id, source, event,
timestamp, data (a struct: data.amount), seq (stream order), time (UTC timestamp).
  --seed N        run seed (default: the story's)
  --format F      table (default, aligned columns), csv, or ndjson (one JSON object per row)`

/** `autosource query STORY SQL`. */
export async function queryCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('query', argv, {
    help: { type: 'boolean', short: 'h' },
    seed: { type: 'string' },
    format: { type: 'string' },
  })
  if (values.help) {
    io.stdout.write(`${QUERY_USAGE}\n`)
    return EXIT.ok
  }
  if (positionals.length !== 2) throw new UsageError('query: give a story file and one SQL query')
  const format = (values.format as string | undefined) ?? 'table'
  if (format !== 'table' && format !== 'csv' && format !== 'ndjson')
    throw new UsageError(`query: --format is table, csv or ndjson, not '${format}'`)
  const seed = integerFlag('seed', values.seed as string | undefined, 0)
  const input = readStoryInput(positionals[0], io.cwd)
  const run = streamStoryText(input.text, { ...storyOptions(input, io.cwd), seed })
  const lines: string[] = []
  if (!run.failed) for (const event of run) lines.push(serializeNdjson(event))
  if (run.failed) {
    const shown = run.diagnostics.filter((d) => d.severity !== 'info')
    io.stderr.write(`${escapeForTerminal(formatDiagnostics(shown, input, io.cwd).join('\n'))}\n`)
    io.stderr.write(escapeForTerminal(`${input.file}: ${countSummary(shown).text}; nothing generated\n`))
    return EXIT.failed
  }

  const dir = mkdtempSync(join(tmpdir(), 'autosource-query-'))
  // Loaded here, not with the CLI: DuckDB's native binding takes 50 ms or more to load, which every
  // other command (and every `generate`) would pay at start.
  const { DuckDBInstance } = await import('@duckdb/node-api')
  const instance = await DuckDBInstance.create(':memory:')
  const conn = await instance.connect()
  try {
    const file = join(dir, 'events.ndjson')
    writeFileSync(file, lines.length > 0 ? `${lines.join('\n')}\n` : '')
    await loadEvents(conn, file, lines.length)
    let reader: Awaited<ReturnType<typeof conn.runAndReadAll>>
    try {
      reader = await conn.runAndReadAll(positionals[1])
    } catch (e) {
      io.stderr.write(escapeForTerminal(`autosource: query: ${e instanceof Error ? e.message : String(e)}\n`))
      return EXIT.failed
    }
    const names = reader.columnNames()
    // Integers come as text from DuckDB's JSON rows (they may pass 2^53): numbers when exact.
    const integer = reader.columnTypes().map((t) => /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?)$/.test(String(t)))
    const rows = (reader.getRowsJson() as unknown[][]).map((r) =>
      r.map((v, i) =>
        integer[i] && typeof v === 'string' && Number.isSafeInteger(Number(v)) ? Number(v) : v,
      ),
    )
    io.stdout.write(escapeForTerminal(formatResult(names, rows, format)))
    return EXIT.ok
  } finally {
    conn.closeSync()
    instance.closeSync()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function loadEvents(
  conn: Awaited<ReturnType<DuckDBInstance['connect']>>,
  file: string,
  count: number,
): Promise<void> {
  if (count === 0) {
    await conn.run(
      'CREATE TABLE events (seq BIGINT, "time" TIMESTAMP, id VARCHAR, org_id VARCHAR, source VARCHAR, event VARCHAR, "timestamp" VARCHAR, data JSON)',
    )
    return
  }
  // Every line sampled (sample_size -1): a field only rare events have still gets its struct member.
  // timestamp stays the text the engine wrote (read again as raw JSON); time is its UTC instant. One
  // thread keeps the scan in file order, which is what row_number() numbers.
  await conn.run('SET threads = 1')
  const f = sqlString(file)
  await conn.run(
    `CREATE TABLE events AS
WITH a AS (SELECT row_number() OVER () AS n, * EXCLUDE ("timestamp") FROM read_ndjson(${f}, sample_size = -1)),
b AS (SELECT row_number() OVER () AS n, json->>'timestamp' AS ts FROM read_ndjson_objects(${f}))
SELECT a.n - 1 AS seq, (b.ts::TIMESTAMPTZ AT TIME ZONE 'UTC') AS "time", a.* EXCLUDE (n), b.ts AS "timestamp"
FROM a JOIN b USING (n) ORDER BY seq`,
  )
}

/** A result as text: aligned columns, CSV, or NDJSON. */
export function formatResult(names: readonly string[], rows: readonly unknown[][], format: string): string {
  const text = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)
  if (format === 'ndjson')
    return rows
      .map((r) => `${JSON.stringify(Object.fromEntries(names.map((n, i) => [n, r[i] ?? null])))}\n`)
      .join('')
  if (format === 'csv') {
    const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
    return [names, ...rows.map((r) => r.map(text))].map((r) => `${r.map(field).join(',')}\n`).join('')
  }
  const cells = [names.map(String), ...rows.map((r) => r.map(text))]
  const widths = names.map((_, i) => Math.max(...cells.map((r) => r[i].length)))
  const line = (r: string[]) =>
    `${r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd()}\n`
  return `${line(cells[0])}${line(widths.map((w) => '-'.repeat(w)))}${cells.slice(1).map(line).join('')}`
}
