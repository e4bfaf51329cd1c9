/**
 * Words for the faults of a record (issue 18): the short badge of the Events table and the
 * timeline, and the sentences of its tooltip and of the inspector's Fault section. Plain functions
 * of a FaultMark (the ground truth the worker sent), so the table, timeline and inspector agree.
 */
import type { FaultMark } from '@autosource/engine/worker'

type FaultNote = FaultMark['notes'][number]

/** Fault kinds in the order the summary and the legend list them. */
export const FAULT_KIND_ORDER = ['duplicate', 'late', 'corrupt', 'drop', 'nullify', 'drift'] as const

/** The summary's and legend's name of each kind. */
export const FAULT_KIND_LABEL: Readonly<Record<(typeof FAULT_KIND_ORDER)[number], string>> = {
  duplicate: 'Duplicates',
  late: 'Late',
  corrupt: 'Corrupt',
  drop: 'Dropped fields',
  nullify: 'Null fields',
  drift: 'Drifted',
}

/** A short duration: `850ms`, `42s`, `4m`, `4m 12s`, `3h 5m`, `2d 1h`. */
export function shortDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return s % 60 ? `${m}m ${s % 60}s` : `${m}m`
  const h = Math.floor(m / 60)
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`
  const d = Math.floor(h / 24)
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`
}

/** The badge of one fault: `dup`, `late +4m`, `corrupt`, `drop`, `null`, `drift`. */
export function faultBadge(note: FaultNote): string {
  switch (note.fault) {
    case 'duplicate':
      return 'dup'
    case 'late':
      return `late +${shortDuration(Number(note.late_by_ms)).split(' ')[0]}`
    case 'corrupt':
      return 'corrupt'
    case 'drop':
      return 'drop'
    case 'nullify':
      return 'null'
    case 'drift':
      return 'drift'
  }
}

/** One sentence of ground truth per fault, e.g. "Delivered 4m 12s late, at 2025-03-01T01:50:54.966+00:00". */
export function faultSentence(note: FaultNote): string {
  switch (note.fault) {
    case 'duplicate':
      return `Duplicate: a second delivery of this event (same id), ${shortDuration(Number(note.after_ms))} after the original, at ${String(note.delivered_at)}`
    case 'late':
      return `Delivered ${shortDuration(Number(note.late_by_ms))} late, at ${String(note.delivered_at)}`
    case 'corrupt':
      return `Corrupt: the exported line is cut short (${Math.round(Number(note.keep) * 100)}% of it kept)`
    case 'drop':
      return `${String(note.field)} is missing (dropped)`
    case 'nullify':
      return `${String(note.field)} is null (nullified)`
    case 'drift':
      return `Schema drift from ${String(note.from)}: ${driftChanges(note)}`
  }
}

/** "data.amount → data.amount_cents, data.x as string". */
export function driftChanges(note: FaultNote): string {
  const parts: string[] = []
  const rename = note.rename as Readonly<Record<string, string>> | undefined
  const type = note.type as Readonly<Record<string, string>> | undefined
  for (const from of Object.keys(rename ?? {})) parts.push(`${from} → ${rename![from]}`)
  for (const path of Object.keys(type ?? {})) parts.push(`${path} as ${type![path]}`)
  return parts.join(', ')
}

/** The tooltip of a faulty row or point: every fault's sentence, one per line. */
export function faultTooltip(mark: FaultMark): string {
  return mark.notes.map(faultSentence).join('\n')
}
