import { type StoryEvent, serializeNdjson, streamStory } from '/work/wt/sinks/packages/cli/src/engine.ts'
import { createPostgresSink } from '/work/wt/sinks/packages/cli/src/sinks/postgres-sink.ts'
import { postgresBinDir, startPostgres } from '/work/wt/sinks/packages/cli/src/test-servers/postgres-server.ts'
import { referenceStoryText } from '/work/wt/sinks/bench/engine-case.ts'
import { postgresCpu } from '/work/wt/sinks/bench/server-cpu.ts'
const N = 200_000
const run = streamStory(referenceStoryText(N), { limit: N })
const events: StoryEvent[] = [...run]
const lines = events.map(serializeNdjson)
console.log('tables', new Set(events.map((e) => e.event)).size, 'schemas', run.story?.schemas?.length)
const server = await startPostgres()
const cpu = postgresCpu(postgresBinDir()!, server.url)!
try {
  for (const spec of process.argv.slice(2)) {
    const [conc, q] = spec.split(':')
    const url = new URL(server.url)
    for (const [k, v] of new URLSearchParams(q ?? '')) url.searchParams.set(k, v)
    url.searchParams.set('schema', 'public')
    const sink = createPostgresSink(url, { key: (e) => e.id, schemas: run.story?.schemas ?? [], concurrency: Number(conc), signal: new AbortController().signal })
    const s0 = cpu(); const t0 = performance.now(); const c0 = process.cpuUsage()
    await sink.open()
    for (let i = 0; i < N; i++) { const p = sink.write(events[i], lines[i]); if (p) await p }
    const sum = await sink.close()
    const ms = performance.now() - t0; const c = process.cpuUsage(c0)
    await new Promise((r) => setTimeout(r, 300))
    const sms = cpu() - s0
    const cms = (c.user + c.system) / 1000
    console.log(spec, sum.sent, Math.round(N / ms * 1000), 'rows/s', (cms * 1000 / N).toFixed(1), 'µs client/row', (sms * 1000 / N).toFixed(1), 'µs server/row')
  }
} finally { server.stop() }
