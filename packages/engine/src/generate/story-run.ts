import { type Diagnostic, hasErrors, sortDiagnostics, warning } from '../diagnostics/diagnostic.ts'
import type { CompiledDef, CompiledStory } from '../expr/compiled.ts'
import { logger } from '../log/logger.ts'
import { Duration } from '../schedule/duration.ts'
import { createOccurrenceSchedule, stepApproxMs } from '../schedule/occurrences.ts'
import { resolveRate } from '../schedule/rate/intensity.ts'
import { rateUniform } from '../schedule/rate/rate-stream.ts'
import { createRateSchedule } from '../schedule/rate/sampler.ts'
import { addDuration, formatIso, localToEpoch } from '../schedule/zone.ts'
import type { EventDef, Story } from '../story/types.ts'
import { type GeneratorRegistration, GeneratorRunner, registrationFor } from './event-generator.ts'
import { OccurrenceHistory } from './occurrence-history.ts'
import { PendingHeap } from './pending-heap.ts'
import { hashString, Rng } from './rng.ts'
import type { FieldProvenance, OccurrenceScope, RefResolver, StoredOccurrence } from './scope.ts'
import { tieRanks } from './tie-ranks.ts'

/** One generated event: the envelope of SPEC section 4. */
export interface StoryEvent {
  id: string
  org_id: string
  source: string
  event: string
  timestamp: string
  data: Record<string, unknown>
}

/** An event with what the studio needs to place and explain it. */
export interface GeneratedRecord {
  event: StoryEvent
  /** Index of the definition in `story.events`. */
  def: number
  /** Occurrence number within the definition. */
  index: number
  timeMs: number
  parent?: { def: number; index: number; eventId: string }
  provenance?: FieldProvenance[]
}

/** Counts for a whole run. */
export interface RunSummary {
  total: number
  perType: Record<string, number>
  firstMs?: number
  lastMs?: number
  diagnostics: number
  /** Events that broke their type's schema. */
  schemaViolations: number
  /** Valid and invalid events per type that has a schema. */
  schemaCounts?: Record<string, { valid: number; invalid: number }>
  elapsedMs: number
}

/** Hooks that extend a run: schema validation and custom generators plug in here. */
export interface RunHooks {
  /** Replaces or extends the data of a definition (custom generators). */
  dataFor?: (def: EventDef, scope: OccurrenceScope, data: Record<string, unknown>) => Record<string, unknown>
  /** Sees every emitted event (schema validation). */
  onEvent?: (record: GeneratedRecord) => void
}

/** Options of a generation run. */
export interface GenerateOptions {
  /** Overrides the story's seed. */
  seed?: number
  /** Stop after this many events. */
  limit?: number
  /** Record, per field, what it was resolved from (studio inspector). Costs speed. */
  provenance?: boolean
  /** How many past occurrences per referenced definition are kept for same-index ref() and lookup(). */
  historyCap?: number
  /** Reads a monotonic clock for `elapsedMs` (never used for simulated time). */
  clock?: () => number
  hooks?: RunHooks
  /** Custom generators (EventGenerator) registered per source/event. */
  generators?: readonly GeneratorRegistration[]
}

/** Default of `historyCap` (documented in docs/stories.md). */
export const DEFAULT_HISTORY_CAP = 10_000

// Sub-streams of randomness per (definition, occurrence): drawing a delay never shifts data values.
const STREAM_SCHEDULE = 0x5bd1e995
const STREAM_CHANCE = 0x27d4eb2d
const STREAM_ID = 0x165667b1
const STREAM_LOOKUP = 0x61c88647

const log = logger('autosource.sim')
const scheduleLog = logger('autosource.sim.schedule')
const rulesLog = logger('autosource.sim.rules')

/** A stream of occurrences in the heap: one per root definition, one per parent occurrence of an `after` definition. */
interface Series {
  timeMs: number
  rank: number
  seq: number
  def: number
  /** Next candidate number of this series (for roots: the occurrence index). */
  k: number
  next: () => number | undefined
  parent: StoredInternal | null
}

interface StoredInternal extends StoredOccurrence {
  parentOcc: StoredInternal | null
}

/** The generation of one run: `next` gives the next record, or undefined once the run is over. */
export interface RecordSource {
  next(): GeneratedRecord | undefined
  /** Brings `summary` (total, firstMs, lastMs, perType) up to date: call before reading it. */
  flushCounts(): void
}

/**
 * Generates the events of a compiled story in time order, lazily. A plain function rather
 * than a generator (streamStory builds its iterators on it): a generator saves and restores
 * its live locals at every yield. The set-up runs here, at creation.
 */
export function recordSource(
  story: Story,
  compiled: CompiledStory,
  options: GenerateOptions,
  summary: RunSummary,
  diagnostics: Diagnostic[],
): RecordSource {
  const seed = options.seed ?? story.seed
  const tz = story.timezone
  const defs = compiled.defs
  const n = defs.length
  const endMs = story.end ? localToEpoch(story.end, tz) : Number.POSITIVE_INFINITY
  const ranks = tieRanks(story, compiled)
  const idOf = new Map(story.events.map((e) => [e.id, e.index]))
  const streamKey = story.events.map((e) => hashString(e.id))
  const children: number[][] = story.events.map(() => [])
  for (const e of story.events)
    if (e.after !== undefined && idOf.has(e.after)) children[idOf.get(e.after)!].push(e.index)

  // What must be kept: fields others read, and the occurrence itself when something refs, looks up or follows it.
  // A custom generator may read any field (prev, ref): then keep every field of every definition.
  const regs = options.generators ?? []
  const keepAll = regs.length > 0
  const runners = defs.map((cd) => {
    const reg = registrationFor(regs, cd.def)
    return reg ? new GeneratorRunner(reg, cd, story.orgId, diagnostics) : null
  })
  const needsHistory = new Array<boolean>(n).fill(keepAll)
  for (const d of defs) for (const t of [...d.refTargets, ...d.lookupTargets]) needsHistory[t] = true
  const histories = defs.map((_d, i) =>
    needsHistory[i] ? new OccurrenceHistory(options.historyCap ?? DEFAULT_HISTORY_CAP) : null,
  )
  const keep = defs.map(
    (d, i) => keepAll || d.keptFields.length > 0 || needsHistory[i] || children[i].length > 0,
  )
  const prevOf: (StoredInternal | null)[] = new Array(n).fill(null)
  const childCount = new Array<number>(n).fill(0)
  const laterRefWarned = new Set<string>()

  const rng = new Rng()
  const rulesDebug = rulesLog.enabled('debug')
  const describe = (def: number, index: number) => `${story.events[def].id}#${index}`
  const findRef = (target: number, scope: InternalScope): StoredOccurrence | undefined => {
    // Under `after`, a ref to the parent (or an ancestor) is that very occurrence.
    for (let p = scope.parentInternal; p; p = p.parentOcc) if (p.def === target) return p
    const h = histories[target]
    if (!h) return undefined
    const same = h.byIndex(scope.index)
    if (same && same.timeMs <= scope.timeMs) return same
    if (
      !same &&
      (h.latest === undefined || h.latest.index < scope.index) &&
      defs[target].def.after === undefined &&
      scope.index < defs[target].def.repeat
    ) {
      warnLaterRef(scope.defIndex, target)
    }
    return h.latest && h.latest.timeMs <= scope.timeMs ? h.latest : undefined
  }
  const lookupRng = new Rng()
  const lookupPick: { def: number; index: number; target: number; found: StoredOccurrence | undefined } = {
    def: -1,
    index: -1,
    target: -1,
    found: undefined,
  }
  const refs: RefResolver = {
    ref(target, scope) {
      const found = findRef(target, scope as InternalScope)
      if (rulesDebug) {
        const s = scope as InternalScope
        const took = found ? describe(found.def, found.index) : 'nothing'
        rulesLog.debug(`${describe(s.defIndex, s.index)}: ref(${story.events[target].id}) took ${took}`)
      }
      return found
    },
    lookup(target, scope) {
      const h = histories[target]
      if (!h || h.size === 0) return undefined
      const s = scope as InternalScope
      // One pick per (occurrence, target): `lookup(product.sku)` and `lookup(product.price)` read the
      // same earlier product, drawn from its own stream so adding a field never changes the pick.
      if (lookupPick.def === s.defIndex && lookupPick.index === s.index && lookupPick.target === target) {
        return lookupPick.found
      }
      lookupRng.reseed(
        seed,
        streamKey[s.defIndex] ^ STREAM_LOOKUP ^ Math.imul(target + 1, 0x9e3779b1),
        s.index,
      )
      const found = h.recent(Math.floor(lookupRng.next() * h.size))
      lookupPick.def = s.defIndex
      lookupPick.index = s.index
      lookupPick.target = target
      lookupPick.found = found
      if (rulesDebug && found) {
        rulesLog.debug(
          `${describe(s.defIndex, s.index)}: lookup(${story.events[target].id}) took ${describe(found.def, found.index)}`,
        )
      }
      return found
    },
  }

  function warnLaterRef(from: number, target: number): void {
    const key = `${from}:${target}`
    if (laterRefWarned.has(key)) return
    laterRefWarned.add(key)
    const def = story.events[from]
    diagnostics.push(
      warning(
        'ref/later-target',
        `\`${def.id}\` reads \`${story.events[target].id}\` by same index, but that occurrence happens later in time; the latest earlier one is used instead`,
        def.file,
        def.keySpans.data ?? def.span,
        [...def.path, 'data'],
        'Align their schedules (same start, repeat and frequency), or use `after:` to make a funnel',
      ),
    )
  }

  interface InternalScope extends OccurrenceScope {
    defIndex: number
    parentInternal: StoredInternal | null
  }
  const scope: InternalScope = {
    rng,
    index: 0,
    timeMs: 0,
    timezone: tz,
    prev: null,
    parent: null,
    refs,
    provenance: null,
    defIndex: 0,
    parentInternal: null,
  }

  const heap = new PendingHeap<Series>()
  let seq = 0
  for (let i = 0; i < n; i++) {
    const cd = defs[i]
    if (cd.def.after !== undefined) continue
    const series = rootSeries(story, cd, i, seed, streamKey[i], endMs, rng, scope, diagnostics)
    const t = series.next()
    if (t === undefined) continue
    series.timeMs = t
    series.rank = ranks[i]
    series.seq = seq++
    heap.push(series)
  }

  const limit = options.limit ?? Number.POSITIVE_INFINITY
  const hooks = options.hooks
  const provenance = Boolean(options.provenance)
  const orgId = story.orgId
  const debug = log.enabled('debug')
  let emitted = 0
  // Per definition: -1 until its first event, then events not yet added to summary.perType.
  const pendingCount = new Array<number>(n).fill(-1)
  let total = 0
  let firstMs = 0
  let lastMs = 0

  /**
   * The next record, or undefined when the run is over. A plain function, not a generator body:
   * a generator saves and restores every live local at each yield, and this loop has dozens.
   */
  const nextRecord = (): GeneratedRecord | undefined => {
    while (heap.size > 0 && emitted < limit) {
      const series = heap.peek()!
      const i = series.def
      const cd = defs[i]
      const def = cd.def
      const timeMs = series.timeMs
      const parent = series.parent
      const index = parent !== null ? childCount[i]++ : series.k
      // Advance this series before emitting, so the heap is ready for the next pop.
      series.k++
      const nextTime = series.next()
      if (nextTime === undefined) heap.pop()
      else {
        series.timeMs = nextTime
        heap.replaceTop()
      }

      const key = streamKey[i]
      if (def.probability < 1) {
        rng.reseed(seed, key ^ STREAM_CHANCE, index)
        if (rng.next() >= def.probability) continue
      }
      rng.reseed(seed, key, index)
      scope.index = index
      scope.timeMs = timeMs
      scope.prev = prevOf[i]
      scope.parent = parent
      scope.parentInternal = parent
      scope.defIndex = i
      scope.provenance = provenance ? [] : null
      let data = cd.resolveData(scope)
      const runner = runners[i]
      if (runner) data = runner.run(scope, data)
      if (hooks?.dataFor) data = hooks.dataFor(def, scope, data)
      if (cd.when && !cd.when(scope, data)) continue

      rng.reseed(seed, key ^ STREAM_ID, index)
      const id = rng.uuid4()
      const event: StoryEvent = {
        id,
        org_id: orgId,
        source: def.source,
        event: def.event,
        timestamp: formatIso(timeMs, tz),
        data,
      }
      if (keep[i]) {
        let fields: Record<string, unknown> = data
        if (!keepAll) {
          fields = {}
          const kept = cd.keptFields
          for (let f = 0; f < kept.length; f++) fields[kept[f]] = data[kept[f]]
        }
        const stored: StoredInternal = { def: i, index, timeMs, eventId: id, fields, parentOcc: parent }
        prevOf[i] = stored
        histories[i]?.add(stored)
        const kids = children[i]
        for (let c = 0; c < kids.length; c++) spawnChild(kids[c], stored)
      }
      if (debug) log.debug(`${def.id}#${index} at ${event.timestamp}`)
      const record: GeneratedRecord = { event, def: i, index, timeMs }
      if (parent) record.parent = { def: parent.def, index: parent.index, eventId: parent.eventId }
      if (scope.provenance) record.provenance = scope.provenance
      // Writing the summary on every event (a count by name, a boxed time) cost a fifth of
      // generation: counts and times stay here until the summary is read (flushCounts). The
      // first event of a definition adds its key, so perType keys keep their first-seen order.
      if (pendingCount[i] >= 0) pendingCount[i]++
      else {
        pendingCount[i] = 0
        summary.perType[def.event] = (summary.perType[def.event] ?? 0) + 1
      }
      if (total === 0) firstMs = timeMs
      lastMs = timeMs
      total++
      hooks?.onEvent?.(record)
      emitted++
      return record
    }
    return undefined
  }

  /** Brings the summary up to date: total, first and last time, counts per type. */
  const flushCounts = (): void => {
    if (total > 0) {
      summary.total = total
      summary.firstMs ??= firstMs
      summary.lastMs = lastMs
    }
    for (let d = 0; d < n; d++) {
      const c = pendingCount[d]
      if (c > 0) {
        const name = defs[d].def.event
        summary.perType[name] = (summary.perType[name] ?? 0) + c
        pendingCount[d] = 0
      }
    }
  }

  return { next: nextRecord, flushCounts }

  /** Starts the series of an `after` definition for one parent occurrence: parent time + delay, then its own repeat. */
  function spawnChild(c: number, parent: StoredInternal): void {
    const cd = defs[c]
    rng.reseed(seed, streamKey[c] ^ STREAM_SCHEDULE, parent.index * 65_537 + parent.def)
    scope.index = parent.index
    scope.timeMs = parent.timeMs
    scope.parent = parent
    scope.parentInternal = parent
    scope.defIndex = c
    const delay = cd.delay ? cd.delay(scope) : undefined
    const startMs = delay ? addDuration(parent.timeMs, delay, tz) : parent.timeMs
    if (startMs < parent.timeMs) {
      diagnostics.push(
        warning(
          'schedule/negative-delay',
          `\`${cd.def.id}\` has a negative delay; it is placed at its parent's time`,
          cd.def.file,
          cd.def.keySpans.delay ?? cd.def.span,
          [...cd.def.path, 'delay'],
        ),
      )
    }
    const series = childSeries(
      story,
      cd,
      c,
      Math.max(startMs, parent.timeMs),
      endMs,
      rng,
      scope,
      seed,
      streamKey[c],
      parent,
    )
    const t = series.next()
    if (t === undefined) return
    if (scheduleLog.enabled('debug'))
      scheduleLog.debug(
        `${cd.def.id} after ${story.events[parent.def].id}#${parent.index}: first at ${formatIso(t, tz)}`,
      )
    series.timeMs = t
    series.rank = ranks[c]
    series.seq = seq++
    heap.push(series)
  }
}

function stepOf(cd: CompiledDef): import('../story/types.ts').Frequency | Duration {
  if (cd.every) return cd.every
  return cd.def.frequency ?? 'daily'
}

function rootSeries(
  story: Story,
  cd: CompiledDef,
  i: number,
  seed: number,
  key: number,
  endMs: number,
  rng: Rng,
  scope: OccurrenceScope,
  diagnostics: Diagnostic[],
): Series {
  const def = cd.def
  if (def.rate) {
    // a rate makes its own times (schedule/rate); `end` can only cut it shorter
    const rates = createRateSchedule(
      resolveRate(def.rate, story.start, story.end, story.timezone),
      rateUniform(seed, def.id),
    )
    return { timeMs: 0, rank: 0, seq: 0, def: i, k: 0, next: () => rates.next(), parent: null }
  }
  const step = stepOf(cd)
  const jitterFor = jitterFunction(cd, step, seed, key, rng, scope, diagnostics)
  const offsetFor = cd.offset
    ? (k: number) => {
        rng.reseed(seed, key ^ STREAM_SCHEDULE, k)
        scope.index = k
        return cd.offset!(scope)
      }
    : undefined
  const schedule = createOccurrenceSchedule({
    start: story.start,
    timezone: story.timezone,
    offsetDays: def.offsetDays,
    repeat: def.repeat,
    step,
    end: endMs,
    offset: offsetFor,
    jitter: jitterFor,
  })
  return { timeMs: 0, rank: 0, seq: 0, def: i, k: 0, next: () => schedule.next(), parent: null }
}

function childSeries(
  story: Story,
  cd: CompiledDef,
  i: number,
  startMs: number,
  endMs: number,
  rng: Rng,
  scope: OccurrenceScope,
  seed: number,
  key: number,
  parent: StoredInternal,
): Series {
  const def = cd.def
  const step = stepOf(cd)
  const jitterFor = jitterFunction(cd, step, seed, key ^ (parent.index * 2_654_435_761), rng, scope, [])
  const schedule = createOccurrenceSchedule({
    start: startMs,
    timezone: story.timezone,
    offsetDays: def.offsetDays,
    repeat: def.repeat,
    step,
    end: endMs,
    jitter: jitterFor,
  })
  return { timeMs: 0, rank: 0, seq: 0, def: i, k: 0, next: () => schedule.next(), parent }
}

/** `jitter:` as a function of the occurrence, clamped to the step so each definition's stream stays in order. */
function jitterFunction(
  cd: CompiledDef,
  step: import('../story/types.ts').Frequency | Duration,
  seed: number,
  key: number,
  rng: Rng,
  scope: OccurrenceScope,
  diagnostics: Diagnostic[],
): ((k: number) => number) | undefined {
  if (!cd.jitter) return undefined
  const stepMs = cd.def.repeat > 1 ? stepApproxMs(step) : Number.POSITIVE_INFINITY
  let warned = false
  return (k: number) => {
    rng.reseed(seed, key ^ STREAM_SCHEDULE ^ 0x9e3779b9, k)
    scope.index = k
    let max = cd.jitter!(scope).approxMs
    if (max > stepMs) {
      if (!warned) {
        warned = true
        const def = cd.def
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
    return max > 0 ? Math.floor(rng.next() * max) : 0
  }
}

/** Keeps the compiler honest: a story with errors never reaches generation. */
export function assertRunnable(diagnostics: Diagnostic[]): boolean {
  sortDiagnostics(diagnostics)
  return !hasErrors(diagnostics)
}

export { Duration }
