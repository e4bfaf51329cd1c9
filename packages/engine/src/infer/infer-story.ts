import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { hasErrors, warning } from '../diagnostics/diagnostic.ts'
import { describeField } from './describe-field.ts'
import { type EventGroup, type Grouping, groupEvents } from './group-events.ts'
import { inferSchedule } from './infer-schedule.ts'
import { INFER_LIMITS } from './limits.ts'
import { formatOfFileName, parseSamples, type SampleFormat, type SampleRecord } from './parse-samples.ts'
import { findRelations } from './relations.ts'
import { commentText, renderEntries, yamlQuote } from './render-yaml.ts'

/** One sample file: its name (for diagnostics and the format's guess) and its text. */
export interface SampleText {
  file: string
  text: string
}

/** Options of `inferStory`. */
export interface InferOptions {
  /** Name of the samples when they are one text (a file name), for diagnostics and the story's header. */
  file?: string
  /** The samples' format; by default guessed from each file name, then from the text. */
  format?: SampleFormat
  /** The story's seed (default 1). */
  seed?: number
}

/** What `inferStory` made: the story text (empty when the samples could not be read) and the problems. */
export interface InferResult {
  text: string
  diagnostics: Diagnostic[]
  format: SampleFormat
  /** Sample count per event type, in the story's order. */
  types: { event: string; count: number }[]
}

/**
 * Bootstraps a story from sample events (NDJSON, a JSON array or CSV): one definition per event
 * type with its cadence, and per field a generator for values like the samples' (formats, enums
 * with observed weights, fitted distributions, nulls, nested objects and lists, id relations),
 * each with a comment saying what was inferred and how sure it is. Deterministic: the same
 * samples give the same text. A sample that cannot be read is an error naming its line.
 */
export function inferStory(samples: string | readonly SampleText[], options: InferOptions = {}): InferResult {
  const inputs = typeof samples === 'string' ? [{ file: options.file ?? 'samples', text: samples }] : samples
  const file = inputs.map((i) => i.file).join(', ') || 'samples'
  const diagnostics: Diagnostic[] = []
  const records: SampleRecord[] = []
  let format: SampleFormat = options.format ?? 'ndjson'
  for (const input of inputs) {
    const parsed = parseSamples(input.text, input.file, options.format ?? formatOfFileName(input.file))
    format = parsed.format
    diagnostics.push(...parsed.diagnostics)
    for (const r of parsed.records) if (records.length < INFER_LIMITS.maxRecords) records.push(r)
  }
  if (records.length === 0 || hasErrors(diagnostics)) return { text: '', diagnostics, format, types: [] }
  const grouping = groupEvents(records)
  // CSV has one column set for every type: a column that is empty for a whole type is not its field.
  if (format === 'csv') for (const g of grouping.groups) dropAllNull(g)
  addGroupingWarnings(grouping, file, diagnostics)
  const text = renderStory(grouping, file, options.seed ?? 1)
  return {
    text,
    diagnostics,
    format,
    types: grouping.groups.map((g) => ({ event: g.event, count: g.count })),
  }
}

function addGroupingWarnings(grouping: Grouping, file: string, out: Diagnostic[]): void {
  const at = { start: 0, end: 0 }
  if (grouping.shape.kind === 'records' && grouping.shape.timeField === undefined)
    out.push(
      warning(
        'infer/no-timestamp',
        'no field holds a time in most samples: events are spaced a minute apart',
        file,
        at,
      ),
    )
  if (grouping.droppedTypes > 0)
    out.push(
      warning(
        'infer/limit',
        `more than ${INFER_LIMITS.maxTypes} event types: ${grouping.droppedTypes} samples of further types were left out`,
        file,
        at,
      ),
    )
  for (const g of grouping.groups)
    if (g.budget.overflowed)
      out.push(
        warning(
          'infer/limit',
          `\`${g.event}\` has more than ${INFER_LIMITS.maxFields} fields: the rest were left out`,
          file,
          at,
        ),
      )
}

function dropAllNull(group: EventGroup): void {
  for (const [key, child] of group.root.fields)
    if (child.present === child.nulls) group.root.fields.delete(key)
}

/** Identifier-safe, unique definition ids from event types. */
function definitionIds(groups: readonly EventGroup[]): string[] {
  const used = new Set<string>()
  return groups.map((g) => {
    let base =
      g.event
        .replace(/[^A-Za-z0-9_]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .slice(0, 60) || 'event'
    if (/^[0-9]/.test(base)) base = `e_${base}`
    let id = base
    for (let i = 2; used.has(id); i++) id = `${base}_${i}`
    used.add(id)
    return id
  })
}

/** The zone: UTC, or a fixed `Etc/GMT` zone when every timestamp had the same whole-hour offset. */
function zoneOf(offsets: Map<number, number>): { name: string; minutes: number } {
  if (offsets.size !== 1) return { name: 'UTC', minutes: 0 }
  const [minutes] = [...offsets.keys()]
  if (minutes === 0 || minutes % 60 !== 0 || Math.abs(minutes) > 12 * 60) return { name: 'UTC', minutes: 0 }
  const hours = minutes / 60
  // IANA's Etc zones have inverted signs: Etc/GMT+5 is UTC-05:00.
  return { name: `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`, minutes }
}

function localText(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16)
}

function renderStory(grouping: Grouping, file: string, seed: number): string {
  const { groups } = grouping
  const zone = zoneOf(grouping.offsets)
  const allTimes = groups.flatMap((g) =>
    g.times.length > 0 ? [g.times[0], g.times[g.times.length - 1]] : [],
  )
  const first = allTimes.length > 0 ? Math.min(...allTimes) : Date.UTC(2025, 0, 1)
  const last = allTimes.length > 0 ? Math.max(...allTimes) : first
  // Whole minutes in the story's zone: the start floored, the end rounded up past the last sample.
  const startMs = Math.floor((first + zone.minutes * 60_000) / 60_000) * 60_000 - zone.minutes * 60_000
  const untilMs = Math.ceil((last + 1 + zone.minutes * 60_000) / 60_000) * 60_000 - zone.minutes * 60_000
  const until = localText(untilMs, zone.minutes)
  const ids = definitionIds(groups)
  const order = groups
    .map((_g, i) => i)
    .sort((a, b) => (groups[a].times[0] ?? 0) - (groups[b].times[0] ?? 0) || a - b)
  const relations = findRelations(order.map((i) => ({ id: ids[i], root: groups[i].root })))
  const total = groups.reduce((s, g) => s + g.count, 0)
  const out = [
    `# Inferred by autosource infer from ${total} samples (${groups.length} event type${groups.length === 1 ? '' : 's'}) in ${commentText(file)}.`,
    '# Each field says what was inferred and how sure it is ("sure", "likely" or "a guess"): check',
    '# the guesses, then: autosource validate FILE && autosource generate FILE --limit 10',
    `name: ${yamlQuote(`Inferred from ${file}`.slice(0, 200))}`,
    `org_id: ${yamlQuote(grouping.orgId ?? 'inferred')}`,
    `start_date: ${localText(startMs, zone.minutes)}`,
    `end_date: ${until.slice(0, 10)}`,
    `timezone: ${zone.name}`,
    `seed: ${seed}`,
    '',
    'events:',
  ]
  for (const i of order) {
    const g = groups[i]
    const schedule = inferSchedule(g.times, g.count, startMs, untilMs, until)
    out.push(`  - id: ${ids[i]}`, `    source: ${yamlQuote(g.source)}`, `    event: ${yamlQuote(g.event)}`)
    out.push(`    # ${commentText(schedule.note)} (first sample on line ${g.firstLine})`)
    for (const [key, value] of schedule.lines) out.push(`    ${key}: ${value}`)
    const typeRelations = relations.get(ids[i]) ?? new Map()
    const data = describeField(g.root, g.count, '', [], {
      relationFor: (path) => typeRelations.get(path.join('.')),
      window: allTimes.length > 0 ? { first, last } : undefined,
    })
    if (data.kind === 'map' && data.entries.length > 0) {
      out.push('    data:')
      renderEntries(data.entries, '      ', out)
    } else out.push('    data: {}')
  }
  return `${out.join('\n')}\n`
}
