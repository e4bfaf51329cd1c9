import { z } from 'zod'
import { FREQUENCIES } from './types.ts'

/**
 * The shape of a story file, as zod: the single source of truth for key names and types.
 * The loader validates against it (unknown keys, wrong types, missing keys) and
 * `storyJsonSchema()` publishes it for editors. Meaning (dates, zones, references) is
 * checked by the loader after the shape.
 */

const expression = z.string().describe('An expression, e.g. `duration(hours=9)`')
const durationValue = z
  .union([z.string(), z.number()])
  .describe('A duration expression such as `duration(hours=1, minutes=30)`, or a number of seconds')
const dateValue = z
  .string()
  .describe('A date `2025-01-01` or a local date-time `2025-01-01T09:00` in the story time zone')

/** `faults:` (SPEC section 10): story-wide, or per event definition (overriding the story's). */
export const faultsShape = z
  .strictObject({
    duplicate: z.number().optional().describe('Probability 0..1 that an event is delivered twice (same id)'),
    duplicate_after: durationValue.optional().describe('How much later the copy is delivered'),
    late: z.number().optional().describe('Probability 0..1 that an event is delivered late (out of order)'),
    late_by: durationValue.optional().describe('How long after its timestamp a late event is delivered'),
    drop: z
      .record(z.string(), z.number())
      .optional()
      .describe('Field path -> probability the field is missing'),
    nullify: z
      .record(z.string(), z.number())
      .optional()
      .describe('Field path -> probability the field is null'),
    corrupt: z.number().optional().describe('Probability 0..1 that the serialized record is cut short'),
    drift: z
      .array(
        z.strictObject({
          from: dateValue.describe('From this date or date-time on (story time zone)'),
          rename: z.record(z.string(), z.string()).optional().describe('Field path -> new field path'),
          type: z
            .record(z.string(), z.enum(['string', 'number', 'integer', 'boolean']))
            .optional()
            .describe('Field path -> the type its value changes to'),
        }),
      )
      .optional()
      .describe('Schema drift from a point in time'),
  })
  .describe('Fault injection: duplicates, late delivery, missing and null fields, damaged records, drift')

const schemaFieldShape: z.ZodType<unknown> = z.lazy(() =>
  z.strictObject({
    type: z
      .enum(['string', 'integer', 'number', 'boolean', 'object', 'array'])
      .optional()
      .describe('JSON type of the value'),
    required: z.boolean().optional().describe('Whether the field must be present (default true)'),
    enum: z.array(z.unknown()).optional().describe('The only values allowed'),
    min: z.number().optional().describe('Smallest number allowed (or shortest string length)'),
    max: z.number().optional().describe('Largest number allowed (or longest string length)'),
    format: z.enum(['uuid', 'email', 'date-time', 'url']).optional().describe('String format'),
    nullable: z.boolean().optional().describe('Whether null is allowed (default false)'),
    fields: z.record(z.string(), schemaFieldShape).optional().describe('Fields of a nested object'),
    items: schemaFieldShape.optional().describe('Schema of array items'),
    description: z.string().optional().describe('Free text'),
  }),
)

/** Schema of one `schemas:` entry: the fields of `data` for an event type. */
export const eventSchemaShape = z.strictObject({
  fields: z.record(z.string(), schemaFieldShape).describe('Field name -> field schema'),
  strict: z.boolean().optional().describe('When true, fields that are not listed are violations'),
  description: z.string().optional().describe('Free text'),
})

const eventKeys = {
  id: z.string().optional().describe('Handle for ref()/lookup()/after; default: the event type'),
  source: z.string().describe('Event source, e.g. posthog, stripe'),
  event: z.string().describe('Event type, e.g. user.signup'),
  use: z.string().optional().describe('Start from a named template, then override (data merges deeply)'),
  offset_days: z.number().int().optional().describe('Local calendar days after start_date (default 0)'),
  offset: durationValue.optional().describe('Extra offset inside the day, e.g. duration(hours=9)'),
  repeat: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Number of occurrences, a positive integer (default 1)'),
  frequency: z.enum(FREQUENCIES).optional().describe('Repeat step (default daily when repeat > 1)'),
  every: durationValue.optional().describe('Repeat step as a duration, e.g. duration(minutes=15)'),
  jitter: durationValue.optional().describe('Each occurrence shifts by a random amount in [0, jitter)'),
  after: z.string().optional().describe('One occurrence per occurrence of that event id (a funnel)'),
  on: z
    .string()
    .optional()
    .describe(
      '`<actor>.<state>`: one occurrence each time an actor enters that state (instead of a schedule)',
    ),
  delay: durationValue
    .optional()
    .describe('Time after the parent occurrence, e.g. duration(days=random(1, 7))'),
  probability: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('Each occurrence happens with this probability, 0..1 (default 1)'),
  rate: z
    .string()
    .optional()
    .describe('Mean count per unit, e.g. `240/day`: a Poisson process instead of repeat/frequency'),
  pattern: z
    .strictObject({
      hours: z
        .union([z.string(), z.array(z.number())])
        .optional()
        .describe(
          'A profile (flat, business, evening, night, morning, retail, commute) or 24 weights, hour 0 first',
        ),
      weekdays: z.array(z.number()).optional().describe('7 weights, Monday first'),
      months: z.array(z.number()).optional().describe('12 weights, January first'),
    })
    .optional()
    .describe('Multipliers of the rate, each normalised to mean 1'),
  growth: z
    .string()
    .optional()
    .describe('Compounding trend of the rate, e.g. `10%/month` (negative shrinks)'),
  bursts: z
    .array(
      z.strictObject({
        at: dateValue,
        for: durationValue.describe('How long, e.g. duration(hours=2)'),
        x: z.number().describe('Rate multiplier inside the window'),
      }),
    )
    .optional()
    .describe('Windows in which the rate is multiplied by x'),
  until: dateValue.optional().describe("Inclusive end of the rate; default the story's end_date"),
  when: z.union([expression, z.boolean()]).optional().describe("Condition over this event's resolved data"),
  data: z.record(z.string(), z.unknown()).optional().describe('Event fields: literals or expressions'),
  description: z.string().optional().describe('Free text'),
  faults: faultsShape.optional(),
}

const rateKeys = {
  rate: eventKeys.rate,
  pattern: eventKeys.pattern,
  growth: eventKeys.growth,
  bursts: eventKeys.bursts,
  until: eventKeys.until,
}

/** One state of an actor lifecycle: `next` weights and an `after` dwell time; no `next` is final. */
const stateShape = z.strictObject({
  next: z
    .record(z.string(), z.union([z.number(), z.string()]))
    .optional()
    .describe('Next state -> weight (a number or an expression over the actor); none: a final state'),
  after: durationValue
    .optional()
    .describe('Dwell time before the transition, e.g. duration(days=exponential(0.7))'),
  description: z.string().optional().describe('Free text'),
})

/** One type of `actors:` (SPEC section 9). */
export const actorShape = z.strictObject({
  count: z.number().int().min(0).optional().describe('How many actors are present at start_date'),
  arrivals: z
    .strictObject(rateKeys)
    .optional()
    .describe('Actors arriving as a Poisson process: `{ rate: 20/day, pattern: ..., growth: ... }`'),
  attributes: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Resolved once per actor; read as `<actor>.<name>`'),
  popularity: z
    .string()
    .optional()
    .describe('Skew of pick(): `zipf(1.2)`, or an expression giving each actor its weight'),
  lifecycle: z
    .strictObject({
      start: z.string().describe('The state each actor enters when it arrives'),
      states: z.record(z.string(), stateShape).describe('State name -> its transitions'),
    })
    .describe('The state machine each actor runs from its arrival'),
  description: z.string().optional().describe('Free text'),
})

/**
 * Schema of one entry of `events:`. `source` and `event` are required, but may come from the
 * template named by `use:`: the loader checks them after the template is applied, and the JSON
 * Schema says "source and event, or use" (see `storyJsonSchema`).
 */
export const eventShape = z.strictObject({
  ...eventKeys,
  source: eventKeys.source.optional(),
  event: eventKeys.event.optional(),
})

/** Schema of one entry of `templates:`: every key optional, and no `id` (each event using it has its own). */
const { id: _id, ...templateKeys } = eventKeys
export const templateShape = z.strictObject({
  ...templateKeys,
  use: templateKeys.use.describe('Start from another template (templates may build on each other)'),
  source: eventKeys.source.optional(),
  event: eventKeys.event.optional(),
})

/** Schema of a whole story file. */
export const storyShape = z.strictObject({
  name: z.string().optional().describe('Free text'),
  description: z.string().optional().describe('Free text'),
  org_id: z.string().describe('Organization identifier, copied into every event'),
  start_date: dateValue,
  end_date: dateValue.optional().describe('Inclusive: through 23:59:59.999 local time of that day'),
  timezone: z.string().optional().describe('IANA time zone name, default UTC'),
  seed: z.number().int().optional().describe('Random seed, default 0: output is deterministic'),
  locale: z.string().optional().describe('Faker locale, default en'),
  include: z
    .array(z.string())
    .optional()
    .describe('Other story files whose events/templates/schemas join this one'),
  templates: z
    .record(z.string(), templateShape)
    .optional()
    .describe('Named partial event definitions for `use:`'),
  schemas: z
    .record(z.string(), eventSchemaShape)
    .optional()
    .describe('Output schemas per event type or source/event'),
  actors: z
    .record(z.string(), actorShape)
    .optional()
    .describe('Populations (users, customers, devices), each running a lifecycle state machine'),
  events: z.array(eventShape).describe('Event definitions (at least one)'),
  faults: faultsShape.optional(),
})

/**
 * Schema of a file that is included by another story: it contributes events, templates
 * and schemas, so nothing is required.
 */
export const includedShape = storyShape.partial()

/** The known keys of each level, for "did you mean" suggestions. */
export const KNOWN_KEYS = {
  story: Object.keys(storyShape.shape),
  event: Object.keys(eventKeys),
  template: Object.keys(templateKeys),
  schema: Object.keys(eventSchemaShape.shape),
  faults: Object.keys(faultsShape.shape),
  drift: ['from', 'rename', 'type'],
  actor: Object.keys(actorShape.shape),
  arrivals: Object.keys(rateKeys),
  lifecycle: ['start', 'states'],
  state: Object.keys(stateShape.shape),
  field: ['type', 'required', 'enum', 'min', 'max', 'format', 'nullable', 'fields', 'items', 'description'],
}

/** The JSON Schema of the story format (for editors: autocomplete and hover), generated from the zod schema. */
export function storyJsonSchema(): Record<string, unknown> {
  // draft-07: the version every YAML/JSON editor (monaco-yaml's language server included) supports fully.
  const schema = z.toJSONSchema(storyShape, { unrepresentable: 'any', target: 'draft-7' }) as Record<
    string,
    unknown
  >
  // What zod cannot say: an event needs `source` and `event`, unless a template (`use`) gives them.
  const events = (schema.properties as Record<string, { items?: Record<string, unknown> }> | undefined)
    ?.events
  if (events?.items) {
    events.items.anyOf = [{ required: ['source', 'event'] }, { required: ['use'] }]
  }
  return { ...schema, title: 'AutoSource story', $id: 'https://autosource.dev/schemas/story.json' }
}
