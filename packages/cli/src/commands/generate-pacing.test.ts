import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../cli.ts'
import { type Reply, startReceiver } from '../delivery/test-receiver.ts'
import { memoryIo } from '../memory-io.ts'
import { tempDir } from '../test-fixtures.ts'

const BIN = fileURLToPath(new URL('../../bin/autosource.js', import.meta.url))

/** 121 events, one per simulated minute: two simulated hours from first to last. */
const TWO_HOURS = `org_id: acme
start_date: 2025-01-01
events:
  - source: app
    event: tick
    repeat: 121
    frequency: minutely
    data:
      n: random(1, 6)
`

/** Three events a minute apart, no end_date: what --follow runs again and again. */
const SHORT = `org_id: acme
start_date: 2025-01-01
events:
  - source: app
    event: beat
    repeat: 3
    frequency: minutely
    data:
      n: random(1, 6)
`

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = []
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close()
})
async function receiver(decide?: (body: string, n: number) => Reply) {
  const r = await startReceiver(decide)
  receivers.push(r)
  return r
}

async function generate(args: string[], files: Record<string, string>) {
  const dir = tempDir(files)
  const io = memoryIo(dir)
  const t0 = performance.now()
  const code = await runCli(['generate', ...args], io)
  return { code, stdout: io.stdout.text, stderr: io.stderr.text, secs: (performance.now() - t0) / 1000 }
}

const times = (lines: string[]) => lines.map((l) => Date.parse(JSON.parse(l).timestamp))

describe('pacing, for every sink', () => {
  it('--pace x3600 sends two simulated hours in about two seconds (HTTP)', async () => {
    const r = await receiver()
    const { code } = await generate(['s.yaml', '--to', r.url, '--pace', 'x3600'], { 's.yaml': TWO_HOURS })
    expect(code).toBe(0)
    expect(r.accepted).toHaveLength(121)
    const secs = (r.accepted[120].at - r.accepted[0].at) / 1000
    expect(secs).toBeGreaterThan(1.5)
    expect(secs).toBeLessThan(10)
  }, 60_000)

  it('--pace x3600 paces stdout too, with the same bytes as an unpaced run', async () => {
    const paced = await generate(['s.yaml', '--pace', 'x3600'], { 's.yaml': TWO_HOURS })
    const fast = await generate(['s.yaml'], { 's.yaml': TWO_HOURS })
    expect(paced.code).toBe(0)
    expect(paced.stdout).toBe(fast.stdout)
    expect(paced.secs).toBeGreaterThan(1.5)
    expect(paced.secs).toBeLessThan(10)
  }, 60_000)

  it('--rate 10/s spaces events at least a tenth of a second apart', async () => {
    const r = await receiver()
    const { code } = await generate(['s.yaml', '--to', r.url, '--rate', '10/s', '--limit', '11'], {
      's.yaml': TWO_HOURS,
    })
    expect(code).toBe(0)
    expect(r.accepted).toHaveLength(11)
    expect(r.accepted[10].at - r.accepted[0].at).toBeGreaterThanOrEqual(950)
  }, 60_000)

  it('--start now re-anchors the story: the first event is now, every gap stays the same', async () => {
    const before = Date.now()
    const moved = await generate(['s.yaml', '--start', 'now', '--limit', '5'], { 's.yaml': TWO_HOURS })
    const after = Date.now()
    const original = await generate(['s.yaml', '--limit', '5'], { 's.yaml': TWO_HOURS })
    const m = times(moved.stdout.trimEnd().split('\n'))
    const o = times(original.stdout.trimEnd().split('\n'))
    expect(m[0]).toBeGreaterThanOrEqual(before - 1)
    expect(m[0]).toBeLessThanOrEqual(after + 1)
    for (let i = 1; i < 5; i++) expect(m[i] - m[i - 1]).toBe(o[i] - o[i - 1])
    // Only the timestamps move: ids and data are those of the story.
    const strip = (l: string) => ({ ...JSON.parse(l), timestamp: undefined })
    expect(moved.stdout.trimEnd().split('\n').map(strip)).toEqual(
      original.stdout.trimEnd().split('\n').map(strip),
    )
  })

  it('--follow runs a story without end_date again and again, one period after itself, with new ids', async () => {
    const { code, stdout } = await generate(['s.yaml', '--follow', '--pace', 'x60000', '--limit', '9'], {
      's.yaml': SHORT,
    })
    expect(code).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(9)
    const t = times(lines)
    // Period = the span (2 min) plus the average gap (1 min): the cycles join up minute by minute.
    for (let i = 1; i < 9; i++) expect(t[i] - t[i - 1]).toBe(60_000)
    expect(new Set(lines.map((l) => JSON.parse(l).id)).size).toBe(9)
  })

  it('--follow on a story with an end_date paces it and stops at the end', async () => {
    const { code, stdout } = await generate(['s.yaml', '--follow', '--pace', 'x60000'], {
      's.yaml': SHORT.replace('start_date: 2025-01-01', 'start_date: 2025-01-01\nend_date: 2025-01-01'),
    })
    expect(code).toBe(0)
    expect(stdout.trimEnd().split('\n')).toHaveLength(3)
  })

  it('rejects bad pacing flags as usage errors', async () => {
    for (const args of [
      ['--pace', 'fast'],
      ['--rate', 'lots'],
      ['--start', 'later'],
      ['--follow', '--pace', 'asap'],
    ]) {
      const r = await generate(['s.yaml', ...args], { 's.yaml': SHORT })
      expect(r.code).toBe(2)
    }
  })
})

describe('SIGTERM mid-delivery (a real process)', () => {
  it('reports exactly what the receiver accepted, requests in flight included', async () => {
    // Slow answers: requests are in flight when the signal comes.
    const r = await receiver(() => ({ status: 200, delayMs: 300 }))
    const dir = tempDir({ 's.yaml': TWO_HOURS })
    const child = spawn(
      process.execPath,
      [BIN, 'generate', 's.yaml', '--to', r.url, '--pace', 'x600', '--concurrency', '4'],
      {
        cwd: dir,
      },
    )
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
    for (let i = 0; i < 600 && r.accepted.length < 5; i++) await new Promise((res) => setTimeout(res, 50))
    child.kill('SIGTERM')
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000)
    const code = await closed
    clearTimeout(guard)
    expect(code).toBe(143)
    const m = /stopped by SIGTERM: (\d+) events? sent, 0 retried, 0 failed/.exec(stderr)
    expect(m, stderr).not.toBeNull()
    expect(Number(m![1])).toBe(r.accepted.length)
    expect(r.accepted.length).toBeLessThan(121)
  }, 60_000)
})
