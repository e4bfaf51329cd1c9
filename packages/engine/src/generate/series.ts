import { type Diagnostic, warning } from '../diagnostics/diagnostic.ts'
import type { CompiledDef, DefProgram } from '../expr/compiled.ts'
import type { Rng } from '../runtime/rng.ts'
import type { ActorView, OccurrenceScope } from '../runtime/scope.ts'
import { childSeriesKey, STREAM_JITTER, STREAM_SCHEDULE } from '../runtime/streams.ts'
import type { Frequency } from '../runtime/time-types.ts'
import type { Duration } from '../schedule/duration.ts'
import { createOccurrenceSchedule, type OccurrenceSchedule, stepApproxMs } from '../schedule/occurrences.ts'
import { resolveRate } from '../schedule/rate/intensity.ts'
import type { RateSpec } from '../schedule/rate/rate-spec.ts'
import { rateUniform } from '../schedule/rate/rate-stream.ts'
import { createRateSchedule } from '../schedule/rate/sampler.ts'
import type { Story } from '../story/types.ts'
import type { StoredInternal } from './ref-resolver.ts'

/** A stream of occurrences in the heap: one per root definition, one per parent occurrence of an `after` definition. */
export interface Series {
  timeMs: number
  rank: number
  seq: number
  def: number
  /** Occurrence number of the pending time (roots: the occurrence index; children count their own). */
  k: number
  schedule: OccurrenceSchedule
  parent: StoredInternal | null
  /** An occurrence on an actor's state entry (or an actor's own heap item), else null. */
  entry: ActorEntry | null
}

/** The actor state entry an occurrence belongs to: its streams are (actorEventKey(defKey, step), actor index). */
export interface ActorEntry {
  actor: ActorView
  visit: number
  /** The state entered and the entry's step (for the record's `actor`); -1 on an actor's own heap item. */
  state: number
  step: number
  /** Definition stream key of this occurrence, and its stream occurrence number. */
  key: number
  at: number
}

/** What a series draws its schedule values with: the run's Rng and scope (reseeded per draw). */
export interface SeriesContext {
  story: Story
  seed: number
  endMs: number
  rng: Rng
  scope: OccurrenceScope
  diagnostics: Diagnostic[]
}

function stepOf(p: DefProgram): Frequency | Duration {
  if (p.every) return p.every
  return p.def.frequency ?? 'daily'
}

/** The series of a root definition (no `after`): from the story start, with offset and jitter. */
export function rootSeries(p: DefProgram, f: CompiledDef, i: number, key: number, x: SeriesContext): Series {
  const def = p.def
  if (def.rate) return rateSeries(def.rate, i, x)
  const step = stepOf(p)
  const { rng, scope, seed } = x
  const offset = f.offset
  const offsetFor = offset
    ? (k: number) => {
        rng.reseed(seed, key ^ STREAM_SCHEDULE, k)
        scope.index = k
        return offset(scope)
      }
    : undefined
  const schedule = createOccurrenceSchedule({
    start: x.story.start,
    timezone: x.story.timezone,
    offsetDays: def.offsetDays,
    repeat: def.repeat,
    step,
    end: x.endMs,
    offset: offsetFor,
    jitter: jitterFunction(p, f, step, key, x, x.diagnostics),
  })
  return { timeMs: 0, rank: 0, seq: 0, def: i, k: 0, schedule, parent: null, entry: null }
}

/** A `rate:` definition's series: its own Poisson times (schedule/rate); `end_date` can only cut it shorter. */
function rateSeries(rate: RateSpec, i: number, x: SeriesContext): Series {
  const { story, seed } = x
  const times = createRateSchedule(
    resolveRate(rate, story.start, story.end, story.timezone),
    rateUniform(seed, story.events[i].id),
  )
  const schedule: OccurrenceSchedule = {
    next: () => times.next(),
    get count() {
      return times.count
    },
    clamped: 0,
    outOfRange: false,
    get lastIndex() {
      return times.count - 1
    },
    notFinite: 0,
  }
  return { timeMs: 0, rank: 0, seq: 0, def: i, k: 0, schedule, parent: null, entry: null }
}

/** The series of an `after` definition under one parent occurrence, from `startMs` (parent time + delay). */
export function childSeries(
  p: DefProgram,
  f: CompiledDef,
  i: number,
  startMs: number,
  key: number,
  parent: StoredInternal,
  x: SeriesContext,
): Series {
  const step = stepOf(p)
  const schedule = createOccurrenceSchedule({
    start: startMs,
    timezone: x.story.timezone,
    offsetDays: p.def.offsetDays,
    repeat: p.def.repeat,
    step,
    end: x.endMs,
    jitter: jitterFunction(p, f, step, childSeriesKey(key, parent.index), x, []),
  })
  return { timeMs: 0, rank: 0, seq: 0, def: i, k: 0, schedule, parent, entry: null }
}

/** `jitter:` as a function of the occurrence, clamped to the step so each definition's stream stays in order. */
function jitterFunction(
  p: DefProgram,
  f: CompiledDef,
  step: Frequency | Duration,
  key: number,
  x: SeriesContext,
  diagnostics: Diagnostic[],
): ((k: number) => number) | undefined {
  const jitter = f.jitter
  if (!jitter) return undefined
  const { rng, scope, seed } = x
  const stepMs = p.def.repeat > 1 ? stepApproxMs(step) : Number.POSITIVE_INFINITY
  let warned = false
  return (k: number) => {
    rng.reseed(seed, key ^ STREAM_SCHEDULE ^ STREAM_JITTER, k)
    scope.index = k
    let max = jitter(scope).approxMs
    // NaN or Infinity: the schedule skips this occurrence and counts it (schedule/not-finite).
    if (Number.isNaN(max)) return Number.NaN
    if (max > stepMs) {
      if (!warned) {
        warned = true
        const def = p.def
        diagnostics.push(
          warning(
            'story/jitter-exceeds-step',
            `\`jitter\` of \`${def.id}\` is longer than its repeat step; it is clamped to the step`,
            def.file,
            def.keySpans.jitter ?? def.span,
            [...def.path, 'jitter'],
          ),
        )
      }
      max = stepMs
    }
    if (!Number.isFinite(max)) return Number.NaN
    return max > 0 ? Math.floor(rng.next() * max) : 0
  }
}
