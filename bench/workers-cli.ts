import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { cpuTimes, stolenShare } from './steal.ts'

/**
 * `pnpm bench -- --workers --cli`: the published CLI end to end, as a user runs it: `node
 * packages/cli/dist/autosource.js generate STORY --workers N --quiet > /dev/null`, timed from the
 * process's spawn to its exit (Node's start, loading the CLI and the engine, compiling the story,
 * starting the threads, generating, writing). The engine and the CLI are built first (tsup, as
 * `pnpm pack` does). `--workers 1` is the CLI's own one-thread path, not the pool.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const CLI = `${ROOT}packages/cli/dist/autosource.js`

interface CliTime {
  ms: number
  stolen: number
}

function build(): void {
  for (const pkg of ['engine', 'cli']) {
    const r = spawnSync('npx', ['tsup'], {
      cwd: `${ROOT}packages/${pkg}`,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    if (r.status !== 0) throw new Error(`building packages/${pkg} failed (exit ${r.status})`)
  }
}

function once(file: string, workers: number): CliTime {
  const start = cpuTimes()
  const t0 = performance.now()
  const r = spawnSync(process.execPath, [CLI, 'generate', file, '--workers', String(workers), '--quiet'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const ms = performance.now() - t0
  if (r.status !== 0) throw new Error(`the CLI with --workers ${workers} failed with exit code ${r.status}`)
  return { ms, stolen: stolenShare(start, cpuTimes()) }
}

/** Best of `runs` interleaved CLI runs per count; prints a table with the ratio to one worker. */
export function benchCli(file: string, events: number, counts: readonly number[], runs: number): void {
  process.stderr.write('building the engine and the CLI (tsup)...\n')
  build()
  const best = new Map<number, CliTime>()
  for (let round = 0; round < runs; round++)
    for (const w of counts) {
      process.stderr.write(`running the CLI with --workers ${w}...\n`)
      const t = once(file, w)
      const prev = best.get(w)
      if (!prev || t.ms < prev.ms) best.set(w, t)
    }
  const one = best.get(1)!
  const fmt = (n: number, d: number) =>
    n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
  console.log('\n| CLI end to end: workers | events | time (s) | events/s | vs 1 worker | stolen |')
  console.log('|---:|---:|---:|---:|---:|---:|')
  for (const w of counts) {
    const t = best.get(w)!
    const stolen = Number.isNaN(t.stolen) ? 'n/a' : `${(t.stolen * 100).toFixed(1)}%`
    console.log(
      `| ${w} | ${fmt(events, 0)} | ${fmt(t.ms / 1000, 2)} | ${fmt((events / t.ms) * 1000, 0)} | ${fmt(one.ms / t.ms, 2)}x | ${stolen} |`,
    )
  }
  console.log(`\nbest of ${runs} interleaved run(s); each time is the whole process, output to /dev/null`)
}
