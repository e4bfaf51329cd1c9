import { type Document, parseDocument } from 'yaml'
import { type Diagnostic, type DocPath, error } from '../../diagnostics/diagnostic.ts'
import { MAX_STORY_BYTES } from '../limits.ts'
import { scanSeedDialect } from '../seed-dialect.ts'
import { buildYamlTree, type Located, pathKey, YAML_LIMITS, type YamlTree } from '../yaml-tree.ts'
import { flowDepthProblem, reportYamlErrors } from './yaml-errors.ts'

/** One parsed file: its tree and where things are. */
export interface ParsedFile {
  file: string
  text: string
  tree: YamlTree
}

/** Parses one file (seed dialect, YAML, limits) into a located tree; problems go to `out`. */
export function parseFile(file: string, text: string, out: Diagnostic[]): ParsedFile | undefined {
  const bytes = utf8BytesOver(text, MAX_STORY_BYTES)
  if (bytes > MAX_STORY_BYTES) {
    out.push(
      error(
        'limit/file-size',
        `The file is over ${MAX_STORY_BYTES} bytes (UTF-8); stories are limited to ${MAX_STORY_BYTES}`,
        file,
        { start: 0, end: 0 },
        [],
        'Split it with `include:`',
      ),
    )
    return undefined
  }
  const scan = scanSeedDialect(text)
  const deep = flowDepthProblem(scan.masked)
  if (deep) {
    // The yaml package recurses per bracket: stop before it runs out of stack (and time).
    out.push(error('limit/depth', `Values are nested deeper than ${YAML_LIMITS.maxDepth} levels`, file, deep))
    return undefined
  }
  const doc = parseYaml(scan.masked)
  reportYamlErrors(doc, text, file, scan, out)
  if (doc.errors.length) return undefined
  const tree = buildYamlTree(doc, file, text, scan.values)
  for (const p of tree.problems) out.push(error(p.code, p.message, file, p.span))
  // Limits stop the walk, so the tree is incomplete: checking it would only add noise. A duplicate
  // key is a YAML error: like the others, nothing more is checked until it is fixed.
  if (tree.problems.some((p) => p.code.startsWith('limit/') || p.code === 'yaml/duplicate-key'))
    return undefined
  return { file, text, tree }
}

/** Where the value (and key) at `path` is, or the nearest enclosing value that has a location. */
export function locate(parsed: ParsedFile, path: DocPath): Located {
  for (let p = path; ; p = p.slice(0, -1)) {
    const l = parsed.tree.locations.get(pathKey(p))
    if (l) return l
    if (p.length === 0) return { value: { start: 0, end: 0 } }
  }
}

/**
 * Parses YAML text. The yaml package makes an Error (with a stack trace) for every problem, and
 * garbage input has one per token: stack traces are switched off meanwhile, which makes 100,000
 * errors cheap (nothing reads their stacks; the messages and positions are what we report).
 */
function parseYaml(text: string): Document {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return parseDocument(text, {
      schema: 'core',
      prettyErrors: false,
      // Duplicate keys are found by the tree walker in linear time (the package's check is quadratic).
      uniqueKeys: false,
      keepSourceTokens: false,
      // YAML merge keys (`<<: *base`) are common in configs; the tree walker applies them.
      merge: true,
    })
  } finally {
    Error.stackTraceLimit = limit
  }
}

/**
 * The UTF-8 size of `text`, counted only as far as `limit` + 1 (a limit in bytes, as documented,
 * not in UTF-16 code units: 700,000 emoji are 1.4M code units but 2.8 MB). No allocation.
 */
function utf8BytesOver(text: string, limit: number): number {
  // Each UTF-16 unit is 1-3 bytes: short texts are under the limit however they are written.
  if (text.length * 3 <= limit) return text.length
  let bytes = 0
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}
