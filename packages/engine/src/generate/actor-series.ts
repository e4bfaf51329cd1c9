import type { ActorInstance } from '../actors/actor-instance.ts'
import { ActorRuntime } from '../actors/actor-runtime.ts'
import { type Diagnostic, warning } from '../diagnostics/diagnostic.ts'
import type { StoryProgram } from '../expr/compiled.ts'
import type { RunFrame } from '../expr/run-frame.ts'
import type { Rng } from '../runtime/rng.ts'
import { actorEventKey, STREAM_SCHEDULE } from '../runtime/streams.ts'
import type { OccurrenceSchedule } from '../schedule/occurrences.ts'
import { resolveRate } from '../schedule/rate/intensity.ts'
import { rateUniform } from '../schedule/rate/rate-stream.ts'
import { createRateSchedule } from '../schedule/rate/sampler.ts'
import { addDurationInRange, localToEpoch } from '../schedule/zone.ts'
import { MAX_ACTOR_VISITS, MAX_LIVE_ACTORS } from '../story/actors/limits.ts'
import type { PendingHeap } from './pending-heap.ts'
import type { InternalScope } from './ref-resolver.ts'
import type { Series } from './series.ts'

/** Heap items of actors: `def` ARRIVAL (k is the type) or STEP (entry.actor is the actor). */
const ARRIVAL = -2
const STEP = -1
/** Arrivals come before the events of the same instant ... */
const ARRIVAL_RANK = -1
/** ... transitions after them: an entry's events are out before an instant transition moves on, so the heap stays small. */
const STEP_RANK = Number.MAX_SAFE_INTEGER

/** What the actors of a run need from the record source. */
export interface ActorContext {
  program: StoryProgram
  frame: RunFrame
  seed: number
  endMs: number
  heap: PendingHeap<Series>
  ranks: readonly number[]
  streamKey: readonly number[]
  nextSeq(): number
  rng: Rng
  scope: InternalScope
}

/** The actors of one run, as items of the record source's heap. */
export interface ActorSeries {
  /** Handles the heap's top item when it is an actor's (its `def` is negative). */
  advance(series: Series): void
  /** One warning per type and limit that stopped actors, with a count. */
  diagnostics(): Diagnostic[]
  /** For `pick()`: the scope's picker. */
  runtime: ActorRuntime
}

const NO_SCHEDULE: OccurrenceSchedule = {
  next: () => undefined,
  count: 0,
  clamped: 0,
  outOfRange: false,
  lastIndex: 0,
  notFinite: 0,
}

/**
 * Puts the actors of a program into a run's heap: one arrival series per type, then one
 * pending transition per live actor; each state entry pushes a one-shot series per event
 * `on:` that state (at entry time + `delay`). Memory is the live actors, never their lifetimes.
 */
export function startActors(x: ActorContext): ActorSeries {
  const { program, seed, heap, scope, rng } = x
  const story = program.story
  const tz = story.timezone
  const defs = program.defs
  const fdefs = x.frame.defs
  const occurrences = new Array<number>(defs.length).fill(0)
  const delayNotFinite = new Array<number>(defs.length).fill(0)

  const onEntry = (
    actor: ActorInstance,
    state: number,
    visit: number,
    step: number,
    timeMs: number,
  ): void => {
    const events = actors[actor.type].states[state].events
    for (let e = 0; e < events.length; e++) {
      const d = events[e]
      const key = actorEventKey(x.streamKey[d], step)
      let at = timeMs
      const delay = fdefs[d].delay
      if (delay) {
        rng.reseed(seed, key ^ STREAM_SCHEDULE, actor.index)
        scope.index = actor.index
        scope.timeMs = timeMs
        scope.actor = actor
        scope.visit = visit
        scope.parent = null
        scope.parentInternal = null
        scope.defIndex = d
        at = addDurationInRange(timeMs, delay(scope), tz)
        if (Number.isNaN(at)) {
          delayNotFinite[d]++
          continue
        }
        at = Math.max(at, timeMs)
      }
      if (at > x.endMs) continue
      heap.push({
        timeMs: at,
        rank: x.ranks[d],
        seq: x.nextSeq(),
        def: d,
        k: occurrences[d]++,
        schedule: NO_SCHEDULE,
        parent: null,
        entry: { actor, visit, key, at: actor.index, state, step },
      })
    }
  }
  const runtime = new ActorRuntime(program, x.frame.issues, seed, onEntry)
  const actors = program.actors ?? []

  actors.forEach((a, type) => {
    const spec = a.def.arrivals
    let schedule: OccurrenceSchedule
    if (spec) {
      const times = createRateSchedule(
        resolveRate(spec, story.start, story.end, tz),
        rateUniform(seed, `\0actor:${a.def.name}`),
      )
      schedule = { ...NO_SCHEDULE, next: () => times.next() }
    } else {
      const startMs = localToEpoch(story.start, tz)
      let left = a.def.count ?? 0
      schedule = { ...NO_SCHEDULE, next: () => (left-- > 0 ? startMs : undefined) }
    }
    const first = schedule.next()
    if (first === undefined || a.start < 0) return
    heap.push({
      timeMs: first,
      rank: ARRIVAL_RANK,
      seq: x.nextSeq(),
      def: ARRIVAL,
      k: type,
      schedule,
      parent: null,
      entry: null,
    })
  })

  const schedule = (actor: ActorInstance, at: number | undefined, item: Series | null): void => {
    if (at === undefined || at > x.endMs) return
    if (item) {
      item.timeMs = at
      item.seq = x.nextSeq()
      heap.push(item)
      return
    }
    const entry = { actor, visit: 0, key: 0, at: 0, state: -1, step: -1 }
    heap.push({
      timeMs: at,
      rank: STEP_RANK,
      seq: x.nextSeq(),
      def: STEP,
      k: 0,
      schedule: NO_SCHEDULE,
      parent: null,
      entry,
    })
  }

  return {
    runtime,
    advance(series) {
      if (series.def === ARRIVAL) {
        const t = series.timeMs
        const nextTime = series.schedule.next()
        if (nextTime === undefined || nextTime > x.endMs) heap.pop()
        else {
          series.timeMs = nextTime
          heap.replaceTop()
        }
        const at = runtime.arrive(series.k, t)
        const actor = runtime.lastArrived
        if (actor && at !== undefined) schedule(actor, at, null)
        return
      }
      heap.pop()
      const actor = series.entry!.actor as ActorInstance
      schedule(actor, runtime.step(actor, series.timeMs), series)
    },
    diagnostics() {
      const out: Diagnostic[] = []
      actors.forEach((a, type) => {
        const c = runtime.counts
        const site = a.def
        const add = (code: string, message: string, count: number) => {
          if (count > 0) out.push({ ...warning(code, message, site.file, site.span, site.path), count })
        }
        add(
          'limit/actor-visits',
          `actors of \`${a.def.name}\` stopped after ${MAX_ACTOR_VISITS.toLocaleString('en')} state entries`,
          c.visitCapped[type],
        )
        add(
          'limit/actors',
          `arrivals of \`${a.def.name}\` were dropped: ${MAX_LIVE_ACTORS.toLocaleString('en')} actors were alive`,
          c.dropped[type],
        )
        add(
          'schedule/not-finite',
          `an \`after\` of \`${a.def.name}\` was NaN, Infinity or out of range; those actors stopped`,
          c.notFinite[type],
        )
      })
      delayNotFinite.forEach((n, d) => {
        const def = defs[d].def
        if (n > 0)
          out.push({
            ...warning(
              'schedule/not-finite',
              `\`${def.id}\`: a \`delay\` was NaN, Infinity or out of range; those occurrences were skipped`,
              def.file,
              def.keySpans.delay ?? def.span,
              [...def.path, 'delay'],
            ),
            count: n,
          })
      })
      return out
    },
  }
}
