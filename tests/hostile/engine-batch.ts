/** Runs engine cases in few child processes: each case still has its own hang guard and memory reading. */
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { collectText, NODE_FLAGS, spawnLimited } from './spawn-limited.ts'
import { type HostileCase, type Observation, TIME_SCALE } from './types.ts'

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..')
const CHILD = join(ROOT, 'tests/hostile/engine-child.ts')
const TSX = import.meta.resolve('tsx')
// Node + tsx + the engine take a few seconds to start on a busy machine.
const STARTUP_MS = 60_000

/** How long a case may run before its process group is killed (a hang guard, well above the bound). */
export function hangGuardMs(c: HostileCase): number {
  return Math.max(c.maxMs * 2, c.maxMs + 5_000) * TIME_SCALE
}

/** Runs `cases` in one child, starting a new child after a crash, a hang or a case that changed shared state. */
export async function runEngineBatch(cases: readonly HostileCase[]): Promise<Observation[]> {
  const results: Observation[] = []
  let rest = [...cases]
  while (rest.length > 0) {
    const done = await runChild(rest)
    results.push(...done)
    const seen = new Set(done.map((o) => o.id))
    rest = rest.filter((c) => !seen.has(c.id))
  }
  return results
}

/** One child over `cases`: the observations it reported (plus one for the case it died on, if any). */
async function runChild(cases: readonly HostileCase[]): Promise<Observation[]> {
  const byId = new Map(cases.map((c) => [c.id, c]))
  const cpuSeconds = cases.reduce((s, c) => s + hangGuardMs(c) / 1000, STARTUP_MS / 1000)
  const { child, killGroup } = spawnLimited(
    'node',
    [...NODE_FLAGS, '--import', TSX, CHILD, ...cases.map((c) => c.id)],
    {
      cwd: ROOT,
      cpuSeconds,
    },
  )
  const stderr = collectText(child.stderr, 200_000)
  const out: Observation[] = []
  let current: { id: string; t0: number } | undefined
  let killedFor: string | undefined
  let timer = setTimeout(() => {
    killedFor = 'startup'
    killGroup()
  }, STARTUP_MS)
  let buf = ''
  const fd3 = child.stdio[3] as NodeJS.ReadableStream
  fd3.setEncoding('utf8')
  fd3.on('data', (chunk: string) => {
    buf += chunk
    let nl = buf.indexOf('\n')
    while (nl >= 0) {
      const msg = JSON.parse(buf.slice(0, nl)) as { start?: string; result?: Observation }
      buf = buf.slice(nl + 1)
      nl = buf.indexOf('\n')
      clearTimeout(timer)
      if (msg.start) {
        const c = byId.get(msg.start)!
        current = { id: c.id, t0: performance.now() }
        timer = setTimeout(() => {
          killedFor = `timed out after ${hangGuardMs(c)} ms (process group killed)`
          killGroup()
        }, hangGuardMs(c))
      } else if (msg.result) {
        out.push(msg.result)
        current = undefined
      }
    }
  })
  const [code, signal] = await new Promise<[number | null, string | null]>((done) =>
    child.on('close', (c, s) => done([c, s])),
  )
  clearTimeout(timer)
  killGroup()
  if (current) {
    const why =
      killedFor ??
      `process died (exit ${code}, signal ${signal}; ulimit -v/-t or a crash): ${stderr().split('\n').filter(Boolean).slice(-3).join(' | ')}`
    out.push({ id: current.id, codes: [], elapsedMs: Math.round(performance.now() - current.t0), threw: why })
  } else if (out.length === 0) {
    // Died before its first case: report every case so the run ends (and says why).
    const why = `child failed to start (exit ${code}, ${killedFor ?? signal}): ${stderr().slice(-500)}`
    return cases.map((c) => ({ id: c.id, codes: [], elapsedMs: 0, threw: why }))
  }
  return out
}
