import type { Span } from '../diagnostics/span.ts'
import type { Expr } from './ast.ts'
import type { ArgInfo, Builtin, CallSite } from './builtins.ts'
import { writtenAsFloat } from './builtins.ts'
import { isConstant } from './constant.ts'
import { EvalContext, type Evaluator } from './eval-context.ts'
import { VALUE_LIMITS } from './limits.ts'
import { RuntimeIssues } from './runtime-issues.ts'
import { ExprRuntimeError } from './values.ts'

type Call = Extract<Expr, { type: 'call' }>

const constantCtx = new EvalContext(new RuntimeIssues())

/**
 * A builtin's result as it may enter a field: a number must be finite (`runtime/not-finite`) and a
 * string within the text limit (`runtime/limit`), whatever the builtin computed.
 */
export function checkResult(v: unknown, span: Span): unknown {
  if (typeof v === 'number') {
    if (!Number.isFinite(v))
      throw new ExprRuntimeError('runtime/not-finite', `the result is ${v} (beyond about ±1.8e308)`, span)
  } else if (typeof v === 'string' && v.length > VALUE_LIMITS.maxText) {
    throw new ExprRuntimeError('runtime/limit', `text longer than ${VALUE_LIMITS.maxText} characters`, span)
  }
  return v
}

/** What the compiler knows about one argument: its closure, and its value when it is a constant. */
function argInfo(node: Expr, compile: (e: Expr) => Evaluator): ArgInfo {
  const info: ArgInfo = { node, evaluate: compile(node), constant: false }
  if (node.type === 'map') info.entries = new Map(node.entries.map((x) => [x.key, compile(x.value)]))
  if (isConstant(node)) {
    try {
      info.value = info.evaluate(constantCtx)
      info.constant = true
    } catch {
      // A constant that fails (1 / 0) is reported when it runs, with its span.
    }
  }
  return info
}

/** Compiles a call of builtin `b`: its own `compile` hook when it has one, else `impl` over evaluated arguments. */
export function compileBuiltinCall(e: Call, b: Builtin, compile: (e: Expr) => Evaluator): Evaluator {
  const positional = b.params.filter((p) => !p.keywordOnly && !p.rest)
  const fixed = b.params.filter((p) => !p.rest)
  const infos: (ArgInfo | undefined)[] = fixed.map(() => undefined)
  const rest: ArgInfo[] = []
  const nodes: (Expr | undefined)[] = fixed.map(() => undefined)
  e.args.forEach((a, i) => {
    if (i < positional.length) {
      const at = fixed.indexOf(positional[i])
      infos[at] = argInfo(a, compile)
      nodes[at] = a
    } else rest.push(argInfo(a, compile))
  })
  for (const k of e.kwargs) {
    const at = fixed.findIndex((p) => p.name === k.name)
    if (at >= 0) {
      infos[at] = argInfo(k.value, compile)
      nodes[at] = k.value
    }
  }
  const special = b.compile?.({ args: infos, rest, span: e.span })
  if (special) return special
  const impl = b.impl
  if (!impl) throw new Error(`builtin ${b.name} has no implementation`)
  const span = e.span
  const site: CallSite = {
    span,
    floatArgs: [...nodes.map(writtenAsFloat), ...e.args.slice(positional.length).map(writtenAsFloat)],
  }
  // Trailing unset optional parameters are dropped so `impl` sees the call as written.
  let last = infos.length
  while (last > 0 && infos[last - 1] === undefined) last--
  const evals = infos.slice(0, last).map((a) => a?.evaluate)
  const restEvals = rest.map((a) => a.evaluate)
  const n = evals.length
  const total = n + restEvals.length
  if (total === 0) return (c) => checkResult(impl(c, [], site), span)
  return (c) => {
    const args = new Array(total)
    for (let i = 0; i < n; i++) {
      const f = evals[i]
      args[i] = f === undefined ? undefined : f(c)
    }
    for (let i = 0; i < restEvals.length; i++) args[n + i] = restEvals[i](c)
    return checkResult(impl(c, args, site), span)
  }
}
