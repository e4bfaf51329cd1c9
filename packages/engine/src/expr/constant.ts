import type { Expr } from './ast.ts'

/** True when a node's value cannot depend on the occurrence (literals and operators over them). */
export function isConstant(e: Expr): boolean {
  switch (e.type) {
    case 'number':
    case 'string':
    case 'bool':
    case 'null':
      return true
    case 'list':
      return e.items.every(isConstant)
    case 'map':
      return e.entries.every((x) => isConstant(x.value))
    case 'unary':
      return isConstant(e.operand)
    case 'binary':
    case 'logical':
      return isConstant(e.left) && isConstant(e.right)
    case 'conditional':
      return isConstant(e.test) && isConstant(e.consequent) && isConstant(e.alternate)
    case 'template':
      return e.parts.every((p) => p.type === 'text' || isConstant(p))
    default:
      return false
  }
}
