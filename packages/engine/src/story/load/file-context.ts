import type { DiagnosticCode } from '../../diagnostics/codes.ts'
import { type Diagnostic, type DocPath, error, warning } from '../../diagnostics/diagnostic.ts'
import type { DataNode, OptionValue } from '../types.ts'
import { type Located, pathKey } from '../yaml-tree.ts'
import { locate, type ParsedFile } from './parse-file.ts'
import { headSpan, isPlainMap } from './raw-values.ts'

/** What was already reported into one output list: by code, file and span; and by code, file and path. */
interface Reported {
  spans: Set<string>
  paths: Map<string, Diagnostic>
}

// One index per output list (shared by every file of a story).
const reportedBy = new WeakMap<Diagnostic[], Reported>()

function reportedIn(out: Diagnostic[]): Reported {
  let r = reportedBy.get(out)
  if (!r) reportedBy.set(out, (r = { spans: new Set(), paths: new Map() }))
  return r
}

/** Checks and converts one file's values, reporting against that file's spans. */
export class FileContext {
  readonly file: string
  /** Paths already reported, so the shape check does not repeat a placeholder problem. */
  readonly reported = new Set<string>()

  constructor(
    readonly parsed: ParsedFile,
    readonly out: Diagnostic[],
  ) {
    this.file = parsed.file
  }

  loc(path: DocPath): Located {
    return locate(this.parsed, path)
  }

  /**
   * Reports an error at `path` (its key with `useKey`; the first line of a mapping for `head`).
   * The same problem at the same place is reported once: a template used by ten events has one
   * `repeat: 0`, not ten.
   */
  err(
    code: DiagnosticCode,
    message: string,
    path: DocPath,
    hint?: string,
    useKey = false,
    head = false,
  ): void {
    const l = this.loc(path)
    let at = (useKey && l.key) || l.value
    if (head && !(useKey && l.key)) at = headSpan(at, this.parsed.text)
    this.push(error(code, message, this.file, at, path, hint))
  }

  /** Reports a warning at the value of `path` (once per code and place). */
  warn(code: DiagnosticCode, message: string, path: DocPath, hint?: string): void {
    this.push(warning(code, message, this.file, this.loc(path).value, path, hint))
  }

  /** The diagnostic with this code already reported at `path` of this file, if any. */
  earlier(code: DiagnosticCode, path: DocPath): Diagnostic | undefined {
    return reportedIn(this.out).paths.get(`${code}\u0000${this.file}\u0000${pathKey(path)}`)
  }

  private push(d: Diagnostic): void {
    this.reported.add(pathKey(d.path))
    const index = reportedIn(this.out)
    const spanKey = `${d.code}\u0000${d.file}\u0000${d.span.start}\u0000${d.span.end}`
    if (index.spans.has(spanKey)) return
    index.spans.add(spanKey)
    const pathId = `${d.code}\u0000${d.file}\u0000${pathKey(d.path)}`
    if (!index.paths.has(pathId)) index.paths.set(pathId, d)
    this.out.push(d)
  }

  /** An event option (`offset`, `every`, `when` ...) as a literal or an expression with its source. */
  option(value: unknown, path: DocPath): OptionValue | undefined {
    if (value === undefined) return undefined
    const l = this.loc(path)
    if (typeof value === 'string') {
      const s = this.parsed.tree.strings.get(pathKey(path))
      if (s) return { kind: 'expr', source: s }
    }
    if (
      typeof value === 'number' ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      value === null
    ) {
      return { kind: 'literal', value, span: l.value }
    }
    return undefined
  }

  /** A raw YAML value as a located data node (maps keep their keys' spans). */
  dataNode(value: unknown, path: DocPath): DataNode {
    const span = this.loc(path).value
    const file = this.file
    if (Array.isArray(value))
      return { kind: 'list', items: value.map((v, i) => this.dataNode(v, [...path, i])), span, file, path }
    if (isPlainMap(value)) {
      const entries = Object.keys(value).map((key) => {
        const l = this.loc([...path, key])
        return { key, keySpan: l.key ?? l.value, value: this.dataNode(value[key], [...path, key]) }
      })
      return { kind: 'map', entries, span, file, path }
    }
    if (typeof value === 'string') {
      const s = this.parsed.tree.strings.get(pathKey(path)) ?? {
        text: value,
        file,
        span,
        path,
        toFile: (i: number) => span.start + i,
      }
      return { kind: 'string', value: s, span, file, path }
    }
    return { kind: 'literal', value: (value ?? null) as number | boolean | null, span, file, path }
  }
}
