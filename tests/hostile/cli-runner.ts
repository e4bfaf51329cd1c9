/** Runs one CLI case as its own process (under the limits) in a fresh temp dir, and observes it. */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { DIAGNOSTIC_CODES } from '../../packages/engine/src/diagnostics/codes.ts'
import { makeCaseDir, pathState, removeCaseDir, tempFilesLeft } from './files.ts'
import { collectText, NODE_FLAGS, spawnLimited } from './spawn-limited.ts'
import type { HostileCase, Observation, PathState } from './types.ts'

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..')
const MAIN = join(ROOT, 'packages/cli/src/main.ts')
const TSX = import.meta.resolve('tsx')
const PROBE = pathToFileURL(join(ROOT, 'tests/hostile/rss-probe.ts')).href
const RSS_FILE = '.hostile-rss'
const READY_FILE = '.hostile-ready'
const KNOWN_CODES = Object.keys(DIAGNOSTIC_CODES).concat([
  'share/not-a-link',
  'share/unknown-version',
  'share/corrupt',
  'share/truncated',
  'share/too-large',
])

/** Codes named anywhere in the output. */
function codesIn(text: string): string[] {
  return KNOWN_CODES.filter((c) => text.includes(c))
}

/** Runs the case; resolves when the process (and its group) ended or was killed at `timeoutMs`. */
export async function runCliCase(c: HostileCase, timeoutMs: number): Promise<Observation> {
  const entry = c.entry
  if (entry.kind !== 'cli') throw new Error(`${c.id} is not a CLI case`)
  const dir = makeCaseDir(c.files)
  const link = entry.link?.()
  const args = entry.args.map((a) => a.replaceAll('{dir}', dir).replaceAll('{link}', link ?? ''))
  const reader = entry.fifoReader
    ? spawn('sh', ['-c', `cat "${entry.fifoReader}" > "${entry.fifoReader}.read"`], {
        cwd: dir,
        stdio: 'ignore',
      })
    : undefined
  const { child, killGroup } = spawnLimited(
    'node',
    [...NODE_FLAGS, '--import', TSX, '--import', PROBE, MAIN, ...args],
    {
      cwd: dir,
      cpuSeconds: timeoutMs / 1000 + 5,
      env: {
        ...entry.env,
        HOSTILE_RSS_FILE: join(dir, RSS_FILE),
        HOSTILE_READY_FILE: join(dir, READY_FILE),
        NO_COLOR: '1',
      },
    },
  )
  const stdout = collectText(child.stdout)
  const stderr = collectText(child.stderr)
  const t0 = performance.now()
  let signalAt: number | undefined
  let timedOut = false
  const sendSignal = () => {
    if (signalAt !== undefined || !entry.signal) return
    signalAt = performance.now()
    child.kill(entry.signal)
  }
  let poll: NodeJS.Timeout | undefined
  if (entry.signal) {
    // Signal once the CLI has its handlers (the probe's marker), signalAfterMs into the run.
    const started = () => existsSync(join(dir, READY_FILE))
    poll = setInterval(() => {
      if (!started() && performance.now() - t0 < timeoutMs / 2) return
      clearInterval(poll)
      setTimeout(sendSignal, entry.signalAfterMs ?? 500)
    }, 50)
  }
  const guard = setTimeout(() => {
    timedOut = true
    killGroup()
  }, timeoutMs)
  const [exit, signal] = await new Promise<[number | null, string | null]>((done) =>
    child.on('close', (code, sig) => done([code, sig])),
  )
  const end = performance.now()
  clearTimeout(guard)
  clearInterval(poll)
  killGroup()
  reader?.kill('SIGKILL')
  const rssPath = join(dir, RSS_FILE)
  const peakKiB = existsSync(rssPath) ? Number(readFileSync(rssPath, 'utf8')) : undefined
  const text = `${stdout()}\n${stderr()}`
  const paths: Record<string, PathState> = {}
  for (const p of Object.keys(c.expect.paths ?? {})) paths[p] = pathState(join(dir, p))
  const files: Record<string, string> = {}
  for (const p of Object.keys(c.expect.fileLacks ?? {})) {
    try {
      if (pathState(join(dir, p)) === 'file')
        files[p] = readFileSync(join(dir, p), 'utf8').slice(0, 4_000_000)
    } catch {
      // Unreadable: nothing to search.
    }
  }
  const obs: Observation = {
    id: c.id,
    codes: codesIn(text),
    elapsedMs: Math.round(end - t0),
    peakMiB: peakKiB === undefined ? undefined : Math.round((peakKiB / 1024) * 10) / 10,
    text,
    exit,
    signal,
    stopMs: signalAt === undefined ? undefined : Math.round(end - signalAt),
    paths,
    tempLeft: tempFilesLeft(dir),
    files,
  }
  if (timedOut) obs.threw = `timed out after ${timeoutMs} ms (process group killed)`
  removeCaseDir(dir)
  return obs
}
