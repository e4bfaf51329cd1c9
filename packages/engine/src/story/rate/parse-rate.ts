import { type Diagnostic, type DocPath, error } from '../../diagnostics/diagnostic.ts'
import type { Span } from '../../diagnostics/span.ts'
import { Duration } from '../../schedule/duration.ts'
import { HOUR_PROFILES, normalise } from '../../schedule/rate/profiles.ts'
import {
  type BurstSpec,
  RATE_UNITS,
  type RateSpec,
  type RateUnit,
  UNIT_MS,
} from '../../schedule/rate/rate-spec.ts'
import { parseLocalDate } from '../dates.ts'
import { didYouMean } from '../did-you-mean.ts'

/** One key of an event definition as the loader found it (in the event or in its template). */
export interface RateField {
  value: unknown
  file: string
  path: DocPath
  /** Span of the value at `sub` below this key (the key's value itself when empty). */
  span(sub?: DocPath): Span
}

/** Keys a rate replaces or cannot be combined with. */
const CONFLICTS = ['repeat', 'frequency', 'every', 'after', 'offset', 'offset_days', 'jitter']
const RHYTHM = ['pattern', 'growth', 'bursts', 'until']
const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`
const RATE_RE = new RegExp(String.raw`^\s*(${NUMBER})\s*/\s*([A-Za-z]+)\s*$`)
const GROWTH_RE = new RegExp(String.raw`^\s*(${NUMBER})\s*%\s*/\s*([A-Za-z]+)\s*$`)
const DURATION_RE = /^\s*duration\((.*)\)\s*$/
const DURATION_PARTS = ['weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'] as const

/**
 * Parses `rate`, `pattern`, `growth`, `bursts` and `until` of one event definition into a
 * RateSpec, pushing a diagnostic with a span for every problem. Undefined when there is no
 * `rate` or it has errors. The story-level checks (window, limit) are `checkRates`.
 */
export function parseRate(
  field: (key: string) => RateField | undefined,
  out: Diagnostic[],
): RateSpec | undefined {
  const rate = field('rate')
  if (!rate) {
    for (const key of RHYTHM) {
      const f = field(key)
      if (f) push(out, f, [], 'rate/without-rate', `\`${key}\` needs a \`rate\``, 'Add e.g. `rate: 240/day`')
    }
    return undefined
  }
  const before = out.length
  for (const key of CONFLICTS) {
    const f = field(key)
    if (f)
      push(
        out,
        f,
        [],
        'rate/conflict',
        `\`${key}\` cannot be combined with \`rate\`: a rate makes its own occurrence times`,
        `Remove \`${key}\`, or remove \`rate\``,
      )
  }
  const parsed = parseRateText(rate, out)
  const pattern = field('pattern')
  const hours = weights(pattern, 'hours', 24, out, true)
  const weekdays = weights(pattern, 'weekdays', 7, out, false)
  const months = weights(pattern, 'months', 12, out, false)
  const growthPerMs = parseGrowth(field('growth'), out)
  const bursts = parseBursts(field('bursts'), out)
  const untilField = field('until')
  let until: RateSpec['until']
  if (untilField && typeof untilField.value === 'string') {
    until = parseLocalDate(untilField.value, true)
    if (!until)
      push(
        out,
        untilField,
        [],
        'story/invalid-date',
        `\`${untilField.value}\` is not a valid date`,
        'Write 2025-03-31 or 2025-03-31T18:00',
      )
  }
  if (out.length > before || parsed === undefined) return undefined
  return {
    perMs: parsed,
    text: String(rate.value),
    hours,
    weekdays,
    months,
    growthPerMs,
    bursts,
    until,
    untilSite: untilField && site(untilField, []),
    site: site(rate, []),
  }
}

function site(f: RateField, sub: DocPath): { file: string; span: Span; path: DocPath } {
  return { file: f.file, span: f.span(sub), path: [...f.path, ...sub] }
}

function push(
  out: Diagnostic[],
  f: RateField,
  sub: DocPath,
  code: string,
  message: string,
  hint?: string,
): void {
  out.push(error(code, message, f.file, f.span(sub), [...f.path, ...sub], hint))
}

/** A unit name, or a diagnostic with the closest unit. */
function unitOf(name: string, f: RateField, code: string, out: Diagnostic[]): RateUnit | undefined {
  const unit = name.toLowerCase()
  if ((RATE_UNITS as readonly string[]).includes(unit)) return unit as RateUnit
  const near = didYouMean(unit.replace(/s$/, ''), RATE_UNITS) ?? didYouMean(unit, RATE_UNITS)
  push(
    out,
    f,
    [],
    code,
    `Unknown unit \`${name}\``,
    near ? `Did you mean \`${near}\`?` : `Use one of ${RATE_UNITS.join(', ')}`,
  )
  return undefined
}

/** `240/day` -> occurrences per ms. */
function parseRateText(f: RateField, out: Diagnostic[]): number | undefined {
  const m = typeof f.value === 'string' ? RATE_RE.exec(f.value) : null
  if (!m) {
    push(
      out,
      f,
      [],
      'rate/syntax',
      `\`rate\` must be a count per unit, not ${JSON.stringify(f.value)}`,
      'e.g. `rate: 240/day`',
    )
    return undefined
  }
  const n = Number(m[1])
  const unit = unitOf(m[2], f, 'rate/syntax', out)
  if (!Number.isFinite(n)) {
    push(out, f, [], 'rate/syntax', `\`${m[1]}\` is not a finite number`)
    return undefined
  }
  if (n < 0) {
    push(out, f, [], 'rate/negative', `A rate cannot be negative (${f.value})`, 'Use 0 or more')
    return undefined
  }
  return unit === undefined ? undefined : n / UNIT_MS[unit]
}

/** One of `pattern.hours|weekdays|months`, normalised to mean 1 (all ones when absent). */
function weights(
  pattern: RateField | undefined,
  key: string,
  length: number,
  out: Diagnostic[],
  named: boolean,
): number[] {
  const flat = new Array<number>(length).fill(1)
  const raw =
    pattern && typeof pattern.value === 'object' && pattern.value !== null
      ? (pattern.value as Record<string, unknown>)[key]
      : undefined
  if (!pattern || raw === undefined) return flat
  const label = `\`pattern.${key}\``
  if (typeof raw === 'string' && named) {
    const profile = Object.hasOwn(HOUR_PROFILES, raw) ? HOUR_PROFILES[raw] : undefined
    if (profile) return normalise(profile)
    const near = didYouMean(raw, Object.keys(HOUR_PROFILES))
    push(
      out,
      pattern,
      [key],
      'rate/unknown-profile',
      `Unknown hour profile \`${raw}\``,
      near
        ? `Did you mean \`${near}\`?`
        : `Use one of ${Object.keys(HOUR_PROFILES).join(', ')}, or 24 weights`,
    )
    return flat
  }
  if (!Array.isArray(raw)) {
    push(
      out,
      pattern,
      [key],
      'rate/pattern-length',
      `${label} must be a list of ${length} weights${named ? ' or a profile name' : ''}`,
    )
    return flat
  }
  if (raw.length !== length) {
    push(
      out,
      pattern,
      [key],
      'rate/pattern-length',
      `${label} has ${raw.length} weights; it needs ${length}`,
      key === 'weekdays' ? 'Monday first' : key === 'hours' ? 'Hour 0 first' : 'January first',
    )
    return flat
  }
  let bad = false
  raw.forEach((w, i) => {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      push(
        out,
        pattern,
        [key, i],
        'rate/negative-weight',
        `Weight ${i} of ${label} must be a number 0 or more, not ${JSON.stringify(w)}`,
      )
      bad = true
    }
  })
  if (bad) return flat
  if (!(raw as number[]).some((w) => w > 0)) {
    push(out, pattern, [key], 'rate/all-zero', `Every weight of ${label} is 0: the rate would never fire`)
    return flat
  }
  return normalise(raw as number[])
}

/** `10%/month` -> natural-log growth per ms. */
function parseGrowth(f: RateField | undefined, out: Diagnostic[]): number {
  if (!f) return 0
  const m = typeof f.value === 'string' ? GROWTH_RE.exec(f.value) : null
  if (!m) {
    push(
      out,
      f,
      [],
      'rate/growth',
      `\`growth\` must be a percentage per unit, not ${JSON.stringify(f.value)}`,
      'e.g. `growth: 10%/month` or `-5%/week`',
    )
    return 0
  }
  const p = Number(m[1])
  const unit = unitOf(m[2], f, 'rate/growth', out)
  if (!(p > -100) || !Number.isFinite(p)) {
    push(out, f, [], 'rate/growth', `A growth of ${m[1]}% per ${m[2]} is out of range`, 'Use more than -100%')
    return 0
  }
  return unit === undefined ? 0 : Math.log1p(p / 100) / UNIT_MS[unit]
}

function parseBursts(f: RateField | undefined, out: Diagnostic[]): BurstSpec[] {
  if (!f || !Array.isArray(f.value)) return []
  const bursts: BurstSpec[] = []
  f.value.forEach((b: unknown, i) => {
    if (typeof b !== 'object' || b === null || Array.isArray(b)) {
      push(out, f, [i], 'rate/burst', 'A burst is `{ at, for, x }`')
      return
    }
    const r = b as Record<string, unknown>
    const at = typeof r.at === 'string' ? parseLocalDate(r.at) : undefined
    if (!at)
      push(
        out,
        f,
        r.at === undefined ? [i] : [i, 'at'],
        'rate/burst',
        `A burst needs \`at\`: a date or local date-time`,
        'e.g. `at: 2025-02-03T14:00`',
      )
    const length = burstLength(r.for)
    if (!length)
      push(
        out,
        f,
        r.for === undefined ? [i] : [i, 'for'],
        'rate/burst',
        'A burst needs `for`: a positive constant `duration(...)` or a number of seconds',
        'e.g. `for: duration(hours=2)`',
      )
    const x = r.x
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
      push(
        out,
        f,
        r.x === undefined ? [i] : [i, 'x'],
        'rate/burst',
        'A burst needs `x`: a multiplier 0 or more',
        'e.g. `x: 8`',
      )
    if (at && length && typeof x === 'number' && x >= 0 && Number.isFinite(x))
      bursts.push({ at, for: length, x, site: site(f, [i]) })
  })
  return bursts
}

/** A positive constant duration: `duration(hours=2, minutes=30)` or seconds. */
function burstLength(v: unknown): Duration | undefined {
  if (typeof v === 'number') return v > 0 && Number.isFinite(v) ? Duration.of({ seconds: v }) : undefined
  if (typeof v !== 'string') return undefined
  const m = DURATION_RE.exec(v)
  if (!m) return undefined
  const parts: Partial<Record<(typeof DURATION_PARTS)[number], number>> = {}
  for (const arg of m[1].split(',')) {
    const kv = /^\s*([a-z]+)\s*=\s*([0-9]+(?:\.[0-9]+)?)\s*$/.exec(arg)
    if (!kv || !(DURATION_PARTS as readonly string[]).includes(kv[1])) return undefined
    parts[kv[1] as (typeof DURATION_PARTS)[number]] = Number(kv[2])
  }
  const d = Duration.of(parts)
  return d.approxMs > 0 ? d : undefined
}
