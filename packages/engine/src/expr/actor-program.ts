import type { ActorDef } from '../story/types.ts'
import type { DefProgram } from './compiled.ts'

/** One lifecycle state compiled: its targets, and its `next` weights and `after` as a definition's fields and delay. */
export interface StateProgram {
  readonly name: string
  readonly final: boolean
  /** State indexes of the `next` targets, in written order (the step's fields, same order). */
  readonly targets: readonly number[]
  /** The weights (fields, one per target) and the dwell time (`delay`), over the actor. */
  readonly step: DefProgram
  /** Definitions `on:` this state, in story order. */
  readonly events: readonly number[]
}

/** One actor type compiled (SPEC section 9): immutable, like the rest of the program. */
export interface ActorProgram {
  readonly def: ActorDef
  /** Attributes as a definition's data: resolved once per actor, siblings in dependency order. */
  readonly attributes: DefProgram
  /** `zipf(s)` by arrival order, or a weight per actor (the field `weight` of this definition). */
  readonly popularity?: { readonly zipf: number } | { readonly weight: DefProgram }
  /** Index of the start state (-1 when the story has errors). */
  readonly start: number
  readonly states: readonly StateProgram[]
}
