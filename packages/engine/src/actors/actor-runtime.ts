import type { ActorProgram } from '../expr/actor-program.ts'
import type { StoryProgram } from '../expr/compiled.ts'
import { DefFrame } from '../expr/def-frame.ts'
import type { IssueSite, RuntimeIssues } from '../expr/runtime-issues.ts'
import { hashString, Rng } from '../runtime/rng.ts'
import type { ActorPicker, ActorView, OccurrenceScope, RefResolver } from '../runtime/scope.ts'
import { actorStepKey, actorStreamKey } from '../runtime/streams.ts'
import { addDurationInRange } from '../schedule/zone.ts'
import { MAX_ACTOR_VISITS, MAX_LIVE_ACTORS } from '../story/actors/limits.ts'
import { ActorInstance } from './actor-instance.ts'
import { WeightedPool } from './weighted-pool.ts'

const NO_REFS: RefResolver = { ref: () => undefined, lookup: () => undefined }
const NEXT_KEY = hashString('\0next')
const POPULARITY_KEY = hashString('\0popularity')
const PICK_KEY = hashString('\0pick')

/** Called for each state entry: the actor, the state, its visit number (1-based), its step (0-based), the time. */
export type EntryHandler = (
  actor: ActorInstance,
  state: number,
  visit: number,
  step: number,
  timeMs: number,
) => void

/** Per actor type: its program bound to this run. */
interface TypeRun {
  program: ActorProgram
  key: number
  attributes: DefFrame
  popularity: DefFrame | null
  steps: DefFrame[]
  pool: WeightedPool<ActorInstance>
  arrived: number
  site: IssueSite
}

/** Counts of what the limits stopped, per type (reported once each, with a count). */
export interface ActorCounts {
  /** Actors stopped at MAX_ACTOR_VISITS entries. */
  visitCapped: number[]
  /** Arrivals dropped because MAX_LIVE_ACTORS were alive. */
  dropped: number[]
  /** Transitions whose dwell time was NaN, Infinity or out of range (the actor stopped). */
  notFinite: number[]
}

/**
 * The actors of one run (SPEC section 9): arrivals, lifecycles and `pick()`. Lazy: an actor
 * is resolved when it arrives, holds one pending transition (the caller keeps it in the time
 * heap), and is dropped when it reaches a final state. Every draw comes from (seed, actor
 * type, actor index, step), so one type's edits never move another type's values.
 */
export class ActorRuntime implements ActorPicker {
  readonly types: TypeRun[]
  readonly counts: ActorCounts
  private readonly rng = new Rng()
  private readonly choice = new Rng()
  private readonly pickRng = new Rng()
  private readonly scope: OccurrenceScope
  private live = 0
  private lastPick = { key: -1, type: -1, actor: undefined as ActorView | undefined }

  constructor(
    program: StoryProgram,
    issues: RuntimeIssues,
    private readonly seed: number,
    private readonly onEntry: EntryHandler,
  ) {
    const faker = program.faker.used ? program.faker.bind() : null
    const tz = program.story.timezone
    this.tz = tz
    this.types = (program.actors ?? []).map((a) => ({
      program: a,
      key: actorStreamKey(hashString(`\0actor:${a.def.name}`)),
      attributes: new DefFrame(a.attributes, issues, faker),
      popularity:
        a.popularity && 'weight' in a.popularity ? new DefFrame(a.popularity.weight, issues, faker) : null,
      steps: a.states.map((s) => new DefFrame(s.step, issues, faker)),
      pool: new WeightedPool<ActorInstance>(),
      arrived: 0,
      site: { field: 'lifecycle', file: a.def.file, span: a.def.span, path: [...a.def.path, 'lifecycle'] },
    }))
    const n = this.types.length
    this.counts = {
      visitCapped: new Array(n).fill(0),
      dropped: new Array(n).fill(0),
      notFinite: new Array(n).fill(0),
    }
    this.issues = issues
    this.scope = {
      rng: this.rng,
      index: 0,
      timeMs: 0,
      timezone: tz,
      prev: null,
      parent: null,
      refs: NO_REFS,
      provenance: null,
      actor: null,
      visit: 0,
      actors: this,
    }
  }

  private readonly tz: string
  private readonly issues: RuntimeIssues

  /**
   * A new actor of `type` arrives at `timeMs` and enters its start state. Returns the time of
   * its next transition, or undefined when it is already final or was not admitted (the
   * live-actor cap). The actor is `lastArrived`.
   */
  arrive(type: number, timeMs: number): number | undefined {
    const t = this.types[type]
    const index = t.arrived++
    if (this.live >= MAX_LIVE_ACTORS) {
      this.counts.dropped[type]++
      return undefined
    }
    const s = this.scope
    this.rng.reseed(this.seed, t.key, index)
    s.index = index
    s.timeMs = timeMs
    s.actor = null
    s.visit = 0
    const attributes = t.attributes.resolveData(s)
    const actor = new ActorInstance(type, index, attributes, new Uint32Array(t.program.states.length))
    this.lastArrived = actor
    const pop = t.program.popularity
    let weight = 1
    if (pop && 'zipf' in pop) weight = (index + 1) ** -pop.zipf
    else if (t.popularity) {
      this.rng.reseed(this.seed, t.key, index)
      this.rng.fork(POPULARITY_KEY, this.choice)
      s.rng = this.choice
      s.actor = actor
      const w = t.popularity.resolveData(s).weight
      s.rng = this.rng
      weight = typeof w === 'number' && w >= 0 && Number.isFinite(w) ? w : 0
    }
    actor.slot = t.pool.add(actor, weight)
    this.live++
    return this.enter(actor, t.program.start, timeMs)
  }

  /** The actor the last `arrive` made (undefined when it was not admitted). */
  lastArrived: ActorInstance | undefined

  /** The pending transition of `actor` is due at `timeMs`: it enters its next state. */
  step(actor: ActorInstance, timeMs: number): number | undefined {
    return this.enter(actor, actor.next, timeMs)
  }

  /** Enters `state`, emits the entry, and plans the next transition (its time), or retires the actor. */
  private enter(actor: ActorInstance, state: number, timeMs: number): number | undefined {
    const t = this.types[actor.type]
    const st = t.program.states[state]
    if (!st) return this.retire(actor)
    const step = actor.steps++
    if (step >= MAX_ACTOR_VISITS) {
      this.counts.visitCapped[actor.type]++
      return this.retire(actor)
    }
    const visit = ++actor.visits[state]
    actor.state = state
    this.onEntry(actor, state, visit, step, timeMs)
    if (st.final) return this.retire(actor)
    const s = this.scope
    this.rng.reseed(this.seed, actorStepKey(t.key, step), actor.index)
    s.rng = this.rng
    s.index = actor.index
    s.timeMs = timeMs
    s.actor = actor
    s.visit = visit
    const frame = t.steps[state]
    const weights = frame.resolveData(s)
    const dwell = frame.delay ? frame.delay(s) : undefined
    const at = dwell ? addDurationInRange(timeMs, dwell, this.tz) : timeMs
    if (Number.isNaN(at)) {
      this.counts.notFinite[actor.type]++
      return this.retire(actor)
    }
    let total = 0
    const fields = frame.program.fields
    for (let i = 0; i < fields.length; i++) total += this.weight(weights[fields[i].name], fields[i].site)
    if (!(total > 0)) {
      this.issues.report(
        t.site,
        'actor/negative-weight',
        `every \`next\` weight of \`${st.name}\` was 0: the actor stopped there`,
      )
      return this.retire(actor)
    }
    this.rng.fork(NEXT_KEY, this.choice)
    let u = this.choice.next() * total
    let target = st.targets[st.targets.length - 1]
    for (let i = 0; i < fields.length; i++) {
      u -= this.weight(weights[fields[i].name], null)
      if (u < 0) {
        target = st.targets[i]
        break
      }
    }
    actor.next = target
    return Math.max(at, timeMs)
  }

  /** A weight as drawn: a number 0 or more; anything else counts as 0 and is reported (once per draw). */
  private weight(v: unknown, site: IssueSite | null): number {
    if (typeof v === 'number' && v >= 0 && Number.isFinite(v)) return v
    if (site)
      this.issues.report(
        site,
        'actor/negative-weight',
        `a \`next\` weight was ${JSON.stringify(v)}; it counts as 0`,
      )
    return 0
  }

  private retire(actor: ActorInstance): undefined {
    if (actor.slot >= 0) {
      this.types[actor.type].pool.remove(actor.slot)
      actor.slot = -1
      this.live--
    }
    actor.next = -1
    return undefined
  }

  /** `pick(type)`: a live actor of that type by popularity, the same one for every pick of one occurrence. */
  pick(type: number, scope: OccurrenceScope): ActorView | undefined {
    const key = scope.rng.key
    const last = this.lastPick
    if (last.key === key && last.type === type) return last.actor
    const t = this.types[type]
    if (!t) return undefined
    scope.rng.fork(PICK_KEY ^ Math.imul(type + 1, 0x9e3779b1), this.pickRng)
    const actor = t.pool.draw(this.pickRng.next())
    last.key = key
    last.type = type
    last.actor = actor
    return actor
  }
}
