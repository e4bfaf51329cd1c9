import { hashString, Rng } from '../runtime/rng.ts'
import { STREAM_FAULTS } from '../runtime/streams.ts'

/**
 * The random streams of fault injection: the contract of how faults draw their randomness.
 *
 * Every fault decision of an event comes from one stream derived from
 * `(seed, definition, occurrence)`, exactly like the engine's own streams, but keyed with
 * `STREAM_FAULTS`, which no data, schedule, chance or id stream uses: turning faults on never
 * changes a clean value, and the clean stream never changes which events are faulty.
 *
 *   fault stream of an event  = reseed(seed, hashString(definition id) ^ STREAM_FAULTS, occurrence)
 *   one decision of that event = fork(hashString(decision key)) of the fault stream
 *
 * Decision keys (one sub-stream each, so adding `drop:` never changes which events are late):
 * `duplicate`, `duplicate_after`, `late`, `late_by`, `corrupt`, `drop\0<path>`, `nullify\0<path>`.
 * Durations (`late_by`, `duplicate_after`) are evaluated by the expression compiler with the
 * decision's sub-stream as the occurrence's generator.
 */
export { STREAM_FAULTS }

/** The decisions of one event, each in its own sub-stream. */
export const FAULT_DECISIONS = {
  duplicate: hashString('duplicate'),
  duplicateAfter: hashString('duplicate_after'),
  late: hashString('late'),
  lateBy: hashString('late_by'),
  corrupt: hashString('corrupt'),
} as const

/** Key of the sub-stream of a per-field decision (`drop` or `nullify` of one path). */
export function fieldDecisionKey(kind: 'drop' | 'nullify', path: string): number {
  return hashString(`${kind}\0${path}`)
}

/** Positions one event's fault stream, and forks sub-streams of it. */
export class FaultStreams {
  private readonly base = new Rng()
  /** The sub-stream of the last `decision` (reused: no allocation per event). */
  readonly sub = new Rng()

  constructor(private readonly seed: number) {}

  /** Moves to the fault stream of (definition, occurrence); `defKey` is `hashString(definition id)`. */
  at(defKey: number, occurrence: number): void {
    this.base.reseed(this.seed, defKey ^ STREAM_FAULTS, occurrence)
  }

  /** The sub-stream of one decision of the current event, from its start. */
  decision(key: number): Rng {
    return this.base.fork(key, this.sub)
  }

  /** A uniform draw in [0, 1) of one decision of the current event. */
  chance(key: number): number {
    return this.decision(key).next()
  }
}
