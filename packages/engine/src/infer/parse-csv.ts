import { INFER_LIMITS } from './limits.ts'
import type { SampleRecord } from './parse-samples.ts'
import type { SampleProblems } from './sample-problems.ts'

/**
 * Reads CSV (RFC 4180: quoted cells, doubled quotes, CRLF) with a header row into records.
 * Dotted headers nest (`data.plan` -> `{data: {plan}}`, as `autosource generate --format csv`
 * writes them); cells become numbers, booleans, null (empty) or JSON (a cell that is a JSON
 * object or list) where they read as one, else stay strings.
 */
export function parseCsvSamples(text: string, problems: SampleProblems): SampleRecord[] {
  const rows = readRows(text, problems)
  const header = rows.shift()
  if (!header) return []
  const columns = header.cells.map((c) => c.trim())
  const records: SampleRecord[] = []
  for (const row of rows) {
    if (row.cells.every((c) => c.trim() === '')) continue
    if (records.length >= INFER_LIMITS.maxRecords) {
      problems.add(
        'warning',
        'infer/limit',
        `only the first ${INFER_LIMITS.maxRecords} records were read`,
        row.start,
      )
      break
    }
    if (row.cells.length !== columns.length) {
      const message = `line ${row.line}: ${row.cells.length} cells, but the header has ${columns.length} columns`
      problems.add('error', 'infer/csv', message, row.start)
      continue
    }
    const value: Record<string, unknown> = Object.create(null)
    columns.forEach((column, i) => {
      setPath(value, column, cellValue(row.cells[i]))
    })
    records.push({ value, line: row.line })
  }
  return records
}

interface Row {
  cells: string[]
  line: number
  start: number
}

function readRows(text: string, problems: SampleProblems): Row[] {
  const rows: Row[] = []
  let cells: string[] = []
  let cell = ''
  let line = 1
  let rowLine = 1
  let rowStart = 0
  let quoted = false
  let i = 0
  const endRow = (): void => {
    cells.push(cell)
    rows.push({ cells, line: rowLine, start: rowStart })
    cells = []
    cell = ''
  }
  for (; i < text.length; i++) {
    const c = text[i]
    if (i - rowStart > INFER_LIMITS.maxLineChars) {
      problems.add(
        'error',
        'infer/limit',
        `line ${rowLine}: the row is longer than ${INFER_LIMITS.maxLineChars} characters`,
        rowStart,
      )
      return rows
    }
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else {
        if (c === '\n') line++
        cell += c
      }
      continue
    }
    if (c === '"' && cell === '') quoted = true
    else if (c === ',') {
      cells.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      endRow()
      line++
      rowLine = line
      rowStart = i + 1
    } else cell += c
  }
  if (quoted) {
    problems.add('error', 'infer/csv', `line ${rowLine}: a quoted cell is never closed`, rowStart)
    return rows
  }
  if (cell !== '' || cells.length > 0) endRow()
  return rows
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

/** What a CSV cell most likely held before it was written as text. */
function cellValue(text: string): unknown {
  if (text === '') return null
  if (text === 'true') return true
  if (text === 'false') return false
  if (NUMBER.test(text) && text.length < 20) return Number(text)
  if ((text.startsWith('{') && text.endsWith('}')) || (text.startsWith('[') && text.endsWith(']'))) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}

/** Sets a dotted column in a null-prototype tree; a column that clashes with a value stays whole. */
function setPath(root: Record<string, unknown>, column: string, value: unknown): void {
  const parts = column.split('.')
  let node = root
  for (let i = 0; i < parts.length - 1; i++) {
    const next = node[parts[i]]
    if (next === undefined) {
      const child: Record<string, unknown> = Object.create(null)
      Object.defineProperty(node, parts[i], {
        value: child,
        enumerable: true,
        writable: true,
        configurable: true,
      })
      node = child
    } else if (next !== null && typeof next === 'object' && !Array.isArray(next)) {
      node = next as Record<string, unknown>
    } else {
      define(root, column, value)
      return
    }
  }
  define(node, parts[parts.length - 1], value)
}

function define(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true })
}
