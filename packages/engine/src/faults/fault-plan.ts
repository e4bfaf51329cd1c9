import { type Diagnostic, error } from '../diagnostics/diagnostic.ts'
import { compileStory } from '../expr/compile-story.ts'
import type { StoryProgram } from '../expr/compiled.ts'
import { parseIsoDuration } from '../expr/iso-duration.ts'
import { createRunFrame, type RunFrame } from '../expr/run-frame.ts'
import { hashString, type Rng } from '../runtime/rng.ts'
import type { OccurrenceScope } from '../runtime/scope.ts'
import { Duration } from '../schedule/duration.ts'
import { addDuration, localToEpoch } from '../schedule/zone.ts'
import type { EventDef, Story } from '../story/types.ts'
import {
  type DriftSpec,
  type DurationSpec,
  type FaultSite,
  type FaultSpec,
  type FieldRate,
  readFaultSpec,
} from './fault-spec.ts'

/** Longest `late_by` / `duplicate_after` honoured: longer ones are cut to it (fault/delay-cap). */
export const MAX_FAULT_DELAY_MS = 7 * 86_400_000
/** Default `duplicate_after` when `duplicate` is set alone: the copy right after the original. */
export const DEFAULT_DUPLICATE_AFTER_MS = 0
/** Default `late_by` when `late` is set alone: five minutes. */
export const DEFAULT_LATE_BY_MS = 5 * 60_000

/** A compiled duration option: milliseconds after `timeMs` for one event (drawing from `rng`); NaN when not a duration. */
export type DelayFn = (rng: Rng, index: number, timeMs: number, data: Record<string, unknown>) => number

/** The faults of one definition: the story's `faults:` with the definition's own keys over them. */
export interface DefFaults {
  /** `hashString(definition id)`: the key of its fault stream. */
  defKey: number
  defId: string
  duplicate: number
  late: number
  corrupt: number
  duplicateAfter: DelayFn
  lateBy: DelayFn
  drop: FieldRate[]
  nullify: FieldRate[]
  drift: { fromMs: number; step: DriftSpec }[]
  /** Where runtime warnings about these faults point: the definition's `faults:`, else the story's. */
  site: FaultSite
}

/** Everything fault injection needs for a run. */
export interface FaultPlan {
  seed: number
  timezone: string
  /** Per definition (same order as `story.events`), or null when it has no faults. */
  defs: (DefFaults | null)[]
  /** Runtime problems of the duration expressions (counted per option). */
  runtimeDiagnostics: () => Diagnostic[]
}

/** True when the story (or any definition) has a `faults:` key. */
export function hasFaults(story: Story): boolean {
  return story.faults !== undefined || story.events.some((e) => e.faults !== undefined)
}

/**
 * Checks the story's `faults:` keys and compiles them into a plan. `plan` is undefined when the
 * story has no faults or when they have errors (all reported in `diagnostics`, with spans).
 * `program` is the story's compiled program when the caller has it (null: it did not compile),
 * so the story is not compiled a second time.
 */
export function prepareFaults(
  story: Story,
  seed = story.seed,
  program?: StoryProgram | null,
): { plan?: FaultPlan; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  if (!hasFaults(story)) return { diagnostics }
  const storySpec = story.faults ? readFaultSpec(story.faults, diagnostics) : {}
  const defSpecs = story.events.map((e) => (e.faults ? readFaultSpec(e.faults, diagnostics) : {}))
  checkFieldPaths(story, storySpec, defSpecs, diagnostics)
  // The duration expressions compile in each definition's context, with the engine's own compiler.
  // The delay expressions run in a frame of their own: faults never draw from the data's streams.
  let compiled: { program: StoryProgram; frame: RunFrame } | null | undefined
  const compileFor = (): { program: StoryProgram; frame: RunFrame } | null => {
    if (compiled === undefined) {
      const p = program === undefined ? compileStory(story).program : program
      compiled = p ? { program: p, frame: createRunFrame(p) } : null
    }
    return compiled
  }
  const reported = new Set<string>()
  const delay = (spec: DurationSpec | undefined, fallbackMs: number, def: number): DelayFn =>
    compileDelay(spec, fallbackMs, story, def, compileFor, diagnostics, reported)
  const defs = story.events.map((def, i): DefFaults | null => {
    const spec: FaultSpec = { ...storySpec, ...stripUndefined(defSpecs[i]) }
    const drop = (spec.drop ?? []).filter((r) => hasFirstKey(def, r.keys))
    const nullify = (spec.nullify ?? []).filter((r) => hasFirstKey(def, r.keys))
    const drift = (spec.drift ?? []).map((step) => ({
      fromMs: localToEpoch(step.from, story.timezone),
      step,
    }))
    const out: DefFaults = {
      defKey: hashString(def.id),
      defId: def.id,
      duplicate: spec.duplicate ?? 0,
      late: spec.late ?? 0,
      corrupt: spec.corrupt ?? 0,
      duplicateAfter: delay(spec.duplicateAfter, DEFAULT_DUPLICATE_AFTER_MS, i),
      lateBy: delay(spec.lateBy, DEFAULT_LATE_BY_MS, i),
      drop,
      nullify,
      drift,
      site: siteOf(def.faults ?? story.faults!),
    }
    const active =
      out.duplicate > 0 ||
      out.late > 0 ||
      out.corrupt > 0 ||
      drop.length > 0 ||
      nullify.length > 0 ||
      drift.length > 0
    return active ? out : null
  })
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics }
  return {
    plan: {
      seed,
      timezone: story.timezone,
      defs,
      runtimeDiagnostics: () => compiled?.frame.issues.toDiagnostics() ?? [],
    },
    diagnostics,
  }
}

function siteOf(node: { file: string; span: FaultSite['span']; path: FaultSite['path'] }): FaultSite {
  return { file: node.file, span: node.span, path: node.path }
}

function stripUndefined(spec: FaultSpec): FaultSpec {
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as FaultSpec
}

function hasFirstKey(def: EventDef, keys: readonly string[]): boolean {
  return def.data.entries.some((e) => e.key === keys[0])
}

/** A field path must name a field of the definition (story-wide: of at least one definition). */
function checkFieldPaths(story: Story, storySpec: FaultSpec, defSpecs: FaultSpec[], out: Diagnostic[]): void {
  const check = (spec: FaultSpec, defs: EventDef[], where: string): void => {
    const rates = [...(spec.drop ?? []), ...(spec.nullify ?? [])].map((r) => ({
      path: r.path,
      keys: r.keys,
      site: r.site,
    }))
    for (const step of spec.drift ?? []) {
      for (const r of step.rename) rates.push({ path: r.from, keys: r.fromKeys, site: r.site })
      for (const t of step.type) rates.push(t)
    }
    for (const r of rates) {
      if (defs.some((d) => hasFirstKey(d, r.keys))) continue
      out.push(
        error(
          'fault/unknown-field',
          `\`${r.path}\`: ${where} has no field \`${r.keys[0]}\` in \`data\``,
          r.site.file,
          r.site.span,
          r.site.path,
          `Known fields: ${[...new Set(defs.flatMap((d) => d.data.entries.map((e) => `data.${e.key}`)))].join(', ') || 'none'}`,
        ),
      )
    }
  }
  check(storySpec, story.events, 'no event definition')
  for (const [i, d] of story.events.entries()) check(defSpecs[i], [d], `\`${d.id}\``)
}

/** Compiles `late_by` / `duplicate_after` of one definition; a bad result counts as zero. */
function compileDelay(
  spec: DurationSpec | undefined,
  fallbackMs: number,
  story: Story,
  def: number,
  compileFor: () => { program: StoryProgram; frame: RunFrame } | null,
  out: Diagnostic[],
  reported: Set<string>,
): DelayFn {
  if (spec === undefined) return () => fallbackMs
  if (spec.kind === 'seconds') {
    const ms = spec.value * 1000
    return () => ms
  }
  const source = spec.source
  const iso = parseIsoDuration(source.text)
  const tz = story.timezone
  if (iso) return (_rng, _index, timeMs) => addDuration(timeMs, iso, tz) - timeMs
  const cd = compileFor()
  const result = cd?.program.defs[def].compileExpression(source.text, source.file)
  const key = `${source.file}:${source.span.start}`
  if (!reported.has(key)) {
    // A story-wide expression compiles once per definition: report its problems once.
    reported.add(key)
    for (const d of result?.diagnostics ?? []) {
      out.push({
        ...d,
        file: source.file,
        span: { start: source.toFile(d.span.start), end: source.toFile(d.span.end) },
        path: source.path,
      })
    }
  }
  const evaluate = cd && result?.plan ? cd.frame.defs[def].adhoc(result.plan) : undefined
  if (!evaluate) return () => 0
  const scope: OccurrenceScope = {
    rng: undefined as unknown as Rng,
    index: 0,
    timeMs: 0,
    timezone: tz,
    prev: null,
    parent: null,
    refs: { ref: () => undefined, lookup: () => undefined },
    provenance: null,
  }
  return (rng, index, timeMs, data) => {
    scope.rng = rng
    scope.index = index
    scope.timeMs = timeMs
    const v = evaluate(scope, data)
    if (v instanceof Duration) return addDuration(timeMs, v, tz) - timeMs
    if (typeof v === 'number' && Number.isFinite(v)) return v * 1000
    // Not a duration: the injector reports it (fault/not-a-duration) and uses zero.
    return Number.NaN
  }
}
