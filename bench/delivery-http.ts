import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runCli } from '../packages/cli/src/cli.ts'
import { memoryIo } from '../packages/cli/src/memory-io.ts'

/**
 * `generate --to http://...` throughput: events per second delivered to a local receiver at
 * concurrency 1, 8 and 64, for a story of 64 event types (the whole CLI path: generation, one POST per event, latency
 * tracking). The receiver runs in its own process and answers 200 at once, so the figure is
 * the sender's. Called by `pnpm bench`; alone: `node --conditions=source --import tsx
 * bench/delivery-http.ts [--quick]`. Prints a Markdown table.
 */

/** 64 event types (ordering is per source/event, so concurrency needs many keys), a few fields each. */
function benchStory(events: number): string {
  const defs = Array.from(
    { length: 64 },
    (_, i) => `  - source: app
    event: type.${i}
    repeat: ${Math.ceil(events / 64)}
    frequency: minutely
    data:
      user: uuid4()
      amount: random(1, 500)
      plan: choice(['free', 'pro', 'team'])
`,
  )
  return `org_id: acme\nstart_date: 2025-01-01\nevents:\n${defs.join('')}`
}

// A minimal receiver: reads each body, answers 200 with an empty JSON object.
const RECEIVER = `
const http = require('node:http')
const server = http.createServer((req, res) => {
  req.on('data', () => {})
  req.on('end', () => res.end('{}'))
})
server.keepAliveTimeout = 60000
server.listen(0, '127.0.0.1', () => console.log(server.address().port))
`

/** Starts the receiver process; resolves with its URL. */
function startReceiver(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', RECEIVER], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.stdout!.once('data', (d) => resolve({ url: `http://127.0.0.1:${String(d).trim()}/hook`, child }))
  })
}

/** One row: events sent at one concurrency, with time, rate and latency from the CLI's summary. */
interface Row {
  concurrency: number
  events: number
  secs: number
  summary: string
}

/** Runs the benchmark; resolves with the Markdown table. */
export async function benchDeliveryHttp(options: { quick?: boolean } = {}): Promise<string> {
  const events = options.quick ? 1_000 : 10_000
  const dir = mkdtempSync(join(tmpdir(), 'autosource-bench-'))
  const story = join(dir, 'delivery.yaml')
  writeFileSync(story, benchStory(events))
  const { url, child } = await startReceiver()
  const rows: Row[] = []
  try {
    for (const concurrency of [1, 8, 64]) {
      process.stderr.write(
        `delivering ${events.toLocaleString('en-US')} events at concurrency ${concurrency}...\n`,
      )
      const io = memoryIo(process.cwd())
      const args = [
        'generate',
        story,
        '--to',
        url,
        '--limit',
        String(events),
        '--concurrency',
        String(concurrency),
      ]
      const t0 = performance.now()
      const code = await runCli(args, io)
      const secs = (performance.now() - t0) / 1000
      if (code !== 0) throw new Error(`generate --to failed (${code}): ${io.stderr.text}`)
      rows.push({ concurrency, events, secs, summary: io.stderr.text.trim() })
    }
  } finally {
    child.kill()
    rmSync(dir, { recursive: true, force: true })
  }
  const fmt = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
  const latency = (s: string) => /latency p50 (.+?) p99 (.+?),/.exec(s)?.slice(1) ?? ['?', '?']
  return [
    '| delivery (HTTP, local receiver) | events | time (s) | events/s | latency p50 | latency p99 |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const [p50, p99] = latency(r.summary)
      return `| --concurrency ${r.concurrency} | ${fmt(r.events)} | ${fmt(r.secs, 2)} | ${fmt(r.events / r.secs)} | ${p50} | ${p99} |`
    }),
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await benchDeliveryHttp({ quick: process.argv.includes('--quick') }))
}
