/**
 * Child process of the hostile suite: runs the engine cases named on the command line, one after
 * another, and reports on fd 3 one JSON line when a case starts and one with what it observed.
 * The parent enforces time (it kills this process group) and memory (ulimit -v, maxRSS).
 */
import { writeSync } from 'node:fs'
import { serializeNdjson, streamStory } from '../../packages/engine/src/index.ts'
import { ALL_CASES } from './cases/index.ts'
import { prepareEntry, runEntry } from './engine-entry.ts'
import { makeCaseDir, removeCaseDir } from './files.ts'
import { prototypeChanges, snapshotPrototypes } from './proto-guard.ts'
import type { HostileCase, Observation } from './types.ts'

/** A small story run after every case: if a case corrupted shared state, its output changes. */
const BASELINE = `name: baseline
org_id: o
start_date: 2025-01-01
end_date: 2025-01-02
seed: 7
schemas:
  s/e:
    fields:
      n: { type: integer }
events:
  - id: a
    source: s
    event: e
    repeat: 5
    every: duration(hours=1)
    data:
      n: =1 + 2
      who: faker.person.firstName()
      s: "\${'x'}-\${str(n)}"
  - id: b
    after: a
    source: s
    event: f
    delay: duration(minutes=5)
    data:
      a: ref(a.n)
`

function baselineOutput(): string {
  const run = streamStory(BASELINE, { file: 'baseline.yaml' })
  let out = ''
  for (const e of run) out += serializeNdjson(e)
  return `${out}${run.summary().total}|${JSON.stringify(run.summary().perType)}|${run.diagnostics.length}`
}

function report(line: object): void {
  writeSync(3, `${JSON.stringify(line)}\n`)
}

const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10

function runCase(c: HostileCase, expected: string): Observation {
  if (c.entry.kind === 'cli') throw new Error(`${c.id} is a CLI case`)
  const entry = prepareEntry(c.entry)
  const before = snapshotPrototypes()
  const peakBeforeMiB = mib(process.resourceUsage().maxRSS)
  const dir = makeCaseDir(c.files)
  const obs: Observation = { id: c.id, codes: [], elapsedMs: 0, peakBeforeMiB }
  const t0 = performance.now()
  try {
    const r = runEntry(entry, dir)
    Object.assign(obs, { codes: r.codes, events: r.events, increasing: r.increasing, text: r.text })
    if (c.expect.deterministic) {
      // A moment apart, so that output that reads the wall clock differs.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25)
      const again = runEntry(entry, dir)
      obs.deterministic = again.output === r.output
    }
    if (c.expect.lacks) obs.text = `${obs.text ?? ''}\n${r.output}`
  } catch (e) {
    obs.threw = String((e as Error)?.stack ?? e).slice(0, 2000)
  } finally {
    obs.elapsedMs = Math.round(performance.now() - t0)
    obs.peakMiB = mib(process.resourceUsage().maxRSS)
    removeCaseDir(dir)
  }
  obs.protoChanged = prototypeChanges(before, snapshotPrototypes())
  try {
    const now = baselineOutput()
    if (now !== expected) obs.nextStoryBroken = 'the baseline story gives different output after this case'
  } catch (e) {
    obs.nextStoryBroken = `the baseline story throws after this case: ${(e as Error)?.message ?? e}`
  }
  // Only what the expectations search travels back (keeps the report pipe small).
  if (obs.text && obs.text.length > 200_000) obs.text = obs.text.slice(0, 200_000)
  return obs
}

const ids = process.argv.slice(2)
const byId = new Map(ALL_CASES.map((c) => [c.id, c]))
const expected = baselineOutput()
for (const id of ids) {
  const c = byId.get(id)
  if (!c) throw new Error(`No case ${id}`)
  report({ start: id })
  const obs = runCase(c, expected)
  report({ result: obs })
  // A case that changed shared state would make the later ones fail for its sake: start afresh.
  if (obs.protoChanged?.length || obs.nextStoryBroken) process.exit(0)
}
