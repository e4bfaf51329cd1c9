/** A field's value in the Inspector as a small tree (shared by the preview and the run-store views). */
import { formatValue } from './inspector-provenance.ts'

/** A value as a small tree: scalars on one line, objects and arrays as open, collapsible lists. */
export function ValueTree(props: { value: unknown; depth?: number }) {
  const { value } = props
  const depth = props.depth ?? 0
  if (value === null || typeof value !== 'object') {
    return (
      <code className={`value value-${value === null ? 'null' : typeof value}`}>
        {formatValue(value, 400)}
      </code>
    )
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)
  const brackets = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  if (entries.length === 0) return <code className="value">{brackets.join('')}</code>
  return (
    <details className="value-tree" open={depth < 2}>
      <summary>
        <code className="muted">
          {brackets[0]} {entries.length} {Array.isArray(value) ? 'items' : 'keys'} {brackets[1]}
        </code>
      </summary>
      <ul>
        {entries.map(([k, v]) => (
          <li key={k}>
            <span className="tree-key">{k}</span>
            <ValueTree value={v} depth={depth + 1} />
          </li>
        ))}
      </ul>
    </details>
  )
}
