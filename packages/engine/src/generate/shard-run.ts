import { type Diagnostic, sortDiagnostics } from '../diagnostics/diagnostic.ts'
import { createRunFrame } from '../expr/run-frame.ts'
import { SchemaRegistry } from '../registry/schema-registry.ts'
import { type GeneratedRecord, type RunSummary, userKeyed } from '../runtime/records.ts'
import type { PreparedStory } from './prepare-story.ts'
import { recordSource } from './record-source.ts'
import type { GenerateOptions } from './run-options.ts'
import { createShardSelector, type ShardSelector, type ShardSpec } from './shard-selector.ts'

/** What one part of a run found, split by how parts combine (`mergeShardEnds`). Plain data: it crosses threads. */
export interface ShardRunEnd {
  total: number
  perType: Record<string, number>
  schemaViolations: number
  schemaCounts: Record<string, { valid: number; invalid: number }>
  /** Runtime problems of the fields and schema checks: each counted by the part that owned the occurrence (summed). */
  counted: Diagnostic[]
  /** Problems of the shared schedule and history, which every part computes alike (taken once). */
  shared: Diagnostic[]
  /** Warnings pushed during the run (once-per-run warnings; a part may miss one another part saw: united). */
  pushed: Diagnostic[]
}

/** One part of a run, record by record (a `--workers` thread runs one). */
export interface ShardRun {
  readonly selector: ShardSelector
  /** The next record of this part, or undefined once the run is over. */
  next(): GeneratedRecord | undefined
  /** Ends the run (call once, after `next` gave undefined or to stop early). */
  end(): ShardRunEnd
}

/**
 * Runs the part `spec` of a prepared story: the records this part emits, in run order, and at
 * the end its problems split by how parts combine. Undefined when the story did not compile.
 */
export function runShard(
  prepared: PreparedStory,
  spec: ShardSpec,
  options: GenerateOptions = {},
): ShardRun | undefined {
  const program = prepared.program
  if (!program) return undefined
  const selector = createShardSelector(spec)
  const registry = new SchemaRegistry(program.story)
  const onEvent = registry.active ? (r: GeneratedRecord) => registry.check(r) : undefined
  const summary: RunSummary = {
    total: 0,
    perType: userKeyed(),
    diagnostics: 0,
    schemaViolations: 0,
    elapsedMs: 0,
  }
  const pushed: Diagnostic[] = []
  const frame = createRunFrame(program)
  const source = recordSource(
    program,
    frame,
    { ...options, shard: selector, hooks: { onEvent } },
    summary,
    pushed,
  )
  return {
    selector,
    next: () => {
      for (;;) {
        const r = source.next()
        if (r !== undefined || !source.paused()) return r
      }
    },
    end: () => {
      source.flushCounts()
      return {
        total: summary.total,
        perType: { ...summary.perType },
        schemaViolations: registry.invalidEvents,
        schemaCounts: { ...registry.counts },
        counted: [...frame.issues.toDiagnostics(), ...registry.toDiagnostics()],
        shared: source.runDiagnostics(),
        pushed,
      }
    },
  }
}

/** The diagnostics and summary of the whole run, from its static diagnostics and every part's end. */
export function mergeShardEnds(
  staticDiagnostics: readonly Diagnostic[],
  ends: readonly ShardRunEnd[],
): { diagnostics: Diagnostic[]; summary: RunSummary } {
  // One entry per problem site across parts: counts add up. A schema violation's message names
  // its count and first occurrence (registry/schema-registry.ts): keep the earliest, with the sum.
  const counted = new Map<string, Diagnostic>()
  for (const end of ends) {
    for (const d of end.counted) {
      const k = keyOf(d, false)
      const seen = counted.get(k)
      if (!seen) {
        counted.set(k, { ...d })
        continue
      }
      if (firstAt(d.message) < firstAt(seen.message)) seen.message = d.message
      seen.count = (seen.count ?? 1) + (d.count ?? 1)
    }
  }
  for (const d of counted.values())
    if (d.code.startsWith('schema/'))
      d.message = d.message.replace(EVENTS_IN_MESSAGE, `in ${d.count ?? 1} event(s)`)
  const pushed = new Map<string, Diagnostic[]>()
  for (const end of ends) {
    const mine = new Map<string, Diagnostic[]>()
    for (const d of end.pushed) {
      const list = mine.get(keyOf(d)) ?? []
      list.push(d)
      mine.set(keyOf(d), list)
    }
    for (const [k, list] of mine) if ((pushed.get(k)?.length ?? 0) < list.length) pushed.set(k, list)
  }
  const diagnostics = [
    ...staticDiagnostics,
    ...counted.values(),
    ...(ends[0]?.shared ?? []),
    ...[...pushed.values()].flat(),
  ]
  sortDiagnostics(diagnostics)
  const summary: RunSummary = {
    total: 0,
    perType: userKeyed(),
    diagnostics: diagnostics.length,
    schemaViolations: 0,
    elapsedMs: 0,
  }
  for (const end of ends) {
    summary.total += end.total
    summary.schemaViolations += end.schemaViolations
    for (const t in end.perType) summary.perType[t] = (summary.perType[t] ?? 0) + end.perType[t]
  }
  return { diagnostics, summary }
}

const EVENTS_IN_MESSAGE = /\bin \d+ event\(s\)/
const FIRST_AT = /first at occurrence (\d+)/

/** The occurrence a counted message names as its first (Infinity when it names none). */
function firstAt(message: string): number {
  const m = FIRST_AT.exec(message)
  return m ? Number(m[1]) : Number.POSITIVE_INFINITY
}

function keyOf(d: Diagnostic, withMessage = true): string {
  const site = `${d.code}\0${d.file}\0${d.span.start}\0${d.span.end}\0${(d.path ?? []).join('\0')}`
  return withMessage ? `${site}\0${d.message}` : site
}
