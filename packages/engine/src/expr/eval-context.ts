import { Rng } from '../runtime/rng.ts'
import type { FieldProvenance, OccurrenceScope } from '../runtime/scope.ts'
import { FakerBridge, type FakerCall, isFakerPath } from './faker-bridge.ts'
import type { IssueSite, RuntimeIssues } from './runtime-issues.ts'

/** A run's faker: its own faker-js instance and the program's faker calls bound to it, by slot. */
export interface RunFaker {
  /** Its Rng and reference time are pointed at the calling field before each call. */
  readonly bridge: FakerBridge
  readonly calls: readonly FakerCall[]
}

/**
 * The faker calls of a program, by slot: the compiler asks for a slot per `faker.<path>`,
 * and each run binds every slot to a faker instance of its own (`bind`), so no faker state is
 * shared between runs of one program.
 */
export class FakerLink {
  private readonly paths: string[] = []
  private readonly slots = new Map<string, number>()

  constructor(readonly locale: string) {}

  /** The slot of `faker.<path>`, or undefined when the path is not allowed. */
  slot(path: string): number | undefined {
    let s = this.slots.get(path)
    if (s !== undefined) return s
    if (!isFakerPath(path)) return undefined
    s = this.paths.length
    this.paths.push(path)
    this.slots.set(path, s)
    return s
  }

  /** Whether the program calls faker at all (a run without faker calls makes no faker instance). */
  get used(): boolean {
    return this.paths.length > 0
  }

  /** A faker instance for one run, with every slot resolved. */
  bind(): RunFaker {
    const bridge = new FakerBridge(this.locale, new Rng())
    const calls = this.paths.map((p) => {
      const call = bridge.resolve(p)
      if (!call) throw new Error(`faker.${p} is allowed but cannot be resolved`)
      return call
    })
    return { bridge, calls }
  }
}

/**
 * Mutable state of one definition's resolver while it resolves an occurrence; one per
 * definition per run (in its RunFrame), reused for every occurrence (no per-event allocation
 * besides values).
 */
export class EvalContext {
  /** The occurrence being resolved. */
  scope!: OccurrenceScope
  /** The stream of the field being resolved (a fork of `scope.rng` keyed by the field name). */
  rng: Rng = new Rng()
  /** Resolved top-level fields of this occurrence, by slot. */
  slots: unknown[] = []
  /** Provenance record of the field being resolved, when the run asks for provenance. */
  prov: FieldProvenance | null = null

  /** The field being resolved, for runtime problems that do not stop its evaluation (`runtime/no-ref`). */
  site: IssueSite | null = null

  /** The run's faker (null when the program makes no faker call). */
  faker: RunFaker | null = null

  constructor(readonly issues: RuntimeIssues) {}
}

/** A compiled expression: a plain closure over the evaluation context. */
export type Evaluator = (c: EvalContext) => unknown
