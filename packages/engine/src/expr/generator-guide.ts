import { Duration } from '../schedule/duration.ts'
import { ZonedTime } from '../schedule/zoned-time.ts'
import { BUILTINS, type Builtin } from './builtins.ts'
import { CONTEXT_NAMES } from './check.ts'
import { FAKER_MAX_COUNT, PYTHON_FAKER_NAMES } from './faker-bridge.ts'
import { renderFakerMethodTable } from './faker-docs.ts'
import { PARSE_LIMITS } from './limits.ts'
import { VALUE_LIMITS } from './values.ts'

/** Seed used for the example outputs in the guide. */
export const GUIDE_SEED = 42

/** Evaluates an expression for occurrence 0 of a one-field story, through the real engine (generate/run-test-story.ts). */
export type GuideSampler = (expression: string, seed: number) => unknown

function output(sample: GuideSampler, expression: string): string {
  const v = sample(expression, GUIDE_SEED)
  if (v instanceof ZonedTime || v instanceof Duration) return JSON.stringify(v.toJSON())
  return JSON.stringify(v)
}

function exampleRows(b: Builtin, sample: GuideSampler): string[] {
  return b.examples.map(
    (ex) => `| \`${ex.expression}\` | ${ex.output ?? `\`${output(sample, ex.expression)}\``} |`,
  )
}

function renderFunction(b: Builtin, sample: GuideSampler): string {
  const lines = [`### \`${b.signature}\``, '', b.summary, '']
  if (b.params.length) {
    lines.push('| argument | type | meaning |', '|---|---|---|')
    for (const p of b.params) {
      const type = p.types === 'any' ? 'any' : p.types.join(' or ')
      const flags = [
        p.optional ? `optional${p.default ? `, default \`${p.default}\`` : ''}` : '',
        p.keywordOnly ? 'keyword only' : '',
        p.rest ? 'any number' : '',
      ].filter(Boolean)
      lines.push(`| \`${p.name}\` | ${type} | ${p.doc}${flags.length ? ` (${flags.join('; ')})` : ''} |`)
    }
    lines.push('')
  } else lines.push('No arguments.', '')
  lines.push(`**Returns** ${b.returnsDoc}.${b.random ? ' Draws from the seeded random stream.' : ''}`, '')
  lines.push('| example | output |', '|---|---|', ...exampleRows(b, sample), '')
  return lines.join('\n')
}

/**
 * Renders `docs/generators.md` (the seed's "Field Generator Guide") from the builtin registry
 * and the faker allow-list, with example outputs computed from the engine itself.
 */
export function renderGeneratorGuide(sample: GuideSampler): string {
  const fakerExamples = [
    'faker.name()',
    'faker.email()',
    'faker.company()',
    'faker.person.fullName()',
    'faker.internet.email()',
    'faker.location.city()',
    'faker.number.int(min=1, max=10)',
    "faker.helpers.arrayElement(['a', 'b'])",
  ]
  const out = [
    '# Field generator guide',
    '',
    '<!-- Generated from packages/engine/src/expr (builtins/, faker-allow-list.ts). Do not edit by hand:',
    '     regenerate with `UPDATE_DOCS=1 npx vitest run packages/engine/src/expr`. -->',
    '',
    "Every value under an event's `data:` is resolved once per occurrence. This guide lists what a",
    'value can be, every function, and what each returns. Example outputs below are real output of',
    `the engine (seed ${GUIDE_SEED}, occurrence 0 at 2025-01-01T00:00 UTC).`,
    '',
    '## Literal or expression?',
    '',
    'A value that is not a string (number, boolean, null, map, list) is a literal; maps and lists',
    'are resolved item by item. A string is read in this order:',
    '',
    '1. starts with a backslash `\\`: a **literal**, without the backslash (`\\uuid4()` gives the text `uuid4()`);',
    '2. starts with `=`: the rest is an **expression** (`= price * quantity`);',
    '3. starts with a call `name(` (`uuid4()`, `faker.person.fullName()`, a multi-line `switch(plan, {...})`): an **expression**;',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: this line documents the template syntax itself.
    '4. contains `${`: a **template**, each `${...}` holding an expression (`"Hello ${name}"`); write `$${` for a literal `${`;',
    '5. starts with `prev.`: an **expression** (`prev.count`);',
    '6. anything else is a **literal** string.',
    '',
    'Templates print values as text: null is empty, numbers as written, timestamps as ISO 8601 with',
    'the zone offset, durations as ISO 8601 (`PT1H`), maps and lists as JSON.',
    '',
    '## The expression language',
    '',
    '- Literals: numbers (`42`, `4.5`, `1e3`), strings in `\'single\'` or `"double"` quotes (escapes `\\n`, `\\t`, `\\u0041`),',
    "  `true`/`false`/`null` (also `True`/`False`/`None`), lists `[1, 2]`, maps `{'key': value, bare: value, 1: value}`.",
    '- Bare names: a **sibling field** of the same event (fields are resolved in dependency order, whatever',
    '  order they are written in; a cycle is an error), else a **context value**:',
    ...Object.entries(CONTEXT_NAMES)
      .filter(([n]) => !n.startsWith('$'))
      .map(
        ([n, t]) =>
          `  - \`${n}\` or \`$${n}\` (${t}): ${
            {
              timestamp:
                "this occurrence's time, in the story zone; `timestamp + duration(hours=1)` is a time",
              index: 'the occurrence number of this event definition, from 0',
              org_id: "the story's `org_id`",
              source: "the event's `source`",
              event: "the event's type",
            }[n]
          }`,
      ),
    '  A sibling field wins over a bare context name: in an event with a data field `event`, `event` is',
    '  that field. The `$` forms (`$timestamp`, `$index`, `$org_id`, `$source`, `$event`) are always the',
    '  context value, never a field, so a payload can copy them into fields of the same name:',
    '  `event: = $event`, `timestamp: = $timestamp` (`event: = event` would read itself: a cycle).',
    '  Only top-level fields are siblings.',
    "- Names are letters, digits, `_` and `$` (not first a digit), so payload keys such as PostHog's",
    '  `$set` and `$current_url` are names: `= $set.first_name`, `prev.$current_url`. In a template,',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: this line documents the template syntax itself.
    '  `${` always opens a hole (`"${$set.email}"`).',
    '- `prev.field`: the field in the previous occurrence of the same event definition; null on the first.',
    '- Times and durations: a field whose value is a time or a duration is written to the event as its',
    '  ISO 8601 string (`"2025-01-01T09:30:00.000-05:00"`, `"PT1H30M"`), also inside maps and lists. Sibling',
    '  fields of the same occurrence read the time itself (`expires: = created + duration(days=30)`).',
    '  `prev.x`, `ref(e.x)` and `lookup(e.x)` read what was written, so **a time read through them is its',
    '  ISO string**; time arithmetic and comparisons accept such a string where a time belongs:',
    '  `prev.created + duration(hours=1)` and `timestamp - prev.created` are time arithmetic, `timestamp >',
    '  prev.created` compares instants, and `seconds_between`, `datetime` and the calendar helpers take',
    '  either. (`+` between a string and anything but a duration still joins text.)',
    '- Envelope of a referenced occurrence: `ref(e.timestamp)`, `ref(e.id)` and `ref(e.index)` (and the',
    '  same with `lookup`) read the time (a time in the story zone), event `id` and occurrence index of',
    '  the occurrence `ref` finds, when `e` has no data field of that name (a data field wins). "Time since',
    '  the parent" is `seconds_between(ref(signup.timestamp), timestamp)`, or `timestamp -',
    '  ref(signup.timestamp)` as a duration.',
    '- Operators, loosest first: `c ? a : b`; `??` (null default); `or` `||`; `and` `&&`; `not`;',
    '  `==` `!=` `<` `<=` `>` `>=` `in`; `+` `-`; `*` `/` `%`; unary `-` `+` `!`; then `a.b`, `a[0]`, calls.',
    '  `+` adds numbers, joins text (a string and any other value), joins lists, and adds durations to',
    "  times. `and`/`or` return one of their operands (`x or 'default'`). Falsy: null, false, 0, ''.",
    '- `a.b` and `a[0]` read data only: own keys of maps, items of lists (negative counts from the end),',
    '  characters of strings. A missing key is null.',
    '- Calls take positional and keyword arguments: `duration(hours=1, minutes=30)`. Only the functions',
    '  below and `faker.<path>()` can be called; there are no methods on values.',
    '- Newlines are spaces, and `#` starts a comment to the end of the line.',
    '',
    'Problems found before generation (unknown function, faker path or name, wrong arguments, a cycle,',
    'a `ref` to a missing event or field, `prev.x` of a missing field, a negative weight) are all',
    "reported at once, each pointing at the exact characters. Problems during generation (`'a' * 2`,",
    'a division by zero, a `switch` without a matching case, a `ref` with no occurrence to read) make',
    'the field null and are reported once per field with a count; generation goes on.',
    '',
    `Values an expression builds are bounded, so a story cannot exhaust memory: text up to`,
    `${VALUE_LIMITS.maxText.toLocaleString('en-US')} characters, lists and maps up to ${VALUE_LIMITS.maxWeight.toLocaleString('en-US')} characters`,
    `of content and ${VALUE_LIMITS.maxDepth} levels of nesting, faker lengths up to ${FAKER_MAX_COUNT.toLocaleString('en-US')} and the`,
    'other caps of the faker table below (beyond that: `runtime/limit`, and the field is null). Numbers',
    'stay finite and integers exact: arithmetic that overflows is `runtime/not-finite`, `random()` bounds',
    'and `int()` beyond 2^53 are `runtime/number-range`; written as literals, such arguments are',
    '`expr/arguments` before generation. An expression itself is at most',
    `${PARSE_LIMITS.maxLength.toLocaleString('en-US')} characters, ${PARSE_LIMITS.maxDepth} levels of brackets, ${PARSE_LIMITS.maxHeight} operations deep (\`a.b.c...\`, \`1+1+...\`)`,
    `and ${PARSE_LIMITS.maxNodes.toLocaleString('en-US')} parts (beyond that: \`expr/too-complex\`; split it into several fields).`,
    '',
    '## Randomness',
    '',
    'Every random draw comes from a seeded generator, one stream per (story seed, event definition id,',
    'occurrence), split further per field. The same story and seed give the same values everywhere;',
    'editing one event or field does not change the values of the others. Nothing reads the wall clock.',
    '',
    '## Functions',
    '',
    ...BUILTINS.map((b) => renderFunction(b, sample)),
    '## Faker',
    '',
    '`faker.<module>.<method>(args)` calls any method of [@faker-js/faker](https://fakerjs.dev/api/) 10',
    'listed below. Keyword arguments become one options object (`faker.number.int(min=1, max=10)` is',
    '`faker.number.int({ min: 1, max: 10 })`). Faker draws from the seeded stream; its dates are relative',
    "to the occurrence's time. The story's `locale:` (default `en`) selects faker's locale.",
    '',
    '| example | output |',
    '|---|---|',
    ...fakerExamples.map((e) => `| \`${e}\` | \`${output(sample, e)}\` |`),
    '',
    '### Python Faker names',
    '',
    'The Python Faker names of the seed work too, mapped to faker-js:',
    '',
    '| name | faker-js | keyword arguments |',
    '|---|---|---|',
    ...PYTHON_FAKER_NAMES.map(
      (p) =>
        `| \`faker.${p.name}()\` | \`faker.${p.target}\` | ${p.kwargs.map((k) => `\`${k}\``).join(', ')} |`,
    ),
    '',
    '### faker-js methods',
    '',
    'Only these methods can be called, with only these arguments (the allow-list in',
    '`faker-allow-list.ts`; anything else is `expr/unknown-faker`). A cap written as a literal is',
    '`expr/arguments` before generation; a computed argument beyond it is `runtime/limit` (the field is',
    'null). Template helpers (`helpers.fake`, `helpers.mustache`), `helpers.fromRegExp` and callbacks are',
    'not available.',
    '',
    ...renderFakerMethodTable(),
    '',
  ]
  return out.join('\n')
}
