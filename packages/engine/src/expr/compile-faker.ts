import type { Span } from '../diagnostics/span.ts'
import type { Expr } from './ast.ts'
import { checkResult } from './compile-call.ts'
import type { EvalContext, Evaluator, FakerLink } from './eval-context.ts'
import { FakerArgumentError, type FakerCall } from './faker-bridge.ts'
import { checkContainer, ExprRuntimeError, fromForeign, setKey } from './values.ts'

type Call = Extract<Expr, { type: 'call' }>

/** The argument list of a call without arguments: shared, never written to. */
const NO_ARGS = Object.freeze([]) as unknown as unknown[]

/**
 * Runs one faker call: a table violation is `runtime/limit`, anything faker throws is
 * `runtime/faker-error`; the value is converted to the language's values and held to the same
 * size limits as any other value.
 */
function runFaker(
  call: FakerCall,
  argv: unknown[],
  kw: Record<string, unknown> | null,
  path: string,
  span: Span,
  c: EvalContext,
): unknown {
  let v: unknown
  try {
    v = call(argv, kw)
  } catch (err) {
    const code = err instanceof FakerArgumentError ? 'runtime/limit' : 'runtime/faker-error'
    const message = err instanceof Error ? err.message : String(err)
    throw new ExprRuntimeError(code, code === 'runtime/limit' ? message : `faker.${path}(): ${message}`, span)
  }
  const out = fromForeign(v, c.scope.timezone)
  if (Array.isArray(out)) checkContainer(out, out, span)
  return checkResult(out, span)
}

/**
 * Compiles `faker.<path>(...)` to a call through the run's faker (drawing from the field's stream).
 * The program only names the call (a slot of the FakerLink); each run binds the slot to its own
 * faker instance, so runs of one program share no faker state.
 */
export function compileFakerCall(
  e: Call,
  path: string,
  link: FakerLink | undefined,
  compile: (e: Expr) => Evaluator,
): Evaluator {
  const slot = link?.slot(path)
  const span = e.span
  if (slot === undefined) {
    return () => {
      throw new ExprRuntimeError('runtime/type-error', `unknown faker generator \`faker.${path}\``, span)
    }
  }
  const args = e.args.map((a) => compile(a))
  const kwNames = e.kwargs.map((k) => k.name)
  const kwVals = e.kwargs.map((k) => compile(k.value))
  if (args.length === 0 && kwNames.length === 0) {
    // `faker.name()`: the common form, without an argument list to allocate per call.
    return (c) => {
      const f = c.faker!
      f.bridge.rng = c.rng
      f.bridge.refMs = c.scope.timeMs
      return runFaker(f.calls[slot], NO_ARGS, null, path, span, c)
    }
  }
  return (c) => {
    const argv = new Array(args.length)
    for (let i = 0; i < args.length; i++) argv[i] = args[i](c)
    let kw: Record<string, unknown> | null = null
    if (kwNames.length > 0) {
      kw = {}
      for (let i = 0; i < kwNames.length; i++) setKey(kw, kwNames[i], kwVals[i](c))
    }
    const f = c.faker!
    f.bridge.rng = c.rng
    f.bridge.refMs = c.scope.timeMs
    return runFaker(f.calls[slot], argv, kw, path, span, c)
  }
}
