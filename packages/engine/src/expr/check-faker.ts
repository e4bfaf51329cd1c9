import type { Span } from '../diagnostics/span.ts'
import type { Expr } from './ast.ts'
import { fakerMethod } from './faker-allow-list.ts'
import { allFakerNames, isFakerPath, pythonFakerName } from './faker-bridge.ts'
import { checkFakerArgs, checkFakerValue, describeShapes, type FakerMethodSpec } from './faker-shapes.ts'
import { literalValue, NOT_LITERAL } from './literal.ts'
import { closest } from './suggest.ts'

type Report = (code: string, message: string, span: Span, hint?: string) => void
type Call = Extract<Expr, { type: 'call' }>

/**
 * Checks a `faker.<path>(...)` call against the allow-list table: unknown paths are
 * `expr/unknown-faker`; argument counts, keyword names and every argument written as a literal
 * are checked against the table's shapes and caps (`expr/arguments` at the argument's span).
 * Arguments computed at run time are checked by the bridge before faker runs.
 */
export function checkFakerCall(e: Call, path: string, report: Report): void {
  if (!isFakerPath(path)) {
    const near = closest(path, allFakerNames())
    report(
      'expr/unknown-faker',
      `unknown faker generator \`faker.${path}\``,
      e.callee.span,
      near ? `did you mean \`faker.${near}\`?` : 'see docs/generators.md for the faker generators',
    )
    return
  }
  const py = pythonFakerName(path)
  if (py) {
    checkPythonCall(e, path, report)
    return
  }
  const spec = fakerMethod(path)
  if (spec) checkJsCall(e, spec, report)
}

function checkPythonCall(e: Call, path: string, report: Report): void {
  const py = pythonFakerName(path)!
  if (e.args.length > py.maxArgs) {
    report(
      'expr/arguments',
      `faker.${path}() takes at most ${py.maxArgs} argument(s)`,
      e.args[py.maxArgs].span,
    )
    return
  }
  let known = true
  for (const k of e.kwargs) {
    if (!py.kwargs.includes(k.name)) {
      known = false
      report(
        'expr/arguments',
        `faker.${path}() has no argument \`${k.name}\``,
        k.nameSpan,
        py.kwargs.length ? `it takes: ${py.kwargs.join(', ')}` : undefined,
      )
    }
  }
  if (!known || (e.args.length === 0 && e.kwargs.length === 0)) return
  // All written as literals: translate as the bridge will, and check against the target's entry.
  const pos = e.args.map(literalValue)
  // Keyword names are the story's: a null-prototype map, so `__proto__=1` is just a key.
  const kw: Record<string, unknown> = Object.create(null)
  for (const k of e.kwargs) kw[k.name] = literalValue(k.value)
  if (pos.includes(NOT_LITERAL) || Object.values(kw).includes(NOT_LITERAL)) return
  const spec = fakerMethod(py.target)
  const problem = spec && checkFakerArgs(spec, py.args(pos, kw))
  if (problem) report('expr/arguments', `faker.${path}(): ${problem}`, (e.args[0] ?? e.kwargs[0].value).span)
}

function checkJsCall(e: Call, spec: FakerMethodSpec, report: Report): void {
  const name = `faker.${spec.path}()`
  const slots = e.args.length + (e.kwargs.length > 0 ? 1 : 0)
  if (slots > spec.params.length) {
    const at = e.args[spec.params.length] ?? e.kwargs[0].value
    report(
      'expr/arguments',
      spec.params.length === 0
        ? `${name} takes no arguments`
        : `${name} takes at most ${spec.params.length} argument(s)`,
      at.span,
      spec.params.length ? `it takes: ${spec.params.map((p) => p.name).join(', ')}` : undefined,
    )
    return
  }
  e.args.forEach((a, i) => {
    const v = literalValue(a)
    if (v === NOT_LITERAL || v === null) return
    const p = spec.params[i]
    const problem = checkFakerValue(`${name} argument \`${p.name}\``, p.shapes, v)
    if (problem) report('expr/arguments', problem, a.span)
  })
  if (e.kwargs.length === 0) return
  // Keyword arguments become one options map in the next position.
  const p = spec.params[e.args.length]
  const options = p.shapes.find((s) => s.kind === 'options')
  if (options?.kind !== 'options') {
    report(
      'expr/arguments',
      `${name} takes no keyword arguments here (argument \`${p.name}\` is ${describeShapes(p.shapes)})`,
      e.kwargs[0].nameSpan,
    )
    return
  }
  for (const k of e.kwargs) {
    if (!Object.hasOwn(options.keys, k.name)) {
      const keys = Object.keys(options.keys)
      report(
        'expr/arguments',
        `${name} has no option \`${k.name}\``,
        k.nameSpan,
        keys.length ? `its options: ${keys.join(', ')}` : undefined,
      )
      continue
    }
    const v = literalValue(k.value)
    if (v === NOT_LITERAL || v === null) continue
    const problem = checkFakerValue(`${name} option \`${k.name}\``, options.keys[k.name], v)
    if (problem) report('expr/arguments', problem, k.value.span)
  }
}
