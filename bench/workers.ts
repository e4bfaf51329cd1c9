import { spawn, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { WorkerPool } from '../packages/cli/src/scale/worker-pool.ts'
import { referenceStoryText } from './engine-case.ts'
import { cpuTimes, stolenShare } from './steal.ts'
import { benchCli } from './workers-cli.ts'

/**
 * `pnpm bench -- --workers` (issue 22): `generate --workers N` on the reference story, in-process
 * through the CLI's worker pool, for 1, 2 and the given counts, each in its own process (peak RSS
 * is per process). With 1 the pool generates on this thread alone (no thread starts: what the
 * CLI's `--workers 1` does); with N it also starts N-1 threads, which load the engine and compile
 * the story while this thread makes the head start, and this thread merges the chunks in order. Prints events/s, the ratio to one worker in the same run, CPU and peak RSS.
 * Options: --events N (default 1,000,000), --counts 1,2,4, --runs R (best of R, interleaved),
 * --cli (also the built CLI end to end, process start to exit: bench/workers-cli.ts).
 *
 * "Steady" is the rate after the first tenth of the events: from when the merged output passed
 * 10% to its end. It leaves out what a run pays once whatever its length (starting the threads,
 * loading the engine, the JIT's warm-up), which the end-to-end time includes.
 *
 * The last row is the machine's ceiling for two parts: two processes started at once, each
 * generating its own half of the events on its main thread (nothing shared, nothing merged, no
 * repeated walk, no thread to start).
 * No split of one run across two cores can beat it; on a VM whose cores slow each other down
 * (shared caches, memory bandwidth, the host), it is well under 2x.
 */
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : fallback
}

interface WorkerResult {
  workers: number
  events: number
  bytes: number
  ms: number
  cpuMs: number
  maxRssMiB: number
  /** Events and milliseconds after the output passed a tenth of the events (the steady part). */
  steadyEvents: number
  steadyMs: number
  /** Share of the machine's CPU time the hypervisor took during this run (set by the parent; bench/steal.ts). */
  stolen?: number
}

/** One measurement in this process: the pool over the story in `file`, its chunks counted and dropped. */
async function measureHere(file: string, workers: number, events: number): Promise<WorkerResult> {
  const { readFileSync } = await import('node:fs')
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const pool = new WorkerPool(
    {
      text: readFileSync(file, 'utf8'),
      file,
      fromLink: false,
      cwd: process.cwd(),
      seed: undefined,
      format: 'ndjson',
      shard: 0,
      shards: 1,
      withEnds: false,
    },
    workers,
  )
  let bytes = 0
  let made = 0
  let tenthAt = Number.NaN
  let tenthEvents = 0
  for (let c = await pool.next(); c; c = await pool.next()) {
    bytes += c.bytes.byteLength
    made += c.events
    if (Number.isNaN(tenthAt) && made >= events / 10) {
      tenthAt = performance.now()
      tenthEvents = made
    }
    c.release()
  }
  const lastAt = performance.now()
  await pool.close()
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  if (made !== events) throw new Error(`expected ${events} events, got ${made}`)
  return {
    workers,
    events: made,
    bytes,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    steadyEvents: made - tenthEvents,
    steadyMs: lastAt - tenthAt,
  }
}

if (process.argv[2] === '--child') {
  const r = await measureHere(process.argv[3], Number(process.argv[4]), Number(process.argv[5]))
  console.log(JSON.stringify(r))
} else {
  const events = Number(arg('--events', '1000000'))
  const counts = [...new Set([1, 2, ...arg('--counts', '1,2').split(',').map(Number)])]
  const runs = Number(arg('--runs', '2'))
  const file = join(tmpdir(), `autosource-bench-workers-${process.pid}.yaml`)
  writeFileSync(file, referenceStoryText(events))
  const self = fileURLToPath(import.meta.url)
  const best = new Map<number, WorkerResult>()
  const halfFile = join(tmpdir(), `autosource-bench-workers-half-${process.pid}.yaml`)
  writeFileSync(halfFile, referenceStoryText(Math.floor(events / 2)))
  let ceiling: WorkerResult | undefined
  const load = loadavg()[0]
  for (let round = 0; round < runs; round++) {
    process.stderr.write('running two independent halves at once (the ceiling)...\n')
    const pairStart = cpuTimes()
    const pair = await ceilingPair(self, halfFile, Math.floor(events / 2))
    pair.stolen = stolenShare(pairStart, cpuTimes())
    if (!ceiling || pair.ms < ceiling.ms) ceiling = pair
    for (const w of counts) {
      process.stderr.write(`running --workers ${w} (${events.toLocaleString('en-US')} events)...\n`)
      const start = cpuTimes()
      const r = spawnSync(
        process.execPath,
        ['--conditions=source', '--import', 'tsx', self, '--child', file, String(w), String(events)],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      )
      if (r.status !== 0) throw new Error(`--workers ${w} failed with exit code ${r.status}`)
      const result = JSON.parse(r.stdout.trim().split('\n').pop()!) as WorkerResult
      result.stolen = stolenShare(start, cpuTimes())
      const prev = best.get(w)
      if (!prev || result.ms < prev.ms)
        best.set(w, { ...result, maxRssMiB: Math.max(result.maxRssMiB, prev?.maxRssMiB ?? 0) })
    }
  }
  const fmt = (n: number, d = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
  const one = best.get(1)!
  const rate = (r: WorkerResult) => (r.events / r.ms) * 1000
  const steady = (r: WorkerResult) => (r.steadyEvents / r.steadyMs) * 1000
  const row = (label: string | number, r: WorkerResult) =>
    `| ${label} | ${fmt(r.events)} | ${fmt(r.ms / 1000, 2)} | ${fmt(rate(r))} | ${fmt(rate(r) / rate(one), 2)}x | ${fmt(steady(r))} | ${fmt(steady(r) / steady(one), 2)}x | ${fmt(r.cpuMs / 1000, 2)} | ${fmt(r.maxRssMiB)} | ${stolenText(r.stolen)} |`
  console.log(
    '| workers | events | time (s) | events/s | vs 1 worker | steady events/s | steady vs 1 | CPU-s | peak RSS (MiB) | stolen |',
  )
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const w of counts) console.log(row(w, best.get(w)!))
  if (ceiling) console.log(row('ceiling: 2 processes, half each', ceiling))
  console.log(
    `\nload average before the run: ${fmt(load, 2)}; best of ${runs} interleaved run(s); times include starting the threads; stolen: the share of the machine's CPU time the hypervisor gave to other guests during that run (a figure measured under it is slower for reasons outside the code)`,
  )
  if (process.argv.includes('--cli')) benchCli(file, events, counts, runs)
}

/** The hypervisor's share of the run's CPU time, as a percentage ('n/a' off Linux). */
function stolenText(share: number | undefined): string {
  return share === undefined || Number.isNaN(share) ? 'n/a' : `${(share * 100).toFixed(1)}%`
}

/**
 * Two single-worker children at once, each over half the events: the slower one's time (each
 * child times itself from after its own start-up, like every other row), CPU summed.
 */
async function ceilingPair(self: string, halfFile: string, half: number): Promise<WorkerResult> {
  const one = () =>
    new Promise<WorkerResult>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--conditions=source', '--import', 'tsx', self, '--child', halfFile, '1', String(half)],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      )
      let out = ''
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d
      })
      child.on('error', reject)
      child.on('close', (code) => {
        if (code !== 0) reject(new Error(`a ceiling half failed with exit code ${code}`))
        else resolve(JSON.parse(out.trim().split('\n').pop()!) as WorkerResult)
      })
    })
  const [a, b] = await Promise.all([one(), one()])
  return {
    workers: 2,
    events: a.events + b.events,
    bytes: a.bytes + b.bytes,
    ms: Math.max(a.ms, b.ms),
    cpuMs: a.cpuMs + b.cpuMs,
    maxRssMiB: Math.max(a.maxRssMiB, b.maxRssMiB),
    // Both halves run at once: their steady parts overlap, so their events add up over the slower one's time.
    steadyEvents: a.steadyEvents + b.steadyEvents,
    steadyMs: Math.max(a.steadyMs, b.steadyMs),
  }
}
