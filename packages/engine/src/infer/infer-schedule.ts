import { num } from './data-node.ts'

/** The schedule lines of an inferred definition (`key: value` pairs) and what was inferred. */
export interface InferredSchedule {
  lines: [string, string][]
  note: string
}

const UNITS: [string, number][] = [
  ['second', 1000],
  ['minute', 60_000],
  ['hour', 3_600_000],
  ['day', 86_400_000],
  ['week', 7 * 86_400_000],
]

/**
 * How often a type's samples came: evenly spaced samples become `repeat` + `every`; anything else
 * a Poisson `rate` over the story's span (`until` its end). `times` is ascending epoch ms;
 * `startMs`/`untilMs` bound the story; `count` is the type's sample count (with or without times).
 */
export function inferSchedule(
  times: readonly number[],
  count: number,
  startMs: number,
  untilMs: number,
  until: string,
): InferredSchedule {
  if (times.length === 0)
    return {
      lines: [
        ['repeat', String(count)],
        ['every', 'duration(minutes=1)'],
      ],
      note: `${count} samples without a time: one a minute`,
    }
  const offset = offsetLines(times[0] - startMs)
  if (times.length === 1) return { lines: offset, note: 'one sample: one event at its time' }
  const gaps: number[] = []
  for (let i = 1; i < times.length; i++) gaps.push(times[i] - times[i - 1])
  const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length
  const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length)
  if (mean >= 1000 && sd / mean < 0.05) {
    const seconds = Math.round(mean / 1000)
    return {
      lines: [...offset, ['repeat', String(times.length)], ['every', `duration(seconds=${seconds})`]],
      note: `${times.length} samples evenly spaced, every ${seconds} s (spread ${num((sd / mean) * 100)}% of the gap)`,
    }
  }
  const spanMs = Math.max(1000, untilMs - startMs)
  const perMs = times.length / spanMs
  const [unit, unitMs] =
    UNITS.find(([, ms]) => perMs * ms >= 1 && ms >= 60_000) ?? UNITS.find(([u]) => u === 'week') ?? UNITS[4]
  const rate = `${num(perMs * unitMs)}/${unit}`
  const cv = num(sd / mean)
  return {
    lines: [
      ['rate', rate],
      ['until', until],
    ],
    note: `${times.length} samples over ${spanText(spanMs)}: a Poisson rate of ${rate} (gaps vary, CV ${cv}; 1 is Poisson-like)`,
  }
}

/** `offset_days`/`offset` that put the first occurrence at the first sample. */
function offsetLines(ms: number): [string, string][] {
  const days = Math.floor(ms / 86_400_000)
  const seconds = Math.round((ms - days * 86_400_000) / 1000)
  const out: [string, string][] = []
  if (days > 0) out.push(['offset_days', String(days)])
  if (seconds > 0) out.push(['offset', `duration(seconds=${seconds})`])
  return out
}

function spanText(ms: number): string {
  if (ms >= 2 * 86_400_000) return `${num(ms / 86_400_000)} days`
  if (ms >= 2 * 3_600_000) return `${num(ms / 3_600_000)} hours`
  return `${num(ms / 60_000)} minutes`
}
