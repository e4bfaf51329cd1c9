import { type Diagnostic, warning } from '../diagnostics/diagnostic.ts'
import type { StoryProgram } from '../expr/compiled.ts'
import type { RunFrame } from '../expr/run-frame.ts'
import { logger } from '../log/logger.ts'
import type { GeneratedRecord, RunSummary, StoryEvent } from '../runtime/records.ts'
import { hashString, Rng } from '../runtime/rng.ts'
import { childDelayOccurrence, STREAM_CHANCE, STREAM_ID, STREAM_SCHEDULE } from '../runtime/streams.ts'
import { addDurationInRange, formatIso, localToEpoch } from '../schedule/zone.ts'
import { startActors } from './actor-series.ts'
import { actorTypesOf } from './actor-types.ts'
import { GeneratorRunner, registrationFor } from './event-generator.ts'
import { eventIdDrawer, KeptOccurrence } from './kept-occurrence.ts'
import { type HistoryBudget, OccurrenceHistory } from './occurrence-history.ts'
import { PendingHeap } from './pending-heap.ts'
import { createRefResolver, type InternalScope, type StoredInternal } from './ref-resolver.ts'
import { DEFAULT_HISTORY_BYTES, DEFAULT_HISTORY_CAP, type GenerateOptions } from './run-options.ts'
import { childSeries, rootSeries, type Series, type SeriesContext } from './series.ts'
import { keptFieldOrder } from './shard-fields.ts'
import { tieRanks } from './tie-ranks.ts'
import { OCCURRENCE_BYTES, valueBytes } from './value-size.ts'

const log = logger('autosource.sim')
const scheduleLog = logger('autosource.sim.schedule')

/** The generation of one run: `next` gives the next record, or undefined once the run is over. */
export interface RecordSource {
  /**
   * The next record, or undefined once the run is over, or after PAUSE_AFTER_CANDIDATES
   * candidates that all emitted nothing (`probability`/`when` dropped them): then `paused()` is
   * true and the caller may call again. A run that drops every candidate still returns to its
   * caller, so a CLI can take a Ctrl-C (signals arrive only between synchronous steps).
   */
  next(): GeneratedRecord | undefined
  /** True when the last `next()` paused instead of ending. */
  paused(): boolean
  /** Brings `summary` (total, firstMs, lastMs, perType) up to date: call before reading it. */
  flushCounts(): void
  /** Problems of the run as a whole, with counts: history dropped for size, schedules cut short. */
  runDiagnostics(): Diagnostic[]
}

/** Candidates one `next()` may drop in a row before it pauses (a few milliseconds of work). */
export const PAUSE_AFTER_CANDIDATES = 65_536

/**
 * Generates the events of a program in time order, lazily, with the run state in `frame`.
 * A plain function rather than a generator (streamStory builds its iterators on it): a
 * generator saves and restores its live locals at every yield. The set-up runs here.
 */
export function recordSource(
  program: StoryProgram,
  frame: RunFrame,
  options: GenerateOptions,
  summary: RunSummary,
  diagnostics: Diagnostic[],
): RecordSource {
  const story = program.story
  const seed = options.seed ?? story.seed
  const tz = story.timezone
  const defs = program.defs
  const fdefs = frame.defs
  const n = defs.length
  const endMs = story.end ? localToEpoch(story.end, tz) : Number.POSITIVE_INFINITY
  const ranks = tieRanks(story, program)
  const idOf = new Map(story.events.map((e) => [e.id, e.index]))
  const streamKey = story.events.map((e) => hashString(e.id))
  const children: number[][] = story.events.map(() => [])
  for (const e of story.events)
    if (e.after !== undefined && idOf.has(e.after)) children[idOf.get(e.after)!].push(e.index)

  // What must be kept: fields others read, and the occurrence itself when something refs, looks up or follows it.
  // A custom generator may read any field (prev, ref): then keep every field of every definition.
  const regs = options.generators ?? []
  const keepAll = regs.length > 0
  const runners = defs.map((p, i) => {
    const reg = registrationFor(regs, p.def)
    return reg ? new GeneratorRunner(reg, p, fdefs[i], story.orgId, diagnostics) : null
  })
  const needsHistory = new Array<boolean>(n).fill(keepAll)
  for (const d of defs) for (const t of [...d.refTargets, ...d.lookupTargets]) needsHistory[t] = true
  const budget: HistoryBudget = { limit: options.historyBytes ?? DEFAULT_HISTORY_BYTES, used: 0 }
  const histories = defs.map((_d, i) =>
    needsHistory[i] ? new OccurrenceHistory(options.historyCap ?? DEFAULT_HISTORY_CAP, budget) : null,
  )
  const keep = defs.map(
    (d, i) => keepAll || d.keptFields.length > 0 || needsHistory[i] || children[i].length > 0,
  )
  // --shard / --workers: candidates of other parts are skipped, or, when later events read them,
  // evaluated (only the fields they read) without being emitted; their problems are counted there.
  const shard = options.shard
  const issues = frame.issues
  const partial = defs.map((p, i) =>
    shard && keep[i] ? keptFieldOrder(p, keepAll || options.hooks?.dataFor !== undefined) : null,
  )
  if (shard) issues.muted = !shard.ownsFirst
  const prevOf: (StoredInternal | null)[] = new Array(n).fill(null)
  const childCount = new Array<number>(n).fill(0)
  // Per definition: occurrences skipped for a NaN/Infinity time (delays, offsets, jitter) and
  // series cut short by the time range, counted as series finish (the rest at the end).
  const notFinite = new Array<number>(n).fill(0)
  const outOfRange = new Array<number>(n).fill(0)
  const retire = (s: Series): void => {
    notFinite[s.def] += s.schedule.notFinite
    if (s.schedule.outOfRange) outOfRange[s.def]++
  }

  const rng = new Rng()
  const drawId = eventIdDrawer(seed)
  // actors (issue 16): the actor type each definition runs under, for same-actor ref().
  const actorTypeOf = actorTypesOf(program)
  const refs = createRefResolver(story, defs, histories, seed, streamKey, diagnostics, actorTypeOf)
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
    actor: null,
    visit: 0,
    actors: null,
  }
  const x: SeriesContext = { story, seed, endMs, rng, scope, diagnostics }

  const heap = new PendingHeap<Series>()
  let seq = 0
  for (let i = 0; i < n; i++) {
    // `after` children start under their parents, `on:` occurrences on actors' state entries.
    if (defs[i].def.after !== undefined || defs[i].def.on) continue
    const series = rootSeries(defs[i], fdefs[i], i, streamKey[i], x)
    const t = series.schedule.next()
    if (t === undefined) {
      retire(series)
      continue
    }
    series.timeMs = t
    series.k = series.schedule.lastIndex
    series.rank = ranks[i]
    series.seq = seq++
    heap.push(series)
  }
  const actors = program.actors?.length
    ? startActors({ program, frame, seed, endMs, heap, ranks, streamKey, nextSeq: () => seq++, rng, scope })
    : null
  if (actors) scope.actors = actors.runtime

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
  let pausedAt = false
  const nextRecord = (): GeneratedRecord | undefined => {
    let candidates = 0
    pausedAt = false
    while (heap.size > 0 && emitted < limit) {
      if (++candidates > PAUSE_AFTER_CANDIDATES) {
        pausedAt = true
        return undefined
      }
      const series = heap.peek()!
      const i = series.def
      if (i < 0) {
        actors!.advance(series)
        continue
      }
      const p = defs[i]
      const cd = fdefs[i]
      const def = p.def
      const timeMs = series.timeMs
      const parent = series.parent
      const index = parent !== null ? childCount[i]++ : series.k
      const owned = shard === undefined || shard.owns(timeMs)
      if (shard !== undefined) issues.muted = !owned
      // Advance this series before emitting, so the heap is ready for the next pop.
      const nextTime = series.schedule.next()
      if (nextTime === undefined) {
        heap.pop()
        retire(series)
      } else {
        series.timeMs = nextTime
        series.k = series.schedule.lastIndex
        heap.replaceTop()
      }
      if (!owned && !keep[i]) continue

      // An occurrence on an actor's state entry draws from (definition, step, actor index).
      const entry = series.entry
      const key = entry ? entry.key : streamKey[i]
      const at = entry ? entry.at : index
      if (def.probability < 1) {
        rng.reseed(seed, key ^ STREAM_CHANCE, at)
        if (rng.next() >= def.probability) continue
      }
      rng.reseed(seed, key, at)
      scope.index = index
      scope.timeMs = timeMs
      scope.prev = prevOf[i]
      scope.parent = parent
      scope.parentInternal = parent
      scope.defIndex = i
      scope.actor = entry ? entry.actor : parent ? parent.actor : null
      scope.visit = entry ? entry.visit : parent ? parent.visit : 0
      scope.provenance = provenance ? [] : null
      let data = owned ? cd.resolveData(scope) : cd.resolveData(scope, partial[i] ?? undefined)
      const runner = runners[i]
      if (runner) data = runner.run(scope, data)
      if (hooks?.dataFor) data = hooks.dataFor(def, scope, data)
      if (cd.when && !cd.when(scope, data)) continue

      // Another part's occurrence is kept only to be read: its id is drawn if something reads it.
      let id: string | undefined
      if (owned) {
        rng.reseed(seed, key ^ STREAM_ID, at)
        id = rng.uuid4()
      }
      if (keep[i]) {
        let fields: Record<string, unknown> = data
        let bytes = OCCURRENCE_BYTES
        const history = histories[i]
        if (!keepAll) {
          fields = {}
          const keptFields = p.keptFields
          for (let f = 0; f < keptFields.length; f++) {
            const v = data[keptFields[f]]
            fields[keptFields[f]] = v
            if (history !== null) bytes += valueBytes(v)
          }
        } else if (history !== null) for (const k in data) bytes += valueBytes(data[k])
        const stored = new KeptOccurrence(
          i,
          index,
          timeMs,
          fields,
          parent,
          scope.actor,
          scope.visit,
          id,
          drawId,
          key,
          at,
        )
        if (scope.actor && actorTypeOf[i] >= 0 && history !== null)
          (scope.actor.latest ??= new Map()).set(i, stored)
        prevOf[i] = stored
        history?.add(stored, bytes)
        const kids = children[i]
        for (let c = 0; c < kids.length; c++) spawnChild(kids[c], stored)
      }
      if (!owned || id === undefined) continue
      const event: StoryEvent = {
        id,
        org_id: orgId,
        source: def.source,
        event: def.event,
        timestamp: formatIso(timeMs, tz),
        data,
      }
      if (debug) log.debug(`${def.id}#${index} at ${event.timestamp}`)
      const record: GeneratedRecord = { event, def: i, index, timeMs }
      if (parent) record.parent = { def: parent.def, index: parent.index, eventId: parent.eventId }
      if (scope.provenance) record.provenance = scope.provenance
      const actor = scope.actor
      if (actor)
        record.actor = {
          type: actor.type,
          index: actor.index,
          state: entry ? entry.state : -1,
          step: entry ? entry.step : -1,
          attributes: actor.attributes,
        }
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

  const runDiagnostics = (): Diagnostic[] => {
    const skipped = notFinite.slice()
    const stopped = outOfRange.slice()
    for (const s of heap.pending()) {
      skipped[s.def] += s.schedule.notFinite
      if (s.schedule.outOfRange) stopped[s.def]++
    }
    return [...runProblems(program, histories, skipped, stopped), ...(actors?.diagnostics() ?? [])]
  }

  return { next: nextRecord, paused: () => pausedAt, flushCounts, runDiagnostics }

  /** Starts the series of an `after` definition for one parent occurrence: parent time + delay, then its own repeat. */
  function spawnChild(c: number, parent: StoredInternal): void {
    const p = defs[c]
    const cd = fdefs[c]
    rng.reseed(seed, streamKey[c] ^ STREAM_SCHEDULE, childDelayOccurrence(parent.index, parent.def))
    scope.index = parent.index
    scope.timeMs = parent.timeMs
    scope.parent = parent
    scope.parentInternal = parent
    scope.defIndex = c
    scope.actor = parent.actor
    scope.visit = parent.visit
    const delay = cd.delay ? cd.delay(scope) : undefined
    const startMs = delay ? addDurationInRange(parent.timeMs, delay, tz) : parent.timeMs
    if (Number.isNaN(startMs)) {
      // NaN, Infinity or a delay past the representable range: no child for this parent (counted).
      notFinite[c]++
      return
    }
    if (startMs < parent.timeMs) {
      diagnostics.push(
        warning(
          'schedule/negative-delay',
          `\`${p.def.id}\` has a negative delay; it is placed at its parent's time`,
          p.def.file,
          p.def.keySpans.delay ?? p.def.span,
          [...p.def.path, 'delay'],
        ),
      )
    }
    const series = childSeries(p, cd, c, Math.max(startMs, parent.timeMs), streamKey[c], parent, x)
    const t = series.schedule.next()
    if (t === undefined) {
      retire(series)
      return
    }
    if (scheduleLog.enabled('debug'))
      scheduleLog.debug(
        `${p.def.id} after ${story.events[parent.def].id}#${parent.index}: first at ${formatIso(t, tz)}`,
      )
    series.timeMs = t
    series.rank = ranks[c]
    series.seq = seq++
    heap.push(series)
  }
}

/** One diagnostic per definition and problem, with a count: history dropped for size, times that could not be. */
function runProblems(
  program: StoryProgram,
  histories: readonly (OccurrenceHistory | null)[],
  notFinite: readonly number[],
  outOfRange: readonly number[],
): Diagnostic[] {
  const out: Diagnostic[] = []
  const defs = program.story.events
  histories.forEach((h, i) => {
    if (!h || h.dropped === 0) return
    const def = defs[i]
    out.push({
      ...warning(
        'limit/history',
        `the history of \`${def.id}\` kept for ref()/lookup() outgrew its byte budget; the oldest entries were dropped`,
        def.file,
        def.keySpans.data ?? def.span,
        [...def.path, 'data'],
        'keep referenced fields small, or lower `repeat`',
      ),
      count: h.dropped,
    })
  })
  defs.forEach((def, i) => {
    const key = def.after !== undefined ? 'delay' : def.offset ? 'offset' : 'jitter'
    const span = def.keySpans[key] ?? def.span
    if (notFinite[i] > 0) {
      out.push({
        ...warning(
          'schedule/not-finite',
          `\`${def.id}\`: a \`${key}\` was NaN, Infinity or out of range; those occurrences were skipped`,
          def.file,
          span,
          [...def.path, key],
        ),
        count: notFinite[i],
      })
    }
    if (outOfRange[i] > 0) {
      out.push({
        ...warning(
          'schedule/out-of-range',
          `\`${def.id}\`: occurrence times ran past the representable range; the schedule stopped there`,
          def.file,
          span,
          [...def.path, key],
        ),
        count: outOfRange[i],
      })
    }
  })
  return out
}
