import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import type { DefProgram } from '../expr/compiled.ts'
import type { DefFrame } from '../expr/def-frame.ts'
import type { OccurrenceScope } from '../runtime/scope.ts'
import { ZonedTime } from '../schedule/zoned-time.ts'
import type { EventDef } from '../story/types.ts'

/** What a custom generator sees for one occurrence. */
export interface GeneratorContext {
  /** The event definition (source, event, id ...). */
  def: EventDef
  /** Occurrence number within the definition, 0-based. */
  index: number
  /** The occurrence time. */
  timestamp: ZonedTime
  /** The data the story's YAML resolved for this occurrence (empty when the definition has no `data`). */
  data: Record<string, unknown>
}

/**
 * The seed's `EventGenerator`: subclass it, implement `generate(context)`, and register it
 * for a source/event with `streamStory(story, { generators: [...] })`. Inside `generate`,
 * `this.resolveValue('random(1, 10)')` evaluates an expression of the story language for
 * this occurrence (seeded, like YAML fields) and `this.getContextValue('prev.plan')` reads
 * the context (`prev.<field>`, `data.<field>`, `index`, `timestamp`, `org_id`, `source`, `event`).
 */
export abstract class EventGenerator {
  /** Returns the event's data for one occurrence. */
  abstract generate(context: GeneratorContext): Record<string, unknown>

  private binding: GeneratorBinding | undefined

  /** Evaluates an expression of the story language for the current occurrence. */
  resolveValue(expression: string): unknown {
    return this.bound().resolve(expression)
  }

  /** Reads a context value: `prev.<field>`, `data.<field>`, `index`, `timestamp`, `org_id`, `source`, `event`. */
  getContextValue(path: string): unknown {
    return this.bound().context(path)
  }

  /** @internal Connects the generator to a run (called by the engine). */
  bind(binding: GeneratorBinding | undefined): void {
    this.binding = binding
  }

  private bound(): GeneratorBinding {
    if (!this.binding) throw new Error('resolveValue/getContextValue can only be called inside generate()')
    return this.binding
  }
}

/** A custom generator registered for a source/event. */
export interface GeneratorRegistration {
  source?: string
  event: string
  generator: EventGenerator
  /** `replace` (default): the generator's object is the data. `extend`: merged over the YAML data. */
  mode?: 'replace' | 'extend'
}

/** @internal How a bound generator reaches the current occurrence. */
export interface GeneratorBinding {
  resolve(expression: string): unknown
  context(path: string): unknown
}

/** Finds the registration for a definition (source/event match, or event only). */
export function registrationFor(
  regs: readonly GeneratorRegistration[],
  def: EventDef,
): GeneratorRegistration | undefined {
  return regs.find((r) => r.event === def.event && (r.source === undefined || r.source === def.source))
}

/**
 * Runs a registered generator for one occurrence. Expressions are compiled once per text and
 * cached; their problems become diagnostics (once each) and the value is null.
 */
/** An ad-hoc expression of a generator, bound to the run: its problems (reported once) and how to evaluate it. */
interface BoundExpression {
  evaluate?: (scope: OccurrenceScope, data: Record<string, unknown>) => unknown
}

export class GeneratorRunner {
  private readonly cache = new Map<string, BoundExpression>()
  private scope!: OccurrenceScope
  private data!: Record<string, unknown>

  constructor(
    private readonly reg: GeneratorRegistration,
    private readonly compiled: DefProgram,
    private readonly frame: DefFrame,
    private readonly orgId: string,
    private readonly diagnostics: Diagnostic[],
  ) {}

  run(scope: OccurrenceScope, data: Record<string, unknown>): Record<string, unknown> {
    this.scope = scope
    this.data = data
    const gen = this.reg.generator
    gen.bind({ resolve: (e) => this.resolve(e), context: (p) => this.context(p) })
    try {
      const def = this.compiled.def
      const out = gen.generate({
        def,
        index: scope.index,
        timestamp: new ZonedTime(scope.timeMs, scope.timezone),
        data,
      })
      return this.reg.mode === 'extend' ? { ...data, ...out } : out
    } finally {
      gen.bind(undefined)
    }
  }

  private resolve(expression: string): unknown {
    let c = this.cache.get(expression)
    if (!c) {
      const label = `<generator ${this.reg.source ? `${this.reg.source}/` : ''}${this.reg.event}>`
      const compiled = this.compiled.compileExpression(expression, label)
      c = { evaluate: compiled.plan ? this.frame.adhoc(compiled.plan) : undefined }
      this.cache.set(expression, c)
      this.diagnostics.push(...compiled.diagnostics)
    }
    return c.evaluate ? c.evaluate(this.scope, this.data) : null
  }

  private context(path: string): unknown {
    const s = this.scope
    if (path.startsWith('prev.')) {
      const f = path.slice(5)
      return s.prev && Object.hasOwn(s.prev.fields, f) ? s.prev.fields[f] : null
    }
    if (path.startsWith('data.')) {
      const f = path.slice(5)
      return Object.hasOwn(this.data, f) ? this.data[f] : null
    }
    const def = this.compiled.def
    switch (path) {
      case 'index':
        return s.index
      case 'timestamp':
        return new ZonedTime(s.timeMs, s.timezone)
      case 'org_id':
        return this.orgId
      case 'source':
        return def.source
      case 'event':
        return def.event
      default:
        return null
    }
  }
}
