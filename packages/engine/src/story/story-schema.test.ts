import Ajv from 'ajv'
import { describe, expect, it } from 'vitest'
import { loadStory } from './load-story.ts'
import { eventSchemaShape, KNOWN_KEYS, storyJsonSchema, storyShape } from './story-schema.ts'

type JsonSchema = Record<string, any>

/** Every sub-schema of a JSON Schema with the path to it. */
function* walk(schema: JsonSchema, path = '#'): Generator<[string, JsonSchema]> {
  yield [path, schema]
  for (const [k, v] of Object.entries(schema)) {
    if (['properties', 'definitions', '$defs'].includes(k))
      for (const [name, sub] of Object.entries(v as JsonSchema)) yield* walk(sub, `${path}/${k}/${name}`)
    else if (['items', 'additionalProperties', 'propertyNames', 'not'].includes(k) && typeof v === 'object')
      yield* walk(v, `${path}/${k}`)
    else if (['anyOf', 'oneOf', 'allOf'].includes(k))
      for (const [i, sub] of (v as JsonSchema[]).entries()) yield* walk(sub, `${path}/${k}/${i}`)
  }
}

function ajv(): Ajv {
  // strict: unknown keywords, wrong keyword types and unresolvable refs are errors, not ignored.
  return new Ajv({ strict: true, allErrors: true, strictRequired: false, allowUnionTypes: true })
}

describe('storyJsonSchema()', () => {
  const schema = storyJsonSchema() as JsonSchema

  it('is valid JSON Schema (draft-07 meta-schema, ajv strict mode)', () => {
    const a = ajv()
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#')
    expect(a.validateSchema(schema), JSON.stringify(a.errors)).toBe(true)
    expect(() => a.compile(schema)).not.toThrow()
  })

  it('is plain JSON (what the CLI prints and the worker posts)', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema)
  })

  it('describes every key, at every level, for hover', () => {
    const undescribed: string[] = []
    for (const [path, sub] of walk(schema)) {
      if (!/\/properties\/[^/]+$/.test(path)) continue
      if (typeof sub.description !== 'string' || sub.description.length < 5) undescribed.push(path)
    }
    expect(undescribed).toEqual([])
  })

  it('lists every key the loader knows, for autocomplete', () => {
    const props = (s: JsonSchema) => Object.keys(s.properties ?? {}).sort()
    expect(props(schema)).toEqual([...KNOWN_KEYS.story].sort())
    expect(props(schema.properties.events.items)).toEqual([...KNOWN_KEYS.event].sort())
    expect(props(schema.properties.templates.additionalProperties)).toEqual([...KNOWN_KEYS.template].sort())
    expect(props(schema.properties.schemas.additionalProperties)).toEqual(
      Object.keys(eventSchemaShape.shape).sort(),
    )
    expect(Object.keys(storyShape.shape).sort()).toEqual([...KNOWN_KEYS.story].sort())
    expect(schema.required.sort()).toEqual(['events', 'org_id', 'start_date'])
  })

  describe('validates like the loader', () => {
    const validate = ajv().compile(schema)
    const base = { org_id: 'a', start_date: '2025-01-01' }
    it.each([
      ['the smallest story', { ...base, events: [{ source: 's', event: 'e' }] }],
      [
        'an event from a template',
        { ...base, templates: { t: { source: 's', event: 'e' } }, events: [{ use: 't' }] },
      ],
      [
        'every event key',
        {
          ...base,
          events: [
            {
              id: 'x',
              source: 's',
              event: 'e',
              offset_days: 1,
              offset: 'duration(hours=9)',
              repeat: 3,
              frequency: 'weekly',
              jitter: 'duration(minutes=5)',
              after: 'y',
              delay: 'duration(days=1)',
              probability: 0.5,
              when: "plan != 'free'",
              data: { a: 1, b: { c: [1, 2] } },
              description: 'text',
            },
          ],
        },
      ],
      [
        'a schema with nested fields',
        {
          ...base,
          events: [{ source: 's', event: 'e' }],
          schemas: {
            e: {
              strict: true,
              fields: { a: { type: 'object', fields: { b: { type: 'string', format: 'email' } } } },
            },
          },
        },
      ],
    ])('accepts %s', (_name, story) => {
      expect(validate(story), JSON.stringify(validate.errors)).toBe(true)
    })

    it.each([
      ['an unknown key', { ...base, events: [{ source: 's', event: 'e' }], timzone: 'UTC' }],
      ['repeat 0', { ...base, events: [{ source: 's', event: 'e', repeat: 0 }] }],
      ['repeat 1.5', { ...base, events: [{ source: 's', event: 'e', repeat: 1.5 }] }],
      ['probability 2', { ...base, events: [{ source: 's', event: 'e', probability: 2 }] }],
      ['an unknown frequency', { ...base, events: [{ source: 's', event: 'e', frequency: 'dayly' }] }],
      ['an event with neither source nor use', { ...base, events: [{ event: 'e' }] }],
      ['an id in a template', { ...base, templates: { t: { id: 'x' } }, events: [{ use: 't' }] }],
      ['a missing org_id', { start_date: '2025-01-01', events: [{ source: 's', event: 'e' }] }],
    ])('rejects %s (and so does the loader)', (_name, story) => {
      expect(validate(story)).toBe(false)
      const yaml = JSON.stringify(story)
      expect(loadStory(yaml).diagnostics.some((d) => d.severity === 'error')).toBe(true)
    })
  })
})
