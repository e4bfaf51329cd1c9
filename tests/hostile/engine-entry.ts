/** Runs one engine case's entry point in this process and says what it saw (codes, text, events). */
import { join } from 'node:path'
import {
  checkStory,
  csvColumns,
  type Diagnostic,
  fileIncludeResolver,
  formatDiagnostic,
  loadStory,
  serializeChunks,
  serializeCsvChunks,
  streamStory,
} from '../../packages/engine/src/node/index.ts'
import { decodeShareLink } from '../../packages/engine/src/share/index.ts'
import { realEngineApi } from '../../packages/engine/src/worker/engine-api.ts'
import type { Entry, Observation, Text } from './types.ts'

/** The part of an observation the entry point gives (the child adds time, memory and prototypes). */
export type EntryResult = Pick<Observation, 'codes' | 'events' | 'increasing' | 'text'> & { output: string }

// Diagnostics and their code frames as the CLI prints them: what `lacks`/`noRawControl` search.
const MAX_TEXT = 4_000_000

/** The text of a Text (tables may build big inputs lazily). */
export function textOf(t: Text): string {
  return typeof t === 'function' ? t() : t
}

function summarize(diagnostics: readonly Diagnostic[], source: string): Pick<EntryResult, 'codes' | 'text'> {
  const codes = [...new Set(diagnostics.map((d) => d.code))]
  let text = ''
  for (const d of diagnostics.slice(0, 200)) {
    text += `${formatDiagnostic(d, d.file.endsWith('story.yaml') ? source : undefined)}\n`
    if (text.length > MAX_TEXT) break
  }
  return { codes, text }
}

/** Output chunks of a run, joined while under a cap (the events count and order are checked too). */
function collect(chunks: Iterable<string>): string {
  let out = ''
  for (const c of chunks) if (out.length < MAX_TEXT) out += c
  return out
}

function timesIncreasing(lines: string[]): boolean {
  let last = Number.NEGATIVE_INFINITY
  for (const line of lines) {
    const t = Date.parse((JSON.parse(line) as { timestamp: string }).timestamp)
    if (!(t > last)) return false
    last = t
  }
  return true
}

/** The entry with its inputs built (so that building a big input is not timed as the case). */
export function prepareEntry<E extends Exclude<Entry, { kind: 'cli' }>>(entry: E): E {
  if (entry.kind === 'decode') return { ...entry, link: textOf(entry.link) }
  return { ...entry, story: textOf((entry as { story: Text }).story) }
}

/** Runs the entry point with the temp dir `dir` as the story's home (includes resolve there). */
export function runEntry(entry: Exclude<Entry, { kind: 'cli' }>, dir: string): EntryResult {
  const file = join(dir, 'story.yaml')
  const resolveInclude = fileIncludeResolver(dir)
  if (entry.kind === 'decode') {
    const decoded = decodeShareLink(textOf(entry.link))
    if (!decoded.ok) return { codes: [decoded.error.code], text: decoded.error.message, output: '' }
    const checked = checkStory(decoded.payload.text, { file, fromLink: true })
    return { ...summarize(checked.diagnostics, decoded.payload.text), output: '' }
  }
  const story = textOf(entry.story)
  if (entry.kind === 'load') {
    const loaded = loadStory(story, { file, resolveInclude, fromLink: entry.fromLink })
    return {
      ...summarize(loaded.diagnostics, story),
      output: JSON.stringify(loaded.story?.events.length ?? 0),
    }
  }
  if (entry.kind === 'check') {
    const checked = checkStory(story, { file, resolveInclude, fromLink: entry.fromLink })
    return { ...summarize(checked.diagnostics, story), output: '' }
  }
  if (entry.kind === 'worker') {
    const api = realEngineApi()
    const checked = api.checkStory(story, { file })
    const exported = api.exportStory(story, { file, limit: entry.limit ?? 1000 }, entry.format ?? 'ndjson')
    const output = exported.failed ? '' : collect(exported.chunks(65_536))
    const all = [...checked.diagnostics, ...exported.diagnostics]
    return { ...summarize(all, story), output, events: exported.summary().total }
  }
  const run = streamStory(story, {
    file,
    resolveInclude,
    fromLink: entry.fromLink,
    limit: entry.limit ?? 1000,
  })
  const format = entry.format ?? 'ndjson'
  const output = run.failed
    ? ''
    : collect(
        format === 'csv'
          ? serializeCsvChunks(run, csvColumns(run.story!), 65_536)
          : serializeChunks(run, format, 65_536),
      )
  const lines = format === 'ndjson' ? output.split('\n').filter((l) => l.length > 0) : []
  return {
    ...summarize(run.diagnostics, story),
    output,
    events: run.summary().total,
    increasing: format === 'ndjson' ? timesIncreasing(lines) : undefined,
  }
}
