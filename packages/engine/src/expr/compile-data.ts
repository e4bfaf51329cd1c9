import { hashString } from '../runtime/rng.ts'
import type { DataNode, SourceString } from '../story/types.ts'
import type { ExprUses } from './check.ts'
import { classifyString, parseDataString } from './classify.ts'
import type { Evaluator } from './eval-context.ts'
import { checkContainer, setKey } from './values.ts'

/** Parses, checks and compiles one expression string of a definition; undefined when it has errors. */
export type CompileString = (
  source: SourceString,
  parsed: ReturnType<typeof parseDataString>,
  siblings: boolean,
  uses: ExprUses,
) => Evaluator | undefined

const NULL: Evaluator = () => null

/**
 * Compiles a data value. `key` names its place (`plan`, `props.email`, `items.0`): an
 * expression nested in a map or list draws from its own stream keyed by that path, so
 * adding or removing a nested key does not change its neighbours' values.
 */
export function compileDataNode(
  node: DataNode,
  uses: ExprUses,
  key: string,
  nested: boolean,
  compileString: CompileString,
  actor?: string,
): Evaluator {
  switch (node.kind) {
    case 'literal': {
      const v = node.value
      return () => v
    }
    case 'string': {
      const kind = classifyString(node.value.text, actor)
      if (kind.kind === 'literal') {
        const v = kind.value
        return () => v
      }
      const f = compileString(node.value, parseDataString(node.value.text, kind), true, uses) ?? NULL
      if (!nested) return f
      const h = hashString(key)
      return (c) => {
        c.scope.rng.fork(h, c.rng)
        return f(c)
      }
    }
    case 'list': {
      const items = node.items.map((item, i) =>
        compileDataNode(item, uses, `${key}.${i}`, true, compileString, actor),
      )
      const span = { start: 0, end: 0 }
      return (c) => {
        const out = items.map((f) => f(c))
        // Items that read prev/ref can grow every occurrence: bound the size.
        if (out.some((v) => v !== null && typeof v === 'object')) checkContainer(out, out, span)
        return out
      }
    }
    case 'map': {
      const keys = node.entries.map((e) => e.key)
      const vals = node.entries.map((e) =>
        compileDataNode(e.value, uses, `${key}.${e.key}`, true, compileString, actor),
      )
      const span = { start: 0, end: 0 }
      return (c) => {
        const out: Record<string, unknown> = {}
        let nestedObject = false
        for (let i = 0; i < keys.length; i++) {
          const v = vals[i](c)
          setKey(out, keys[i], v)
          if (v !== null && typeof v === 'object') nestedObject = true
        }
        if (nestedObject) checkContainer(out, Object.values(out), span)
        return out
      }
    }
  }
}
