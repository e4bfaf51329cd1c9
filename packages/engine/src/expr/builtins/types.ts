/** The random stream builtins draw from (the one import of runtime/rng in builtins/). */
export type { Rng } from '../../runtime/rng.ts'

import type { Span } from '../../diagnostics/span.ts'
import type { Expr } from '../ast.ts'
import type { EvalContext, Evaluator } from '../eval-context.ts'
import type { ValueType } from '../values.ts'

/** One parameter of a builtin function. */
export interface ParamSpec {
  name: string
  /** Accepted static types (`any`: anything). */
  types: ValueType[] | 'any'
  doc: string
  optional?: boolean
  /** Takes all remaining positional arguments. */
  rest?: boolean
  /** Only as `name=value` (e.g. `duration(hours=1)`). */
  keywordOnly?: boolean
  /** Default, as documented. */
  default?: string
  /** Accepted numbers (number parameters): a literal outside is `expr/arguments`, a computed one `runtime/number-range`. */
  range?: NumberRange
}

/** The numbers a parameter accepts; NaN and Infinity are never accepted (`runtime/not-finite`). */
export interface NumberRange {
  min?: number
  max?: number
  /** `min` itself is not accepted (a rate must be above 0). */
  minExclusive?: boolean
}

/** A documented example; its output is computed by the guide renderer with a fixed seed unless given. */
export interface BuiltinExample {
  expression: string
  /** Output to show when the example needs story context (ref, lookup) and cannot run alone. */
  output?: string
}

/** An argument as the compiler sees it: its node, its closure, and its value when it is a constant. */
export interface ArgInfo {
  node: Expr
  evaluate: Evaluator
  constant: boolean
  value?: unknown
  /** For a map literal argument: one closure per entry value, by key (lets `switch` evaluate lazily). */
  entries?: Map<string, Evaluator>
}

/** What a builtin's `compile` hook receives. */
export interface CompileInput {
  /** Arguments in parameter order (undefined: not given); rest arguments follow in `rest`. */
  args: (ArgInfo | undefined)[]
  rest: ArgInfo[]
  span: Span
}

/** A runtime call site: the call's span and, per argument, whether it was written as a float. */
export interface CallSite {
  span: Span
  floatArgs: boolean[]
}

/** A function of the expression language: signature, docs and implementation, in one place. */
export interface Builtin {
  name: string
  /** The signature as the docs show it. */
  signature: string
  summary: string
  params: ParamSpec[]
  /** Static type of the result (`any` when it depends on the arguments). */
  returns: ValueType | ValueType[]
  returnsDoc: string
  /** Draws from the occurrence's random stream. */
  random: boolean
  examples: BuiltinExample[]
  /** Evaluates with positional arguments in parameter order (rest arguments appended). */
  impl?: (c: EvalContext, args: unknown[], site: CallSite) => unknown
  /** Builds a specialised closure at compile time (constant arguments, lazy branches); undefined: use `impl`. */
  compile?: (input: CompileInput) => Evaluator | undefined
  /** Extra static checks on the argument nodes (e.g. negative weights); returns problems. */
  check?: (args: (Expr | undefined)[], rest: Expr[]) => { code: string; message: string; span: Span }[]
  /** Compiled by the story compiler itself (`ref`, `lookup`): needs the other definitions. */
  special?: 'ref'
}
