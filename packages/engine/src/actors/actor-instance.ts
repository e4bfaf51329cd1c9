import type { ActorView, StoredOccurrence } from '../runtime/scope.ts'

/**
 * One live actor: its identity (type, index), attributes resolved once, where it is in its
 * lifecycle and how often it entered each state. Nothing of its past is kept beyond the
 * counts, and what same-actor `ref()` reads (`latest`).
 */
export class ActorInstance implements ActorView {
  latest: Map<number, StoredOccurrence> | null = null
  /** The state entered last, and the one the pending transition goes to. */
  state = -1
  next = -1
  /** State entries so far (the step number of the next entry). */
  steps = 0
  /** Slot in its type's pick pool; -1 when not in it (final or stopped). */
  slot = -1

  constructor(
    readonly type: number,
    readonly index: number,
    readonly attributes: Record<string, unknown>,
    /** Entries per state, by state index. */
    readonly visits: Uint32Array,
  ) {}
}
