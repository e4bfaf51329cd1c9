import { type Document, parseDocument, visit } from 'yaml'
import { type Diagnostic, type DocPath, error, sortDiagnostics, warning } from '../diagnostics/diagnostic.ts'
import type { Span } from '../diagnostics/span.ts'
import { checkRates } from '../schedule/rate/check-rates.ts'
import { parseRate, type RateField } from '../schedule/rate/parse-rate.ts'
import { isValidTimeZone } from '../schedule/zone.ts'
import { compareLocal, parseLocalDate } from './dates.ts'
import { didYouMean } from './did-you-mean.ts'
import { MAX_STORY_BYTES } from './limits.ts'
import { isKnownLocale } from './locales.ts'
import { MAX_CALL_LENGTH, scanSeedDialect } from './seed-dialect.ts'
import { includedShape, KNOWN_KEYS, storyShape } from './story-schema.ts'
import type {
  DataNode,
  EventDef,
  EventSchema,
  Frequency,
  LocalDateTime,
  OptionValue,
  SchemaField,
  SourceString,
  Story,
} from './types.ts'
import { buildYamlTree, type Located, pathKey, YAML_LIMITS, type YamlTree } from './yaml-tree.ts'

export { MAX_STORY_BYTES } from './limits.ts'

/** Finds the text of an included file: `path` as written, relative to `fromFile`. Undefined when missing. */
export type IncludeResolver = (path: string, fromFile: string) => { file: string; text: string } | undefined

/** Options of `loadStory`. */
export interface LoadOptions {
  /** Name of the file, used in diagnostics (default `story.yaml`). */
  file?: string
  /** Reads included files; without it, `include:` is a diagnostic. */
  resolveInclude?: IncludeResolver
  /**
   * The text came from a share link (untrusted, self-contained): every `include:` is a
   * `story/include-in-link` error and no resolver is ever called, so a link cannot read the opener's files.
   */
  fromLink?: boolean
}

/** What the loader returns: a typed story when there are no errors, and every diagnostic found. */
export interface LoadResult {
  story?: Story
  diagnostics: Diagnostic[]
  /** True when the file is a data fragment (top-level `data:` only, like the seed's field reference). */
  fragment?: SourceString[]
  /** The story as far as it could be built when there are errors (for editor tooling: outline, completion). */
  partial?: Story
}

// The type words of the seed's format reference (`org_id: string`, `start_date: date`).
const PLACEHOLDERS = new Set([
  'string',
  'date',
  'int',
  'integer',
  'number',
  'float',
  'bool',
  'boolean',
  'expression',
  'datetime',
])

/** One parsed file: its tree and where things are. */
interface ParsedFile {
  file: string
  text: string
  tree: YamlTree
}

/** Parses one file (seed dialect, YAML, limits) into a located tree; problems go to `out`. */
function parseFile(file: string, text: string, out: Diagnostic[]): ParsedFile | undefined {
  if (text.length > MAX_STORY_BYTES) {
    out.push(
      error(
        'limit/file-size',
        `The file is ${text.length} characters; stories are limited to ${MAX_STORY_BYTES}`,
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
  const doc = parseDocument(scan.masked, {
    schema: 'core',
    prettyErrors: false,
    uniqueKeys: true,
    keepSourceTokens: false,
    // YAML merge keys (`<<: *base`) are common in configs; the tree walker applies them.
    merge: true,
  })
  // A call that never closes makes YAML errors at or after it: report the cause, once, instead.
  const unclosed = scan.unclosed.map((u) => ({ ...u, extent: continuationEnd(text, u.start) }))
  const explained = new Set<number>()
  let reported = 0
  for (const e of doc.errors) {
    const at = e.pos[0]
    const cause = unclosed.find((u) => at >= lineStartOf(text, u.start) && at <= u.extent)
    if (cause) {
      explained.add(cause.start)
      continue
    }
    if (/Maximum call stack/.test(e.message)) {
      out.push(
        error(
          'limit/depth',
          `Values are nested too deeply to parse (the limit is ${YAML_LIMITS.maxDepth} levels)`,
          file,
          { start: Math.min(at, text.length), end: Math.min(at, text.length) },
        ),
      )
      continue
    }
    const code = e.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax'
    const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    const open = e.code === 'MISSING_CHAR' && /quote/.test(message) ? unclosedQuote(doc, at) : undefined
    if (open !== undefined) {
      // YAML notices a missing quote where the file ends; the mistake is where the string starts.
      const quote = text[open]
      out.push(
        error(
          code,
          `This string has no closing ${quote}`,
          file,
          { start: open, end: open + 1 },
          [],
          `Add ${quote} where the text ends`,
        ),
      )
      continue
    }
    // After a first syntax error the parser has lost its place, and "Unexpected ... token in YAML
    // stream" errors for every following token are noise that hides the real mistake.
    if (reported > 0 && /^Unexpected .* (token in YAML stream|at node end)/.test(message)) continue
    // The yaml package may point one past the end of the text (at a missing character).
    const start = Math.min(at, text.length)
    out.push(
      error(code, unmask(message, scan), file, {
        start,
        end: Math.min(Math.max(e.pos[1], start), text.length),
      }),
    )
    reported++
  }
  for (const u of unclosed) {
    if (!explained.has(u.start)) continue
    const name = /^[\w.]+/.exec(u.text)?.[0] ?? 'call'
    out.push(
      error(
        'yaml/unclosed-call',
        `\`${name}(\` is never closed: the value runs on without a matching \`)\``,
        file,
        { start: u.start, end: u.end },
        [],
        'Close the call with `)`; a call may continue on lines indented deeper than its key',
      ),
    )
  }
  if (doc.errors.length) return undefined
  const tree = buildYamlTree(doc, file, text, scan.values)
  for (const p of tree.problems) out.push(error(p.code, p.message, file, p.span))
  // Limits stop the walk, so the tree is incomplete: checking it would only add noise.
  if (tree.problems.some((p) => p.code.startsWith('limit/'))) return undefined
  return { file, text, tree }
}

/** Start of the quoted scalar that runs to `at` (where YAML found its quote missing). */
function unclosedQuote(doc: Document, at: number): number | undefined {
  let found: number | undefined
  visit(doc, {
    Scalar(_key, node) {
      const r = node.range
      if (r && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && r[0] < at && r[1] >= at)
        found = r[0]
    },
  })
  return found
}

/** Offset where the line holding `offset` starts. */
function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

/**
 * End of the lines that continue the value at `start`: blank lines and lines indented deeper than
 * its line (at most MAX_CALL_LENGTH on, like the scanner, so nested unclosed calls stay linear).
 */
function continuationEnd(text: string, start: number): number {
  const lineStart = lineStartOf(text, start)
  const indent = /^[ \t]*/.exec(text.slice(lineStart, start))?.[0].length ?? 0
  const bound = start + MAX_CALL_LENGTH
  let end = text.indexOf('\n', start)
  while (end >= 0 && end < bound) {
    const next = text.indexOf('\n', end + 1)
    const line = text.slice(end + 1, next < 0 ? text.length : next)
    const lineIndent = line.length - line.trimStart().length
    if (line.trim() !== '' && lineIndent <= indent) break
    end = next
  }
  return end < 0 ? text.length : end
}

/**
 * Finds where flow brackets (`[`, `{`) nest deeper than the limit, outside quotes and comments.
 * Text inside plain scalars may count too; only absurd nesting (4x the limit) is reported here,
 * the tree walk reports the rest exactly.
 */
function flowDepthProblem(text: string): Span | undefined {
  const limit = YAML_LIMITS.maxDepth * 4
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '[' || c === '{') {
      if (++depth > limit) return { start: i, end: i + 1 }
    } else if (c === ']' || c === '}') {
      if (depth > 0) depth--
    } else if (c === '"' || c === "'") {
      // Skip a quoted string (a double-quoted one may span lines; escapes only in double quotes).
      const q = c
      for (i++; i < text.length && text[i] !== q; i++) if (q === '"' && text[i] === '\\') i++
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i)
      i = nl < 0 ? text.length : nl
    }
  }
  return undefined
}

/** Loads a story file into a typed story, collecting every problem at once. Never throws. */
export function loadStory(text: string, options: LoadOptions = {}): LoadResult {
  const file = options.file ?? 'story.yaml'
  const diagnostics: Diagnostic[] = []
  try {
    return loadChecked(text, file, options, diagnostics)
  } catch (e) {
    // A bug must never take the editor or the CLI down: report it as a diagnostic.
    diagnostics.push(
      error('internal/error', `Internal error while loading: ${(e as Error)?.message ?? e}`, file, {
        start: 0,
        end: 0,
      }),
    )
    return { diagnostics }
  }
}

function loadChecked(
  text: string,
  file: string,
  options: LoadOptions,
  diagnostics: Diagnostic[],
): LoadResult {
  const parsed = parseFile(file, text, diagnostics)
  if (!parsed) return { diagnostics: sortDiagnostics(diagnostics) }
  const root = parsed.tree.value
  if (root === null || root === undefined) {
    diagnostics.push(
      error(
        'story/not-a-map',
        'The story is empty',
        file,
        { start: 0, end: text.length },
        [],
        'Start with `org_id:`, `start_date:` and `events:`',
      ),
    )
    return { diagnostics }
  }
  if (!isPlainMap(root)) {
    diagnostics.push(
      error(
        'story/not-a-map',
        'A story must be a YAML mapping of keys to values',
        file,
        loc(parsed, []).value,
      ),
    )
    return { diagnostics }
  }
  if (isFragment(root)) return loadFragment(parsed, diagnostics)

  const ctx = new FileContext(parsed, diagnostics)
  ctx.checkPlaceholders(root)
  ctx.checkShape(root, false)
  const merged = new MergedParts()
  merged.included.add(file)
  ctx.collectIncludes(root, options, [file], merged)
  merged.addFrom(ctx, root)
  const story = ctx.buildStory(root, merged)
  if (story) checkRates(story, diagnostics)
  summarizeIncludes(merged, diagnostics)
  sortDiagnostics(diagnostics)
  if (!story || diagnostics.some((d) => d.severity === 'error'))
    return story ? { diagnostics, partial: story } : { diagnostics }
  return { story, diagnostics }
}

// ---------------------------------------------------------------------------------------

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

const FRAGMENT_KEYS = new Set(['data', 'name', 'description'])

/** A file with only `data:` (like the seed's field generator reference) is a fragment, not a story. */
function isFragment(root: Record<string, unknown>): boolean {
  const keys = Object.keys(root)
  return keys.includes('data') && keys.every((k) => FRAGMENT_KEYS.has(k))
}

function loadFragment(parsed: ParsedFile, diagnostics: Diagnostic[]): LoadResult {
  const strings: SourceString[] = []
  for (const [key, s] of parsed.tree.strings) if (key.startsWith('data')) strings.push(s)
  diagnostics.push({
    code: 'story/fragment',
    severity: 'info',
    message:
      'This file is a data fragment (only `data:`): its fields are checked, but it has no events to generate',
    file: parsed.file,
    span: loc(parsed, ['data']).key ?? { start: 0, end: 0 },
    path: ['data'],
    hint: 'Add `org_id`, `start_date` and `events:` to make it a story',
  })
  return { diagnostics, fragment: strings }
}

function loc(parsed: ParsedFile, path: DocPath): Located {
  for (let p = path; ; p = p.slice(0, -1)) {
    const l = parsed.tree.locations.get(pathKey(p))
    if (l) return l
    if (p.length === 0) return { value: { start: 0, end: 0 } }
  }
}

/** A template as found under `templates:` of some file. */
interface TemplateRef {
  ctx: FileContext
  raw: Record<string, unknown>
  path: DocPath
}

/** Events, templates and schemas gathered from included files and this file, in order. */
class MergedParts {
  events: { ctx: FileContext; raw: Record<string, unknown>; path: DocPath }[] = []
  templates = new Map<string, { ctx: FileContext; raw: Record<string, unknown>; path: DocPath }>()
  schemas: { ctx: FileContext; key: string; raw: Record<string, unknown>; path: DocPath }[] = []
  /** Every file already joined: a file included twice (a diamond) joins once. */
  included = new Set<string>()
  /** Each `include:` entry that joined a file, with every file it brought in (transitively). */
  includeEntries: { ctx: FileContext; path: DocPath; entry: string; files: Set<string> }[] = []

  addFrom(ctx: FileContext, root: Record<string, unknown>): void {
    if (Array.isArray(root.events)) {
      root.events.forEach((raw, i) => {
        if (isPlainMap(raw)) this.events.push({ ctx, raw, path: ['events', i] })
      })
    }
    if (isPlainMap(root.templates)) {
      for (const [name, raw] of Object.entries(root.templates)) {
        if (isPlainMap(raw)) this.templates.set(name, { ctx, raw, path: ['templates', name] })
      }
    }
    if (isPlainMap(root.schemas)) {
      for (const [key, raw] of Object.entries(root.schemas)) {
        if (isPlainMap(raw)) this.schemas.push({ ctx, key, raw, path: ['schemas', key] })
      }
    }
  }
}

/** Checks and converts one file's values, reporting against that file's spans. */
class FileContext {
  readonly file: string
  /** Paths already reported, so the shape check does not repeat a placeholder problem. */
  private readonly reported = new Set<string>()

  constructor(
    readonly parsed: ParsedFile,
    readonly out: Diagnostic[],
  ) {
    this.file = parsed.file
  }

  loc(path: DocPath): Located {
    return loc(this.parsed, path)
  }

  /**
   * Reports an error at `path` (its key with `useKey`; the first line of a mapping for `head`).
   * The same problem at the same place is reported once: a template used by ten events has one
   * `repeat: 0`, not ten.
   */
  err(code: string, message: string, path: DocPath, hint?: string, useKey = false, head = false): void {
    const l = this.loc(path)
    let at = (useKey && l.key) || l.value
    if (head && !(useKey && l.key)) at = headSpan(at, this.parsed.text)
    this.reported.add(pathKey(path))
    if (isDuplicate(this.out, code, this.file, at)) return
    this.out.push(error(code, message, this.file, at, path, hint))
  }

  warn(code: string, message: string, path: DocPath, hint?: string): void {
    const at = this.loc(path).value
    this.reported.add(pathKey(path))
    if (isDuplicate(this.out, code, this.file, at)) return
    this.out.push(warning(code, message, this.file, at, path, hint))
  }

  /** The seed's format reference writes types where values go: say so instead of "invalid date". */
  checkPlaceholders(root: Record<string, unknown>): void {
    const check = (value: unknown, path: DocPath) => {
      if (typeof value === 'string' && PLACEHOLDERS.has(value)) {
        this.err(
          'story/placeholder',
          `\`${value}\` is a type placeholder from the format reference, not a value`,
          path,
          `Replace it with a real ${value === 'date' ? 'date such as 2025-01-01' : value === 'int' ? 'integer' : 'value'}`,
        )
      }
    }
    for (const key of ['org_id', 'start_date', 'end_date', 'timezone']) check(root[key], [key])
    if (Array.isArray(root.events)) {
      root.events.forEach((ev, i) => {
        if (!isPlainMap(ev)) return
        for (const key of ['source', 'event', 'offset_days', 'repeat', 'frequency'])
          check(ev[key], ['events', i, key])
      })
    }
  }

  /** Shape check against the zod schema: unknown keys (with did-you-mean), wrong types, missing keys. */
  checkShape(root: Record<string, unknown>, included: boolean): void {
    const result = (included ? includedShape : storyShape).safeParse(root)
    if (result.success) return
    for (const issue of result.error.issues) {
      const path = issue.path as DocPath
      if (this.reported.has(pathKey(path))) continue
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          // `x-` keys at the top level hold YAML anchors to reuse (`x-common: &common`), as in compose files.
          if (path.length === 0 && key.startsWith('x-')) continue
          this.unknownKey([...path, key], key, knownKeysAt(path))
        }
        continue
      }
      const parent = getAt(root, path.slice(0, -1))
      const present = isPlainMap(parent) ? Object.hasOwn(parent, String(path[path.length - 1])) : true
      const last = String(path[path.length - 1] ?? '')
      if (!present) {
        const where = path.slice(0, -1)
        this.err(
          'story/missing-key',
          `Missing required key \`${last}\`${where.length ? ` in ${describePath(where)}` : ''}`,
          where,
          `Add \`${last}: ...\``,
          true,
          true,
        )
      } else if (last === 'repeat') {
        this.err(
          'story/invalid-repeat',
          `\`repeat\` must be a positive integer, not ${describeValue(getAt(root, path))}`,
          path,
          'e.g. `repeat: 30`',
        )
      } else if (last === 'probability' && typeof getAt(root, path) === 'number') {
        this.err(
          'story/invalid-probability',
          `\`probability\` must be between 0 and 1, not ${getAt(root, path)}`,
          path,
          'e.g. `probability: 0.4`',
        )
      } else if (last === 'frequency' && issue.code === 'invalid_value') {
        const v = String(getAt(root, path))
        const guess = didYouMean(v, ['minutely', 'hourly', 'daily', 'weekly', 'monthly'])
        this.err(
          'story/unknown-frequency',
          `Unknown frequency \`${v}\``,
          path,
          guess
            ? `did you mean \`${guess}\`?`
            : 'Use minutely, hourly, daily, weekly or monthly, or `every: duration(...)`',
        )
      } else if ((last === 'start_date' || last === 'end_date') && path.length === 1) {
        this.err(
          'story/invalid-date',
          `\`${last}\` must be a date, not ${describeValue(getAt(root, path))}`,
          path,
          'Write 2025-01-01 or 2025-01-01T09:00',
        )
      } else if (last === 'events' && path.length === 1 && getAt(root, path) === null) {
        this.err(
          'story/empty-events',
          '`events` is empty: a story needs at least one event',
          path,
          'Add `- source: ...`',
        )
      } else if (last === 'events' && path.length === 1 && !Array.isArray(getAt(root, path))) {
        this.err(
          'story/wrong-type',
          '`events` must be a list of event definitions',
          path,
          'Write each event as `- source: ...`',
        )
      } else {
        this.err(
          'story/wrong-type',
          `${describePath(path)}: ${wrongTypeMessage(issue, getAt(root, path))}`,
          path,
        )
      }
    }
  }

  private unknownKey(path: DocPath, key: string, known: string[]): void {
    const guess = didYouMean(key, known)
    this.err(
      'story/unknown-key',
      `Unknown key \`${key}\`${path.length > 1 ? ` in ${describePath(path.slice(0, -1))}` : ''}`,
      path,
      guess ? `did you mean \`${guess}\`?` : `Known keys: ${known.join(', ')}`,
      true,
    )
  }

  /**
   * Reads `include:` (recursively), adding the included files' parts before this file's.
   * Returns every file this file brought in, so errors in them can be summed up at the include line.
   */
  collectIncludes(
    root: Record<string, unknown>,
    options: LoadOptions,
    stack: string[],
    merged: MergedParts,
  ): Set<string> {
    const all = new Set<string>()
    if (!Array.isArray(root.include)) return all
    root.include.forEach((entry, i) => {
      if (typeof entry !== 'string') return
      const path: DocPath = ['include', i]
      if (options.fromLink) {
        this.err(
          'story/include-in-link',
          `A story opened from a share link cannot include \`${entry}\`: a link carries only its own text`,
          path,
          'Paste the included templates and data into the story itself before sharing it',
        )
        return
      }
      if (!options.resolveInclude) {
        this.err(
          'story/include-missing',
          `Cannot include \`${entry}\`: includes are not available here`,
          path,
        )
        return
      }
      let found: { file: string; text: string } | undefined
      try {
        found = options.resolveInclude(entry, this.file)
      } catch (e) {
        this.err('story/include-missing', `Cannot read \`${entry}\`: ${(e as Error)?.message ?? e}`, path)
        return
      }
      if (!found) {
        this.err(
          'story/include-missing',
          `Included file \`${entry}\` was not found`,
          path,
          'Paths are relative to this file',
        )
        return
      }
      if (stack.includes(found.file)) {
        this.err(
          'story/include-cycle',
          `Include cycle: ${[...stack, found.file].join(' -> ')}`,
          path,
          'Remove one of the includes',
        )
        return
      }
      // Included twice through different files: it already joined.
      if (merged.included.has(found.file)) return
      merged.included.add(found.file)
      const files = new Set<string>([found.file])
      const child = parseFile(found.file, found.text, this.out)
      if (child && isPlainMap(child.tree.value)) {
        const childCtx = new FileContext(child, this.out)
        childCtx.checkShape(child.tree.value, true)
        for (const f of childCtx.collectIncludes(child.tree.value, options, [...stack, found.file], merged))
          files.add(f)
        merged.addFrom(childCtx, child.tree.value)
      } else if (child) {
        this.out.push(
          error('story/not-a-map', 'An included story must be a YAML mapping of keys to values', found.file, {
            start: 0,
            end: 0,
          }),
        )
      }
      for (const f of files) all.add(f)
      merged.includeEntries.push({ ctx: this, path, entry, files })
    })
    return all
  }

  buildStory(root: Record<string, unknown>, merged: MergedParts): Story | undefined {
    const start = this.date(root.start_date, ['start_date'], false)
    const end = root.end_date === undefined ? undefined : this.date(root.end_date, ['end_date'], true)
    if (start && end && compareLocal(end, start) < 0) {
      this.err(
        'story/end-before-start',
        `\`end_date\` ${root.end_date} is before \`start_date\` ${root.start_date}`,
        ['end_date'],
      )
    }
    const timezone = typeof root.timezone === 'string' ? root.timezone : 'UTC'
    if (typeof root.timezone === 'string' && !this.reported.has('timezone') && !isValidTimeZone(timezone)) {
      this.err(
        'story/invalid-timezone',
        `Unknown time zone \`${timezone}\``,
        ['timezone'],
        'Use an IANA name such as America/New_York or UTC',
      )
    }
    const locale = typeof root.locale === 'string' ? root.locale : 'en'
    if (typeof root.locale === 'string' && !isKnownLocale(locale)) {
      this.err(
        'story/invalid-locale',
        `Unknown faker locale \`${locale}\``,
        ['locale'],
        'e.g. en, de, fr, ja, pt_BR',
      )
    }
    if (Array.isArray(root.events) && root.events.length === 0 && merged.events.length === 0) {
      this.err(
        'story/empty-events',
        '`events` is empty: a story needs at least one event',
        ['events'],
        'Add `- source: ...`',
      )
    }
    const events = this.buildEvents(merged)
    const schemas = merged.schemas.map((s) => s.ctx.buildSchema(s.key, s.raw, s.path))
    if (!start || typeof root.org_id !== 'string') return undefined
    return {
      name: typeof root.name === 'string' ? root.name : undefined,
      description: typeof root.description === 'string' ? root.description : undefined,
      orgId: root.org_id,
      start,
      end,
      timezone,
      seed: typeof root.seed === 'number' ? root.seed : 0,
      locale,
      events,
      schemas,
      file: this.file,
      sources: collectSources(this, merged),
    }
  }

  private date(value: unknown, path: DocPath, endOfDay: boolean): LocalDateTime | undefined {
    if (typeof value !== 'string') return undefined
    if (this.reported.has(pathKey(path))) return undefined
    const d = parseLocalDate(value, endOfDay)
    if (!d)
      this.err(
        'story/invalid-date',
        `\`${value}\` is not a valid date`,
        path,
        'Write 2025-01-01 or 2025-01-01T09:00',
      )
    return d
  }

  private buildEvents(merged: MergedParts): EventDef[] {
    const defs: EventDef[] = []
    const ids = new Map<string, EventDef>()
    for (const { ctx, raw, path } of merged.events) {
      const def = ctx.buildEvent(raw, path, merged, defs.length)
      if (!def) continue
      const dup = ids.get(def.id)
      if (dup) {
        const idPath = raw.id !== undefined ? [...path, 'id'] : [...path, 'event']
        ctx.err(
          'story/duplicate-id',
          `Duplicate event id \`${def.id}\` (also defined in ${dup.file === ctx.file ? 'this file' : dup.file})`,
          idPath,
          'Give one of them an explicit `id:`',
        )
        continue
      }
      ids.set(def.id, def)
      defs.push(def)
    }
    // `after` must name an event, and chains must not loop.
    for (const def of defs) {
      if (def.after === undefined) continue
      if (!ids.has(def.after)) {
        const ctx = merged.events.find((e) => e.path === def.path)?.ctx ?? this
        const guess = didYouMean(def.after, ids.keys())
        ctx.err(
          'story/unknown-after',
          `\`after\` names unknown event \`${def.after}\``,
          [...def.path, 'after'],
          guess ? `did you mean \`${guess}\`?` : undefined,
        )
      }
    }
    for (const def of defs) {
      const seen = new Set<string>([def.id])
      let cur = def.after
      while (cur !== undefined) {
        if (seen.has(cur)) {
          const ctx = merged.events.find((e) => e.path === def.path)?.ctx ?? this
          ctx.err('story/after-cycle', `\`after\` chain loops back to \`${cur}\``, [...def.path, 'after'])
          break
        }
        seen.add(cur)
        cur = ids.get(cur)?.after
      }
    }
    return defs
  }

  /** Follows `use:` from an event through templates (which may `use` others); undefined on an error. */
  private templateChain(
    raw: Record<string, unknown>,
    path: DocPath,
    merged: MergedParts,
  ): TemplateRef[] | undefined {
    const chain: TemplateRef[] = []
    let use = raw.use
    let from: { ctx: FileContext; path: DocPath } = { ctx: this, path }
    while (typeof use === 'string') {
      const template = merged.templates.get(use)
      if (!template) {
        const guess = didYouMean(use, merged.templates.keys())
        from.ctx.err(
          'story/unknown-template',
          `Unknown template \`${use}\``,
          [...from.path, 'use'],
          guess ? `did you mean \`${guess}\`?` : 'Define it under `templates:`',
        )
        return undefined
      }
      if (chain.includes(template)) {
        from.ctx.err(
          'story/template-cycle',
          `Templates use each other in a cycle: ${[...chain.map((t) => t.path[1]), use].join(' -> ')}`,
          [...from.path, 'use'],
          'Remove one of the `use:` keys',
        )
        return undefined
      }
      chain.push(template)
      use = template.raw.use
      from = template
    }
    return chain
  }

  /** Builds one event definition, applying its template (`use:`). */
  buildEvent(
    raw: Record<string, unknown>,
    path: DocPath,
    merged: MergedParts,
    index: number,
  ): EventDef | undefined {
    const chain = this.templateChain(raw, path, merged)
    if (!chain) return undefined
    // A key comes from the event when set there, else from the nearest template: each keeps its own file and span.
    const pick = (key: string): { ctx: FileContext; value: unknown; path: DocPath } | undefined => {
      if (raw[key] !== undefined) return { ctx: this, value: raw[key], path: [...path, key] }
      for (const t of chain)
        if (t.raw[key] !== undefined) return { ctx: t.ctx, value: t.raw[key], path: [...t.path, key] }
      return undefined
    }
    const source = pick('source')
    const event = pick('event')
    const label =
      typeof raw.id === 'string'
        ? raw.id
        : typeof event?.value === 'string'
          ? event.value
          : describePath(path)
    // A problem in a template is reported in the template, naming the (first) event that used it.
    const report = (
      p: { ctx: FileContext; path: DocPath },
      code: string,
      message: string,
      hint?: string,
      useKey = false,
    ) => {
      if (p.path[0] !== 'templates') return p.ctx.err(code, message, p.path, hint, useKey)
      const usedBy = ` (template \`${p.path[1]}\`, used by \`${label}\`)`
      // The shape check may have reported it already (without knowing the events): name the event there.
      const key = pathKey(p.path)
      const earlier = p.ctx.out.find(
        (d) => d.code === code && d.file === p.ctx.file && pathKey(d.path) === key,
      )
      if (earlier) {
        if (!earlier.message.includes(' used by ')) earlier.message += usedBy
        return
      }
      p.ctx.err(code, message + usedBy, p.path, hint, useKey)
    }
    if (!source || !event) {
      for (const missing of [!source && 'source', !event && 'event']) {
        if (!missing) continue
        this.err(
          'story/missing-key',
          `Missing required key \`${missing}\` in ${describePath(path)}${chain.length ? ` (nor in template \`${raw.use}\`)` : ''}`,
          path,
          `Add \`${missing}: ...\``,
          true,
          true,
        )
      }
      return undefined
    }
    if (typeof source.value !== 'string' || typeof event.value !== 'string') return undefined
    const keySpans: Record<string, Span> = {}
    for (const key of Object.keys(raw)) {
      const l = this.loc([...path, key])
      keySpans[key] = l.key ?? l.value
    }
    const num = (key: string, fallback: number): number => {
      const p = pick(key)
      return typeof p?.value === 'number' ? p.value : fallback
    }
    const repeat = num('repeat', 1)
    const repeatAt = pick('repeat')
    if (repeat < 1 && repeatAt) {
      report(
        repeatAt,
        'story/invalid-repeat',
        `\`repeat\` must be a positive integer, not ${repeat}`,
        'e.g. `repeat: 30`',
      )
    }
    const probability = num('probability', 1)
    const probabilityAt = pick('probability')
    if ((probability < 0 || probability > 1) && probabilityAt) {
      report(
        probabilityAt,
        'story/invalid-probability',
        `\`probability\` must be between 0 and 1, not ${probability}`,
      )
    }
    const frequency = pick('frequency')?.value as Frequency | undefined
    const every = pick('every')
    if (frequency !== undefined && every) {
      report(
        { ctx: every.ctx, path: every.path },
        'story/frequency-and-every',
        'Set either `frequency` or `every`, not both',
        undefined,
        true,
      )
    }
    const after = pick('after')?.value
    const data = this.mergeData(raw, path, chain)
    const option = (key: string): OptionValue | undefined => {
      const p = pick(key)
      return p ? p.ctx.option(p.value, p.path) : undefined
    }
    const rateField = (key: string): RateField | undefined => {
      const p = pick(key)
      if (!p) return undefined
      return {
        value: p.value,
        file: p.ctx.file,
        path: p.path,
        span: (sub = []) => p.ctx.loc([...p.path, ...sub]).value,
      }
    }
    const rate = parseRate(rateField, this.out)
    const def: EventDef = {
      index,
      id: typeof raw.id === 'string' ? raw.id : event.value,
      source: source.value,
      event: event.value,
      offsetDays: num('offset_days', 0),
      offset: option('offset'),
      repeat: Math.max(1, Math.floor(repeat)),
      frequency: frequency ?? (every || repeat <= 1 ? undefined : 'daily'),
      every: option('every'),
      jitter: option('jitter'),
      after: typeof after === 'string' ? after : undefined,
      delay: option('delay'),
      probability,
      when: option('when'),
      rate,
      data,
      use: chain.length ? String(raw.use) : undefined,
      file: this.file,
      span: this.loc(path).value,
      keySpans,
      path,
    }
    return def
  }

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

  /** `data` of the event deep-merged over its templates' `data` (the nearer one wins, key by key). */
  private mergeData(
    raw: Record<string, unknown>,
    path: DocPath,
    chain: TemplateRef[],
  ): DataNode & { kind: 'map' } {
    const own = this.dataNode(raw.data ?? {}, [...path, 'data'])
    let merged: DataNode & { kind: 'map' } =
      own.kind === 'map'
        ? own
        : { kind: 'map', entries: [], span: own.span, file: this.file, path: [...path, 'data'] }
    for (const t of chain) {
      if (t.raw.data === undefined) continue
      const base = t.ctx.dataNode(t.raw.data, [...t.path, 'data'])
      if (base.kind === 'map') merged = mergeMaps(base, merged)
    }
    return merged
  }

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

  buildSchema(key: string, raw: Record<string, unknown>, path: DocPath): EventSchema {
    const fields = isPlainMap(raw.fields) ? this.schemaFields(raw.fields, [...path, 'fields']) : []
    return {
      key,
      fields,
      strict: raw.strict === true,
      span: this.loc(path).key ?? this.loc(path).value,
      file: this.file,
    }
  }

  private schemaFields(raw: Record<string, unknown>, path: DocPath): SchemaField[] {
    return Object.entries(raw).flatMap(([name, f]) => {
      if (!isPlainMap(f)) return []
      const p = [...path, name]
      const field: SchemaField = {
        name,
        type: f.type as SchemaField['type'],
        required: f.required !== false,
        enum: Array.isArray(f.enum) ? f.enum : undefined,
        min: typeof f.min === 'number' ? f.min : undefined,
        max: typeof f.max === 'number' ? f.max : undefined,
        format: f.format as SchemaField['format'],
        nullable: f.nullable === true,
        fields: isPlainMap(f.fields) ? this.schemaFields(f.fields, [...p, 'fields']) : undefined,
        items: isPlainMap(f.items) ? this.schemaFields({ items: f.items }, p)[0] : undefined,
        span: this.loc(p).key ?? this.loc(p).value,
        file: this.file,
        path: p,
      }
      return [field]
    })
  }
}

/** Problems inside included files are reported there, and summed up once at each include line. */
function summarizeIncludes(merged: MergedParts, out: Diagnostic[]): void {
  for (const { ctx, path, entry, files } of merged.includeEntries) {
    const count = out.filter(
      (d) => d.severity === 'error' && files.has(d.file) && d.code !== 'story/include-error',
    ).length
    if (count) ctx.err('story/include-error', `Included file \`${entry}\` has ${count} error(s)`, path)
  }
}

function mergeMaps(
  base: DataNode & { kind: 'map' },
  over: DataNode & { kind: 'map' },
): DataNode & { kind: 'map' } {
  const entries = base.entries.map((e) => {
    const o = over.entries.find((x) => x.key === e.key)
    if (!o) return e
    if (e.value.kind === 'map' && o.value.kind === 'map') return { ...o, value: mergeMaps(e.value, o.value) }
    return o
  })
  for (const o of over.entries) if (!base.entries.some((e) => e.key === o.key)) entries.push(o)
  return { ...over, entries }
}

function collectSources(main: FileContext, merged: MergedParts): Record<string, string> {
  const sources: Record<string, string> = { [main.file]: main.parsed.text }
  for (const e of merged.events) sources[e.ctx.file] = e.ctx.parsed.text
  for (const t of merged.templates.values()) sources[t.ctx.file] = t.ctx.parsed.text
  for (const s of merged.schemas) sources[s.ctx.file] = s.ctx.parsed.text
  return sources
}

function getAt(root: unknown, path: DocPath): unknown {
  let cur = root
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = Object.hasOwn(cur, p) ? (cur as Record<string | number, unknown>)[p] : undefined
  }
  return cur
}

function knownKeysAt(path: DocPath): string[] {
  if (path.length === 0) return KNOWN_KEYS.story
  if (path[0] === 'events') return KNOWN_KEYS.event
  if (path[0] === 'templates') return KNOWN_KEYS.template
  if (path[0] === 'schemas') return path.length === 2 ? KNOWN_KEYS.schema : KNOWN_KEYS.field
  return []
}

function describePath(path: DocPath): string {
  if (path.length === 0) return 'the story'
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p
  return `\`${out}\``
}

// Diagnostics already reported, per output list (code, file and span).
const seenDiagnostics = new WeakMap<Diagnostic[], Set<string>>()

/** True when this problem was already reported at this place (and remembers it otherwise). */
function isDuplicate(out: Diagnostic[], code: string, file: string, at: Span): boolean {
  let seen = seenDiagnostics.get(out)
  if (!seen) seenDiagnostics.set(out, (seen = new Set()))
  const key = `${code}\u0000${file}\u0000${at.start}\u0000${at.end}`
  if (seen.has(key)) return true
  seen.add(key)
  return false
}

/** The first line of a span (a whole mapping would fill the code frame). */
function headSpan(at: Span, text: string): Span {
  const nl = text.indexOf('\n', at.start)
  if (nl < 0 || nl >= at.end) return at
  return { start: at.start, end: Math.max(at.start, text[nl - 1] === '\r' ? nl - 1 : nl) }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return `${typeof value} ${JSON.stringify(value)}`
}

function wrongTypeMessage(
  issue: { code: string; message: string; expected?: unknown },
  value: unknown,
): string {
  const got = describeValue(value)
  if (issue.code === 'invalid_type')
    return `expected ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}, got ${got}`
  return `${issue.message.replace(/^Invalid input: /, '')} (got ${got})`
}

/** YAML messages quote the masked text of seed-dialect calls (`"_____"`): show the call as written. */
function unmask(message: string, scan: ReturnType<typeof scanSeedDialect>): string {
  if (!message.includes('___')) return message
  let out = message
  for (const v of scan.values.values()) {
    const mask = '_'.repeat(v.end - v.start)
    if (out.includes(mask)) out = out.replace(mask, v.text)
  }
  return out
}
