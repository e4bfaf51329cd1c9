import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { scanJson } from './json-scan.ts'
import { INFER_LIMITS } from './limits.ts'
import { parseCsvSamples } from './parse-csv.ts'
import { lineAt, SampleProblems } from './sample-problems.ts'

/** The sample formats `inferStory` reads. */
export type SampleFormat = 'ndjson' | 'json' | 'csv'

/** One sample record and the line it starts on (1-based). */
export interface SampleRecord {
  value: Record<string, unknown>
  line: number
}

/** Records read from sample text, and the problems met (each with its line). */
export interface ParsedSamples {
  format: SampleFormat
  records: SampleRecord[]
  diagnostics: Diagnostic[]
}

/** The format a file name implies, if any. */
export function formatOfFileName(name: string): SampleFormat | undefined {
  if (/\.(ndjson|jsonl)$/i.test(name)) return 'ndjson'
  if (/\.json$/i.test(name)) return 'json'
  if (/\.csv$/i.test(name)) return 'csv'
  return undefined
}

/** Guesses the format from the first character: `[` a JSON array, `{` NDJSON, else CSV. */
export function sniffFormat(text: string): SampleFormat {
  const first = /\S/.exec(text.slice(0, 4096))?.[0]
  return first === '[' ? 'json' : first === '{' || first === undefined ? 'ndjson' : 'csv'
}

/** Reads sample text as NDJSON, a JSON array or CSV (with a header row); bounded by INFER_LIMITS. */
export function parseSamples(
  text: string,
  file: string,
  format: SampleFormat = sniffFormat(text),
): ParsedSamples {
  const problems = new SampleProblems(file, text)
  if (text.length > INFER_LIMITS.maxBytes) {
    problems.add('error', 'infer/limit', `the samples are larger than ${INFER_LIMITS.maxBytes} characters`, 0)
    return { format, records: [], diagnostics: problems.finish() }
  }
  let records: SampleRecord[]
  if (format === 'csv') records = parseCsvSamples(text, problems)
  else if (format === 'json') records = parseJsonArray(text, problems)
  else if (looksLikeOneDocument(text)) {
    // A pretty-printed object or array saved as .ndjson: read it whole.
    records = parseJsonArray(text, problems)
    format = 'json'
  } else records = parseNdjson(text, problems)
  if (records.length === 0 && !problems.list.some((d) => d.severity === 'error'))
    problems.add('error', 'infer/empty', 'the samples hold no records', 0)
  return { format, records, diagnostics: problems.finish() }
}

/** True when the first line alone is not JSON but starts a multi-line document. */
function looksLikeOneDocument(text: string): boolean {
  const nl = text.indexOf('\n')
  const first = (nl < 0 ? text : text.slice(0, nl)).trim()
  return first === '{' || first === '['
}

function parseNdjson(text: string, problems: SampleProblems): SampleRecord[] {
  const records: SampleRecord[] = []
  let line = 0
  let skipped = 0
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start)
    const end = nl < 0 ? text.length : nl
    line++
    const from = start
    start = end + 1
    if (text.slice(from, end).trim() === '') continue
    if (records.length >= INFER_LIMITS.maxRecords) {
      skipped++
      continue
    }
    if (end - from > INFER_LIMITS.maxLineChars) {
      const size = `${end - from} characters, more than ${INFER_LIMITS.maxLineChars}`
      problems.add('error', 'infer/limit', `line ${line}: the record is too long (${size})`, from, end)
      continue
    }
    const value = parseOne(text, from, end, line, problems)
    if (value !== undefined) records.push({ value, line })
  }
  if (skipped > 0) skippedWarning(problems, skipped)
  return records
}

function parseJsonArray(text: string, problems: SampleProblems): SampleRecord[] {
  const scan = scanJson(text, INFER_LIMITS.maxParseDepth)
  if (scan.tooDeepAt >= 0) {
    const line = lineAt(text, scan.tooDeepAt)
    problems.add(
      'error',
      'infer/limit',
      `line ${line}: nested deeper than ${INFER_LIMITS.maxParseDepth} levels`,
      scan.tooDeepAt,
    )
    return []
  }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    const at = jsonErrorOffset(e, -1) >= 0 ? jsonErrorOffset(e, 0) : brokenElement(text, scan.elementStarts)
    problems.add('error', 'infer/syntax', `line ${lineAt(text, at)}: not valid JSON (${jsonMessage(e)})`, at)
    return []
  }
  const items = Array.isArray(doc) ? doc : [doc]
  const starts = Array.isArray(doc) ? scan.elementStarts : [/\S/.exec(text)?.index ?? 0]
  const records: SampleRecord[] = []
  let lineCursor = { offset: 0, line: 1 }
  for (let i = 0; i < items.length; i++) {
    if (records.length >= INFER_LIMITS.maxRecords) {
      skippedWarning(problems, items.length - i)
      break
    }
    const at = starts[i] ?? 0
    lineCursor = advanceLine(text, lineCursor, at)
    const item = items[i]
    if (!isRecord(item)) {
      problems.add(
        'error',
        'infer/not-object',
        `line ${lineCursor.line}: record ${i + 1} is not a JSON object`,
        at,
      )
      continue
    }
    records.push({ value: item, line: lineCursor.line })
  }
  return records
}

/** Parses one NDJSON line into an object, or reports why it cannot. */
function parseOne(
  text: string,
  from: number,
  end: number,
  line: number,
  problems: SampleProblems,
): Record<string, unknown> | undefined {
  const scan = scanJson(text, INFER_LIMITS.maxParseDepth, from, end)
  if (scan.tooDeepAt >= 0) {
    const message = `line ${line}: nested deeper than ${INFER_LIMITS.maxParseDepth} levels`
    problems.add('error', 'infer/limit', message, scan.tooDeepAt)
    return undefined
  }
  let value: unknown
  try {
    value = JSON.parse(text.slice(from, end))
  } catch (e) {
    const at = from + Math.min(jsonErrorOffset(e, end - from), end - from)
    problems.add('error', 'infer/syntax', `line ${line}: not valid JSON (${jsonMessage(e)})`, at, end)
    return undefined
  }
  if (!isRecord(value)) {
    problems.add('error', 'infer/not-object', `line ${line}: the record is not a JSON object`, from, end)
    return undefined
  }
  return value
}

function skippedWarning(problems: SampleProblems, skipped: number): void {
  const message = `only the first ${INFER_LIMITS.maxRecords} records were read; ${skipped} more were skipped`
  problems.add('warning', 'infer/limit', message, 0)
}

function advanceLine(
  text: string,
  from: { offset: number; line: number },
  to: number,
): { offset: number; line: number } {
  let line = from.line
  for (let i = text.indexOf('\n', from.offset); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) line++
  return { offset: to, line }
}

/**
 * Where a JSON array that does not parse goes wrong, when the parser's message has no position:
 * the first element that does not parse on its own (else the end).
 */
function brokenElement(text: string, starts: readonly number[]): number {
  const close = text.lastIndexOf(']')
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1] : close < starts[i] ? text.length : close
    const element = text.slice(starts[i], end).trim().replace(/,$/, '')
    try {
      JSON.parse(element)
    } catch {
      return starts[i]
    }
  }
  return text.length
}

/** The offset V8 (or another engine) names in a JSON.parse error, else the end. */
function jsonErrorOffset(e: unknown, fallback: number): number {
  const m = /position (\d+)/.exec(String((e as Error)?.message))
  return m ? Number(m[1]) : fallback
}

/** The parser's message, short and on one line. */
function jsonMessage(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .replace(/\s+/g, ' ')
    .slice(0, 120)
}

/** True for a plain JSON object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}
