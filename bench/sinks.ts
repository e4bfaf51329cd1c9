import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { ChunkWriter } from '../packages/cli/src/chunk-writer.ts'
import { type StoryEvent, serializeNdjson, streamStory } from '../packages/cli/src/engine.ts'
import { openOutputStream } from '../packages/cli/src/outputs/output-stream.ts'
import { createKafkaSink } from '../packages/cli/src/sinks/kafka-sink.ts'
import { createParquetSink } from '../packages/cli/src/sinks/parquet-sink.ts'
import { createPostgresSink } from '../packages/cli/src/sinks/postgres-sink.ts'
import type { Sink, SinkSummary } from '../packages/cli/src/sinks/sink.ts'
import { kcatPath, startKafkaMock } from '../packages/cli/src/test-servers/kafka-mock.ts'
import { postgresBinDir, startPostgres } from '../packages/cli/src/test-servers/postgres-server.ts'
import { referenceStoryText } from './engine-case.ts'
import { childCpu, postgresCpu } from './server-cpu.ts'

/**
 * `node --conditions=source --import tsx bench/sinks.ts [--events N] [--quick]` (also run by
 * `pnpm bench`): events/s of each sink on this machine, against the servers the tests use
 * (librdkafka's mock cluster in kcat, a PostgreSQL started here), next to writing NDJSON to
 * a file in the same run. The events are generated first and kept in memory, so every row
 * measures delivery only. Prints a Markdown table for docs/delivery.md.
 */
const quick = process.argv.includes('--quick')
const eventsFlag = process.argv.indexOf('--events')
const N = eventsFlag > 0 ? Number(process.argv[eventsFlag + 1]) : quick ? 50_000 : 200_000
// `--only kafka|postgres|parquet`: the baseline and that sink alone (for `node --cpu-prof`).
const onlyFlag = process.argv.indexOf('--only')
const only = onlyFlag > 0 ? process.argv[onlyFlag + 1] : undefined
const runs = (sink: string) => only === undefined || only === sink

const run = streamStory(referenceStoryText(N), { file: 'bench/reference-story.yaml', limit: N })
const events: StoryEvent[] = [...run]
const lines = events.map(serializeNdjson)
const signal = new AbortController().signal
const dir = mkdtempSync(join(tmpdir(), 'autosource-bench-sinks-'))

interface Row {
  name: string
  ms: number
  /** CPU time of this process (user + system): less sensitive than wall time to a busy machine. */
  cpuMs: number
  /** CPU time of the server the sink sends to (kcat's mock cluster, PostgreSQL), when measured. */
  serverMs?: number
  note: string
}
const rows: Row[] = []

/** Writes every line as the generate command does: 64 KiB chunks through a ChunkWriter. */
async function textCase(name: string, path: string, roll?: number): Promise<void> {
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const out = openOutputStream(path, { format: 'ndjson', roll })
  const writer = new ChunkWriter(out.stream)
  let buf = ''
  for (const line of lines) {
    buf += `${line}\n`
    if (buf.length >= 1 << 16) {
      await writer.write(buf)
      buf = ''
    }
  }
  await writer.write(buf)
  const files = await out.commit()
  rows.push({ name, ms: performance.now() - t0, cpuMs: cpuSince(c0), note: `${files.length} file(s)` })
}

/** Opens a sink, writes every event (awaiting backpressure), closes it; checks nothing was lost. */
async function sinkCase(name: string, sink: Sink, note: string, server?: () => number): Promise<void> {
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const s0 = server?.()
  await sink.open()
  for (let i = 0; i < events.length; i++) {
    const pending = sink.write(events[i], lines[i])
    if (pending) await pending
  }
  const summary: SinkSummary = await sink.close()
  const ms = performance.now() - t0
  // PostgreSQL's backends count once they have exited (the pool closed them): give it a moment.
  if (server) await new Promise((resolve) => setTimeout(resolve, 300))
  const serverMs = server && s0 !== undefined ? server() - s0 : undefined
  if (summary.sent !== events.length) throw new Error(`${name}: sent ${summary.sent} of ${events.length}`)
  const latency = summary.latencyMs
    ? `, batch p50 ${summary.latencyMs.p50} ms, p99 ${summary.latencyMs.p99} ms`
    : ''
  rows.push({ name, ms, cpuMs: cpuSince(c0), serverMs, note: `${note}${latency}` })
}

function cpuSince(c0: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(c0)
  return (d.user + d.system) / 1000
}

const load = loadavg()[0]
process.stderr.write(`sinks bench: ${events.length.toLocaleString('en-US')} events\n`)
// A first, unrecorded pass warms up the JIT, so the baseline is not the only cold row.
await textCase('warm-up', join(dir, 'warm-up.ndjson'))
rows.pop()
await textCase('NDJSON file (baseline)', join(dir, 'events.ndjson'))
if (only === undefined) {
  await textCase('NDJSON .gz file', join(dir, 'events.ndjson.gz'))
  await textCase('NDJSON, --roll 50000', join(dir, 'rolled/'), 50_000)
}

if (!runs('kafka')) {
  // not asked for
} else if (kcatPath()) {
  const mock = await startKafkaMock('bench-unused')
  try {
    const options = { key: (e: StoryEvent) => e.id, schemas: [], concurrency: 4, signal }
    // The mock cannot serve the idempotent producer (it reports no controller): see the docs.
    const url = (q: string) => new URL(`kafka://${mock.bootstrap}/bench?idempotent=false&${q}`)
    await sinkCase(
      'Kafka (mock cluster)',
      createKafkaSink(url('batch=1000'), options),
      '1000/batch, 4 in flight',
      childCpu('kcat'),
    )
    // What the default two headers cost (per message, in kafkajs's record encoder), against none.
    await sinkCase(
      'Kafka, headers=none',
      createKafkaSink(url('batch=1000&headers=none'), options),
      '1000/batch, 4 in flight',
      childCpu('kcat'),
    )
    await sinkCase(
      'Kafka, gzip',
      createKafkaSink(url('batch=1000&compression=gzip'), options),
      '1000/batch, 4 in flight',
      childCpu('kcat'),
    )
  } finally {
    await mock.stop()
  }
} else rows.push({ name: 'Kafka', ms: Number.NaN, cpuMs: Number.NaN, note: 'skipped: kcat is not installed' })

if (!runs('postgres')) {
  // not asked for
} else if (postgresBinDir()) {
  const server = await startPostgres()
  try {
    const options = (concurrency: number) => ({
      key: (e: StoryEvent) => e.id,
      schemas: run.story?.schemas ?? [],
      concurrency,
      signal,
    })
    // 8 is the generate command's default --concurrency; 2 is what this bench used before.
    for (const connections of [8, 2])
      await sinkCase(
        connections === 8 ? 'PostgreSQL COPY' : `PostgreSQL COPY, --concurrency ${connections}`,
        createPostgresSink(new URL(server.url), options(connections)),
        `10000 rows/COPY, ${connections} connections`,
        postgresCpu(postgresBinDir()!, server.url),
      )
  } finally {
    server.stop()
  }
} else
  rows.push({
    name: 'PostgreSQL',
    ms: Number.NaN,
    cpuMs: Number.NaN,
    note: 'skipped: PostgreSQL is not installed',
  })

if (runs('parquet')) {
  const schemas = run.story?.schemas ?? []
  await sinkCase(
    'Parquet file (DuckDB)',
    createParquetSink(join(dir, 'events.parquet'), { schemas, signal }),
    'snappy, lines through a pipe',
  )
  // The way without mkfifo (Windows), and this sink's way before: a temp file converted at the end.
  await sinkCase(
    'Parquet file, via temp file',
    createParquetSink(join(dir, 'events-file.parquet'), { schemas, signal, pipe: false }),
    'snappy, NDJSON temp file converted at the end',
  )
}
rmSync(dir, { recursive: true, force: true })

const fmt = (n: number, digits = 0) =>
  Number.isNaN(n)
    ? '-'
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const base = events.length / rows[0].ms
console.log(
  '| sink | events | time (s) | events/s | vs NDJSON file | events/CPU-s here | server CPU (s) | events/CPU-s with server | notes |',
)
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|')
for (const r of rows) {
  const rate = (events.length / r.ms) * 1000
  console.log(
    `| ${r.name} | ${fmt(events.length)} | ${fmt(r.ms / 1000, 2)} | ${fmt(rate)} | ${fmt(events.length / r.ms / base, 3)}x | ${fmt((events.length / r.cpuMs) * 1000)} | ${r.serverMs === undefined ? '-' : fmt(r.serverMs / 1000, 2)} | ${r.serverMs === undefined ? '-' : fmt((events.length / (r.cpuMs + r.serverMs)) * 1000)} | ${r.note} |`,
  )
}
console.log()
console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}; load average before: ${fmt(load, 2)}`,
)
