import { Duration } from '../../schedule/duration.ts'
import { calendarParts, formatIso, strftime } from '../../schedule/zone.ts'
import { TIME_LIMITS } from '../limits.ts'
import { ExprRuntimeError, typeOf } from '../values.ts'
import { NUM, num, STR, TIME, timeArg } from './args.ts'
import type { Builtin, NumberRange } from './types.ts'

// A duration may not span more than a JS Date holds.
const MAX_MS = TIME_LIMITS.maxEpochMs
const span = (unitMs: number): NumberRange => ({ min: -MAX_MS / unitMs, max: MAX_MS / unitMs })
const DAY_RANGE = span(86_400_000)
const WEEK_RANGE = span(7 * 86_400_000)
const HOUR_RANGE = span(3_600_000)
const MINUTE_RANGE = span(60_000)
const SECOND_RANGE = span(1000)
const MS_RANGE = span(1)

const calendarHelper = (
  name: string,
  field: 'weekday' | 'hour' | 'day' | 'month' | 'year' | 'minute',
  doc: string,
): Builtin => ({
  name,
  signature: `${name}(t)`,
  summary: doc,
  params: [
    {
      name: 't',
      types: TIME,
      doc: "a timestamp (default: this occurrence's `timestamp`)",
      optional: true,
      default: 'timestamp',
    },
  ],
  returns: 'number',
  returnsDoc: 'an integer',
  random: false,
  examples: [{ expression: `${name}(timestamp)` }],
  impl: (c, [t], site) => calendarParts(timeArg(c, t, site.span).ms, c.scope.timezone)[field],
})

/** Times and durations: formatting, building, measuring. */
export const TIME_BUILTINS: Record<string, Builtin> = {
  datetime: {
    name: 'datetime',
    signature: 'datetime(format, t)',
    summary:
      "This occurrence's timestamp (or `t`), formatted: `iso` (default; ISO 8601 with the story zone's offset), `unix` (seconds, a number), `unix_ms` (milliseconds, a number), or a strftime pattern (`%Y-%m-%d %H:%M`).",
    params: [
      {
        name: 'format',
        types: STR,
        doc: '`iso`, `unix`, `unix_ms` or a strftime pattern',
        optional: true,
        default: "'iso'",
      },
      { name: 't', types: TIME, doc: 'the time to format', optional: true, default: 'timestamp' },
    ],
    returns: ['string', 'number'],
    returnsDoc: 'a string (a number for `unix` and `unix_ms`)',
    random: false,
    examples: [
      { expression: 'datetime()' },
      { expression: "datetime('%Y-%m-%d %H:%M')" },
      { expression: "datetime('unix')" },
      { expression: "datetime('%A', timestamp + duration(days=1))" },
    ],
    impl: (c, [format, t], site) => {
      const time = timeArg(c, t, site.span)
      const f = format === undefined ? 'iso' : format
      if (typeof f !== 'string')
        throw new ExprRuntimeError(
          'runtime/type-error',
          `datetime() format must be a string, not ${typeOf(f)}`,
          site.span,
        )
      if (f === 'iso') return formatIso(time.ms, c.scope.timezone)
      if (f === 'unix') return Math.floor(time.ms / 1000)
      if (f === 'unix_ms') return Math.floor(time.ms)
      return strftime(time.ms, c.scope.timezone, f)
    },
  },
  duration: {
    name: 'duration',
    signature: 'duration(days=, hours=, minutes=, seconds=, milliseconds=, weeks=)',
    summary:
      'A length of time. Days (and weeks) are calendar days in the story zone; the rest is absolute time. Written out as ISO 8601 (`PT1H30M`); adds to and subtracts from timestamps.',
    params: [
      { name: 'days', range: DAY_RANGE, types: NUM, doc: 'calendar days', optional: true, keywordOnly: true },
      { name: 'hours', range: HOUR_RANGE, types: NUM, doc: 'hours', optional: true, keywordOnly: true },
      { name: 'minutes', range: MINUTE_RANGE, types: NUM, doc: 'minutes', optional: true, keywordOnly: true },
      { name: 'seconds', range: SECOND_RANGE, types: NUM, doc: 'seconds', optional: true, keywordOnly: true },
      {
        name: 'milliseconds',
        range: MS_RANGE,
        types: NUM,
        doc: 'milliseconds',
        optional: true,
        keywordOnly: true,
      },
      {
        name: 'weeks',
        range: WEEK_RANGE,
        types: NUM,
        doc: 'weeks (7 calendar days)',
        optional: true,
        keywordOnly: true,
      },
    ],
    returns: 'duration',
    returnsDoc: 'a duration (ISO 8601 in the output)',
    random: false,
    examples: [
      { expression: 'duration(hours=1, minutes=30)' },
      { expression: 'duration(days=random(1, 7))' },
      { expression: '= timestamp + duration(days=1)' },
    ],
    impl: (_c, [days, hours, minutes, seconds, milliseconds, weeks], site) =>
      Duration.of({
        days: days === undefined ? 0 : num(days, 'days', site.span, DAY_RANGE),
        hours: hours === undefined ? 0 : num(hours, 'hours', site.span, HOUR_RANGE),
        minutes: minutes === undefined ? 0 : num(minutes, 'minutes', site.span, MINUTE_RANGE),
        seconds: seconds === undefined ? 0 : num(seconds, 'seconds', site.span, SECOND_RANGE),
        milliseconds: milliseconds === undefined ? 0 : num(milliseconds, 'milliseconds', site.span, MS_RANGE),
        weeks: weeks === undefined ? 0 : num(weeks, 'weeks', site.span, WEEK_RANGE),
      }),
  },
  seconds_between: {
    name: 'seconds_between',
    signature: 'seconds_between(start, end)',
    summary:
      'The seconds from `start` to `end` (negative when `end` is earlier), with millisecond precision: "time since the parent" is `seconds_between(ref(signup.timestamp), timestamp)`. Either may be an ISO 8601 string (what `prev.x` and `ref(e.x)` read of a time field). `end - start` is the same span as a duration.',
    params: [
      { name: 'start', types: TIME, doc: 'the earlier time' },
      { name: 'end', types: TIME, doc: 'the later time', optional: true, default: 'timestamp' },
    ],
    returns: 'number',
    returnsDoc: 'a number of seconds',
    random: false,
    examples: [
      { expression: 'seconds_between(timestamp - duration(hours=1), timestamp)' },
      { expression: "seconds_between('2024-12-31T23:59:30.000+00:00')" },
      {
        expression: 'seconds_between(ref(user.signup.timestamp), timestamp)',
        output: 'the seconds since the referenced signup occurred, e.g. `93784` (26 h 3 min 4 s)',
      },
    ],
    impl: (c, [start, end], site) => {
      const a = timeArg(c, start, site.span)
      const b = timeArg(c, end, site.span)
      return (b.ms - a.ms) / 1000
    },
  },
}

/** The calendar helpers (`weekday(t)` ... `year(t)`), in documentation order. */
export const CALENDAR_BUILTINS: Builtin[] = [
  calendarHelper(
    'weekday',
    'weekday',
    'The day of the week of a timestamp in the story zone: 0 = Monday ... 6 = Sunday.',
  ),
  calendarHelper('hour', 'hour', 'The hour (0-23) of a timestamp in the story zone.'),
  calendarHelper('minute', 'minute', 'The minute (0-59) of a timestamp in the story zone.'),
  calendarHelper('day', 'day', 'The day of the month (1-31) of a timestamp in the story zone.'),
  calendarHelper('month', 'month', 'The month (1-12) of a timestamp in the story zone.'),
  calendarHelper('year', 'year', 'The year of a timestamp in the story zone.'),
]
