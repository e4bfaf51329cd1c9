/**
 * Every diagnostic code the engine emits, with a one-line meaning. Codes are stable strings:
 * tools may match on them. Each one is explained, with a fix, in `docs/diagnostics.md`
 * (codes.test.ts fails when a code is missing there, or used in the engine but missing here).
 */
export const DIAGNOSTIC_CODES = {
  // YAML and limits
  'yaml/syntax': 'The file is not valid YAML.',
  'yaml/duplicate-key': 'A mapping has the same key twice.',
  'yaml/unclosed-call': 'A seed-dialect call value (`name(`...) never reaches its closing `)`.',
  'yaml/unquoted-call':
    'An unquoted call inside a flow-style `{...}` or `[...]` was split at its commas by YAML.',
  'limit/file-size': 'The story file is larger than the loader accepts.',
  'limit/alias-count': 'Too many YAML alias expansions (an "alias bomb").',
  'limit/depth': 'Values are nested deeper than the loader accepts.',
  'limit/expression-length': 'An expression is longer than the parser accepts.',
  'limit/events': 'A definition would produce more occurrences than allowed.',
  // Story shape
  'story/not-a-map': 'The story (or an event definition) must be a YAML mapping.',
  'story/unknown-key': 'A key that the story format does not have (often a typo).',
  'story/missing-key': 'A required key is missing.',
  'story/wrong-type': 'A value has the wrong type.',
  'story/placeholder':
    'A value is a type placeholder from the format reference (e.g. `string`, `date`), not a real value.',
  'story/literal-expression':
    'A `data` string is a literal that reads like an expression over sibling fields (reported by the studio).',
  'story/invalid-date': 'A date or date-time is not valid.',
  'story/end-before-start': '`end_date` is before `start_date`.',
  'story/invalid-timezone': 'The time zone is not a known IANA name.',
  'story/invalid-repeat': '`repeat` must be a positive integer.',
  'story/unknown-frequency': '`frequency` is not one of minutely, hourly, daily, weekly, monthly.',
  'story/frequency-and-every': '`frequency` and `every` cannot both be set.',
  'story/invalid-probability': '`probability` must be a number in [0, 1].',
  'story/empty-events': '`events` must list at least one event.',
  'story/duplicate-id': 'Two event definitions have the same id.',
  'story/unknown-after': '`after` names an event id that does not exist.',
  'story/after-cycle': '`after` chains form a cycle.',
  'story/unknown-template': '`use` names a template that does not exist.',
  'story/include-missing': 'An included file cannot be found.',
  'story/include-cycle': 'Files include each other in a cycle.',
  'story/include-error': 'An included file has errors (each is reported in that file, too).',
  'story/template-cycle': 'Templates `use` each other in a cycle.',
  'story/fragment': 'The file is a data fragment (only `data:`), not a story: nothing to generate (info).',
  'story/invalid-locale': 'The faker locale is not available.',
  'story/jitter-exceeds-step': '`jitter` is larger than the repeat step; it is clamped to the step.',
  // Hostile input (issue 14): limits in bytes or steps, see docs/security.md
  'limit/include-file':
    'An included path is not a regular `.yaml`/`.yml` file, or is larger than the loader accepts.',
  'limit/diagnostics': 'So many problems were found that the rest are left out (fix these first).',
  'limit/history':
    'The history kept for `ref`/`prev`/`lookup` grew past its byte budget; the oldest entries were dropped.',
  'limit/funnel-depth': 'A funnel (`after:` chain) is deeper than the engine accepts.',
  'limit/budget': 'A check or run took longer (or grew larger) than its budget and was stopped.',
  'story/include-in-link':
    'A story opened from a share link may not use `include:` (a link carries only its own text).',
  'runtime/not-finite': 'Arithmetic produced NaN or Infinity during generation; the field became null.',
  'runtime/number-range':
    'A number is outside the range that is exact in JSON (beyond 2^53); the field became null.',
  'schedule/not-finite':
    'An `every`, `offset` or `delay` is NaN, Infinity or far outside the story range; those occurrences are skipped.',
  'internal/error': 'A bug in the engine, reported instead of crashing; please report it with the story.',
  // Schemas
  'schema/invalid': 'A `schemas:` entry is malformed.',
  'schema/violation': 'Generated events do not match the declared schema.',
  // Expressions
  'expr/syntax': 'An expression or template cannot be parsed.',
  'expr/too-complex': 'An expression nests deeper than the parser accepts.',
  'expr/unknown-function': 'A call names a function that does not exist (often a typo).',
  'expr/unknown-faker':
    'A `faker.<path>()` generator that faker-js does not have (or `faker` used without a call).',
  'expr/arguments': 'A function gets the wrong number, names or types of arguments.',
  'expr/unknown-name': 'A bare name is neither a sibling data field nor a context value.',
  'expr/cycle': 'Data fields read each other in a cycle.',
  'expr/unknown-ref': '`ref()`/`lookup()` names an event id that does not exist.',
  'expr/unknown-ref-field': '`ref()`/`lookup()` names a field the referenced event does not have.',
  'expr/unknown-prev-field': '`prev.x` names a field this event does not have.',
  'expr/negative-weight': 'A `weighted()` weight is negative.',
  'expr/unsafe':
    'An expression reaches for something that is not data (constructor, prototype, globals, method calls).',
  'runtime/type-error': 'An operation got values of the wrong type during generation; the field became null.',
  'runtime/division-by-zero': 'A division or modulo by zero during generation; the field became null.',
  'runtime/no-case': '`switch()` found no matching case and no default; the field became null.',
  'ref/later-target':
    'A same-index `ref()` would read an occurrence that happens later in time; the latest earlier one is used.',
  'runtime/no-ref': '`ref()`/`lookup()` found no occurrence to read; the value is null.',
  'runtime/limit':
    'A value grew past the size limits (text, list size or nesting) during generation; the field became null.',
  'runtime/faker-error': 'A faker generator rejected its arguments during generation; the field became null.',
  // Schedule
  'schedule/non-positive-every': '`every` must be a positive duration.',
  'schedule/negative-delay':
    "A funnel step (`after`) has a negative `delay`; it is placed at its parent's time.",
  'schedule/out-of-order':
    'Occurrences of one definition would go back in time (an offset that varies more than the step, or jitter larger than a short DST day); they are held at the previous time.',
  'schedule/out-of-range':
    'Occurrence times run past the representable range (about 270 000 years); the schedule stops there.',
  // Faults (SPEC section 10)
  'fault/unknown-field':
    'A `faults:` field path is not under `data.`, or names a field no event definition has.',
  'fault/delay-cap': '`late_by` or `duplicate_after` is longer than the 7-day cap; it was cut to 7 days.',
  'fault/not-a-duration': '`late_by` or `duplicate_after` did not give a duration; zero was used.',
  'fault/held-limit':
    'Too many late events and duplicate copies were waiting at once; further ones were not injected.',
  // Rates (SPEC section 8)
  'rate/syntax': '`rate` is not a count per unit such as `240/day` (or the unit is unknown).',
  'rate/negative': 'A rate is negative.',
  'rate/conflict':
    '`rate` is combined with `repeat`, `frequency`, `every`, `after`, `offset`, `offset_days` or `jitter`.',
  'rate/without-rate': '`pattern`, `growth`, `bursts` or `until` is set without a `rate`.',
  'rate/pattern-length':
    'A `pattern` list has the wrong number of weights (24 hours, 7 weekdays, 12 months).',
  'rate/negative-weight': 'A `pattern` weight is negative or not a number.',
  'rate/all-zero': 'Every weight of a `pattern` list is 0.',
  'rate/unknown-profile': '`pattern.hours` names a profile that does not exist.',
  'rate/growth': '`growth` is not a percentage per unit such as `10%/month`, or is -100% or less.',
  'rate/burst': 'A `bursts` entry lacks a valid `at`, `for` or `x`.',
  'rate/burst-outside':
    "A burst window lies entirely outside the rate's window (a warning: it has no effect).",
  'rate/no-end': 'A rate has neither `until` nor a story `end_date`.',
  'rate/until-before-start': "A rate's `until` is before the story's start.",
  // Scale (SPEC section 13)
  'scale/not-shardable':
    'The story has a construct (named in the message) that `--shard` cannot split into parts that merge back into the whole run.',
  // Actors (SPEC section 9)
  'actor/invalid-name': 'An actor type is not a plain identifier, or has a name expressions reserve.',
  'actor/population': 'An actor type needs exactly one of `count` and `arrivals`.',
  'actor/popularity': '`popularity` is `zipf(s)` with a bad exponent.',
  'actor/unknown-state': '`start`, a `next` target or an `on:` names a state the lifecycle does not have.',
  'actor/unreachable-state': 'A state cannot be reached from `start` (a warning).',
  'actor/negative-weight': 'A `next` weight is negative or not a number (as written, or as evaluated).',
  'actor/zero-time-loop':
    'States without `after` lead only to each other: an actor would loop forever at one instant.',
  'actor/unknown': '`on:` or `pick()` names an actor type that is not declared.',
  'actor/on-syntax': '`on` is not `<actor>.<state>`.',
  'actor/on-conflict':
    '`on` is combined with a key that schedules occurrences (`repeat`, `rate`, `after`, ...).',
  'actor/unknown-attribute': '`<actor>.<name>` reads an attribute the actor type does not declare.',
  'actor/not-in-scope': 'An actor or `visit` is read where there is no current actor (use `pick(<actor>)`).',
  'limit/actors': 'Too many actors: `count`, expected arrivals, or actors alive at once.',
  'limit/actor-visits': 'An actor entered states more often than allowed; it stopped there.',
  // Inferring a story from sample events (`autosource infer`, the studio's "New from sample data")
  'infer/syntax': 'A sample line (or the whole JSON document) is not valid JSON.',
  'infer/not-object': 'A sample record is not a JSON object.',
  'infer/csv': 'A CSV row does not match the header, or a quoted cell is never closed.',
  'infer/empty': 'The samples hold no records.',
  'infer/limit': 'The samples pass a limit (size, line length, nesting, records, types or fields).',
  'infer/no-timestamp': 'No field holds a time in most samples, so the cadence could not be inferred.',
} as const satisfies Record<string, string>

/** Every code the engine emits: a typo in a code is a type error. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES

/** True when `code` is one of the engine's diagnostic codes. */
export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(DIAGNOSTIC_CODES, code)
}
