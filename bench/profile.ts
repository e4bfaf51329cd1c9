import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * `node --conditions=source --import tsx bench/profile.ts [CASE] [EVENTS]`: runs one benchmark
 * case under `node --cpu-prof` and prints where the time goes, as self time per file:function
 * (only the generation phase: the sample tree under `runCase`, so start-up does not count).
 */
const name = process.argv[2] ?? 'engine'
const events = process.argv[3] ?? '300000'
const dir = mkdtempSync(join(tmpdir(), 'autosource-prof-'))
const child = fileURLToPath(new URL('./case-child.ts', import.meta.url))
const r = spawnSync(
  process.execPath,
  ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--conditions=source', '--import', 'tsx', child, name, events],
  { stdio: ['ignore', 'inherit', 'inherit'] },
)
if (r.status !== 0) process.exit(r.status ?? 1)

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

// The main thread's profile is the largest file (tsx's loader thread writes a small one).
const files = readdirSync(dir).map((f) => join(dir, f))
const main = files.sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0]
const profile = JSON.parse(readFileSync(main, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)

const label = (n: ProfileNode) => {
  const file = n.callFrame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/work\/main\//, '')
    .replace(/^.*node_modules\//, '')
  return `${file || '(native)'}:${n.callFrame.functionName || '(anonymous)'}`
}
const underRunCase = (id: number) => {
  for (let x: number | undefined = id; x !== undefined; x = parent.get(x))
    if (byId.get(x)!.callFrame.functionName === 'runCase') return true
  return false
}

const self = new Map<string, number>()
const inclusive = new Map<string, number>()
let total = 0
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]
  const dt = profile.timeDeltas[i] ?? 0
  // GC samples have no JS parent; count them, they are part of the generation cost.
  const gc = byId.get(id)!.callFrame.functionName === '(garbage collector)'
  if (!gc && !underRunCase(id)) continue
  total += dt
  self.set(label(byId.get(id)!), (self.get(label(byId.get(id)!)) ?? 0) + dt)
  const seen = new Set<string>()
  for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
    const l = label(byId.get(x)!)
    if (seen.has(l)) continue
    seen.add(l)
    inclusive.set(l, (inclusive.get(l) ?? 0) + dt)
  }
}

const top = (m: Map<string, number>, n: number) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n')
console.log(`\n${name}, ${events} events: ${(total / 1000).toFixed(0)} ms sampled in generation (incl. GC)\n`)
console.log(`self time:\n${top(self, 25)}\n`)
console.log(`inclusive time:\n${top(inclusive, 25)}`)
console.log(`\nprofile: ${main}`)
