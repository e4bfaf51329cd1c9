import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { closeSync, constants, openSync, readdirSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ENDLESS_STORY, tempDir } from './test-fixtures.ts'

const BIN = fileURLToPath(new URL('../bin/autosource.js', import.meta.url))

/** Runs the real CLI; collects stdout and stderr; resolves with the exit code on close. */
function start(args: string[], cwd: string) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd })
  const out = { stdout: '', stderr: '' }
  child.stdout.on('data', (d) => (out.stdout += d))
  child.stderr.on('data', (d) => (out.stderr += d))
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
  return { child, out, closed }
}

async function until(test: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (test()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** Sends `signal` and fails (kills) if the process does not exit on its own within the hang guard. */
async function stop(child: ChildProcess, closed: Promise<number | null>, signal: NodeJS.Signals) {
  child.kill(signal)
  const guard = setTimeout(() => child.kill('SIGKILL'), 20_000)
  const code = await closed
  clearTimeout(guard)
  return code
}

describe('Ctrl-C and SIGTERM stop a running generate cleanly (a real process, real signals)', () => {
  it('SIGINT while streaming to stdout: flushes complete lines, exit 130, one line on stderr', async () => {
    const dir = tempDir({ 'endless.yaml': ENDLESS_STORY })
    const run = start(['generate', 'endless.yaml'], dir)
    await until(() => run.out.stdout.includes('\n'), 'first output')
    const code = await stop(run.child, run.closed, 'SIGINT')
    expect(code).toBe(130)
    const lines = run.out.stdout.split('\n')
    expect(lines.pop()).toBe('')
    for (const line of lines) expect(JSON.parse(line).event).toBe('tick')
    expect(run.out.stderr).toBe(
      `autosource: stopped by SIGINT after ${lines.length} events written to stdout\n`,
    )
  }, 60_000)

  it('SIGTERM while writing --out: exit 143, no file at PATH, the temp file removed', async () => {
    const dir = tempDir({ 'endless.yaml': ENDLESS_STORY })
    const run = start(['generate', 'endless.yaml', '--out', 'out.ndjson'], dir)
    await until(() => {
      const tmp = readdirSync(dir).find((f) => f.startsWith('out.ndjson.tmp-'))
      return tmp !== undefined && statSync(join(dir, tmp)).size > 0
    }, 'the temp file to fill')
    const code = await stop(run.child, run.closed, 'SIGTERM')
    expect(code).toBe(143)
    expect(readdirSync(dir)).toEqual(['endless.yaml'])
    expect(run.out.stderr).toMatch(
      /^autosource: stopped by SIGTERM after \d+ events generated; no output file written\n$/,
    )
  }, 60_000)

  it('SIGINT while a paced run sleeps between events stops it at once', async () => {
    const dir = tempDir({ 'endless.yaml': ENDLESS_STORY })
    const run = start(['generate', 'endless.yaml', '--out', 'x.ndjson', '--pace', 'realtime'], dir)
    // Paced at real time, the run mostly sleeps: the stop must not wait for the next event.
    await until(() => readdirSync(dir).some((f) => f.startsWith('x.ndjson.tmp-')), 'the temp file')
    expect(await stop(run.child, run.closed, 'SIGINT')).toBe(130)
    expect(readdirSync(dir)).toEqual(['endless.yaml'])
  }, 60_000)

  it('SIGINT while writing into a FIFO whose reader never reads: exits, no hang', async () => {
    const dir = tempDir({ 'endless.yaml': ENDLESS_STORY })
    const fifo = join(dir, 'pipe')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    // A reader that opens the FIFO and never reads: the writer fills the pipe and then waits.
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK)
    try {
      const run = start(['generate', 'endless.yaml', '--out', 'pipe'], dir)
      // Read one byte once the writer is running (then never again: the pipe fills up and stays full).
      const byte = Buffer.alloc(1)
      await until(() => {
        try {
          return readSync(reader, byte) === 1
        } catch {
          return false // EAGAIN: nothing written yet
        }
      }, 'the writer to start')
      expect(await stop(run.child, run.closed, 'SIGINT')).toBe(130)
      expect(run.out.stderr).toMatch(/^autosource: stopped by SIGINT after \d+ events generated/)
      expect(statSync(fifo).isFIFO()).toBe(true)
    } finally {
      closeSync(reader)
    }
  }, 60_000)
})
