/**
 * The hostile-input suite (issue 14): `pnpm test:hostile [-- --case ID[,ID]] [--class NAME] [--table] [--solo] [--list]`.
 * Engine cases run in batches, CLI cases one process each, two processes at a time, every one under
 * ulimit -v / -t with a hang guard that kills its process group. Exits 1 naming every failing case.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ALL_CASES } from './cases/index.ts'
import { failuresOf } from './check.ts'
import { runCliCase } from './cli-runner.ts'
import { hangGuardMs, runEngineBatch } from './engine-batch.ts'
import { removeCaseDir } from './files.ts'
import type { HostileCase, Observation } from './types.ts'
import { worstCaseTable } from './worst-case-table.ts'

const PARALLEL = 2
const BATCH = 14

interface Args {
  ids: Set<string>
  classes: Set<string>
  table: boolean
  /** Every engine case in a process of its own (exact peaks, slower). */
  solo: boolean
  list: boolean
  json?: string
}

function parseArgs(argv: string[]): Args {
  const args: Args = { ids: new Set(), classes: new Set(), table: false, solo: false, list: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--case') for (const id of (argv[++i] ?? '').split(',')) args.ids.add(id)
    else if (a === '--class') args.classes.add(argv[++i] ?? '')
    else if (a === '--table') args.table = true
    else if (a === '--solo') args.solo = true
    else if (a === '--list') args.list = true
    else if (a === '--json') args.json = argv[++i]
    else if (a !== '--') throw new Error(`Unknown argument ${a}`)
  }
  return args
}

/** Work units: batches of engine cases (by class) and single CLI cases. */
function unitsOf(cases: readonly HostileCase[], batch: number): (() => Promise<Observation[]>)[] {
  const units: (() => Promise<Observation[]>)[] = []
  for (const c of cases) {
    if (c.entry.kind !== 'cli') continue
    units.push(async () => {
      try {
        return [await runCliCase(c, hangGuardMs(c))]
      } catch (e) {
        return [
          {
            id: c.id,
            codes: [],
            elapsedMs: 0,
            threw: `the harness could not run it: ${(e as Error)?.message ?? e}`,
          },
        ]
      }
    })
  }
  const engine = cases.filter((c) => c.entry.kind !== 'cli')
  for (let i = 0; i < engine.length; i += batch) {
    const some = engine.slice(i, i + batch)
    units.push(() => runEngineBatch(some))
  }
  return units
}

async function runPool(
  units: (() => Promise<Observation[]>)[],
  onResult: (o: Observation) => void = () => {},
): Promise<Observation[]> {
  const out: Observation[] = []
  let next = 0
  const worker = async () => {
    while (next < units.length) {
      const unit = units[next++]
      for (const o of await unit()) {
        out.push(o)
        onResult(o)
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker))
  return out
}

/**
 * For the worst-case table: batched engine cases read their process's peak (earlier cases count), so
 * the candidates for each class's largest peak (largest peak, largest growth) are measured again alone.
 */
async function remeasured(
  cases: readonly HostileCase[],
  observations: Observation[],
): Promise<Observation[]> {
  const byId = new Map(cases.map((c) => [c.id, c]))
  const pick = new Set<string>()
  for (const cls of new Set(cases.map((c) => c.class))) {
    const engine = observations.filter(
      (o) => byId.get(o.id)?.class === cls && byId.get(o.id)?.entry.kind !== 'cli',
    )
    const top = (score: (o: Observation) => number) =>
      engine.reduce<Observation | undefined>((m, o) => (!m || score(o) > score(m) ? o : m), undefined)
    for (const o of [top((o) => o.peakMiB ?? 0), top((o) => (o.peakMiB ?? 0) - (o.peakBeforeMiB ?? 0))])
      if (o && !o.threw) pick.add(o.id)
  }
  const again = await runPool([...pick].map((id) => () => runEngineBatch([byId.get(id)!])))
  const solo = new Map(again.map((o) => [o.id, o]))
  return observations.map((o) => solo.get(o.id) ?? o)
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const ids = new Set(ALL_CASES.map((c) => c.id))
  for (const id of args.ids) if (!ids.has(id)) throw new Error(`No hostile case ${id}`)
  const cases = ALL_CASES.filter(
    (c) =>
      (args.ids.size === 0 || args.ids.has(c.id)) && (args.classes.size === 0 || args.classes.has(c.class)),
  )
  if (args.list) {
    for (const c of cases) console.log(`${c.id.padEnd(40)} ${c.class.padEnd(15)} ${c.title}`)
    return
  }
  const t0 = performance.now()
  const tmpRoot = mkdtempSync(join(tmpdir(), 'hostile-run-'))
  process.env.HOSTILE_TMP = tmpRoot
  try {
    await runCases(cases, args, t0)
  } finally {
    removeCaseDir(tmpRoot)
  }
}

async function runCases(cases: readonly HostileCase[], args: Args, t0: number): Promise<void> {
  const byId = new Map(cases.map((c) => [c.id, c]))
  // Progress on stderr as cases finish (the sorted report follows on stdout).
  let finished = 0
  const progress = (o: Observation) => {
    const verdict = failuresOf(byId.get(o.id)!, o).length ? 'FAIL' : 'ok'
    process.stderr.write(`[${++finished}/${cases.length}] ${verdict} ${o.id}\n`)
  }
  let observations = await runPool(unitsOf(cases, args.solo ? 1 : BATCH), progress)
  // A memory bound broken in a shared process may be an earlier case's peak: measure it alone.
  const shared = observations.filter((o) => {
    const c = byId.get(o.id)!
    return c.entry.kind !== 'cli' && (o.peakMiB ?? 0) > c.maxMiB && (o.peakBeforeMiB ?? 0) > c.maxMiB * 0.8
  })
  if (shared.length > 0) {
    const again = await runPool(shared.map((o) => () => runEngineBatch([byId.get(o.id)!])))
    const redone = new Map(again.map((o) => [o.id, o]))
    observations = observations.map((o) => redone.get(o.id) ?? o)
  }
  const order = new Map(cases.map((c, i) => [c.id, i]))
  observations.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
  const failed: { c: HostileCase; why: string[] }[] = []
  for (const o of observations) {
    const c = byId.get(o.id)!
    const why = failuresOf(c, o)
    const mem = o.peakMiB === undefined ? '-' : `${o.peakMiB} MiB`
    console.log(
      `${why.length ? 'FAIL' : 'ok  '} ${c.id.padEnd(34)} ${`${o.elapsedMs} ms`.padStart(9)} ${mem.padStart(11)}`,
    )
    for (const w of why) console.log(`       ${w}`)
    if (why.length) failed.push({ c, why })
  }
  if (args.json)
    writeFileSync(args.json, JSON.stringify({ observations, cases: cases.map((c) => c.id) }, null, 2))
  if (args.table) console.log(`\n${worstCaseTable(cases, await remeasured(cases, observations))}`)
  const secs = ((performance.now() - t0) / 1000).toFixed(1)
  console.log(`\n${cases.length - failed.length}/${cases.length} hostile cases pass (${secs} s)`)
  if (failed.length) {
    // Grouped by the area that owns the fix (a hint for routing; pass/fail does not depend on it).
    const owners = new Map<string, string[]>()
    for (const f of failed)
      owners.set(f.c.owner ?? 'none', [...(owners.get(f.c.owner ?? 'none') ?? []), f.c.id])
    for (const [owner, ids] of owners) console.log(`Failing (${owner}): ${ids.join(', ')}`)
    console.log('Run one: pnpm test:hostile -- --case <id>')
    process.exitCode = 1
  }
}

await main()
