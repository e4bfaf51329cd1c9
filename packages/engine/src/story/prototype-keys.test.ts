import { describe, expect, it } from 'vitest'
import { SchemaRegistry } from '../registry/schema-registry.ts'
import { type LoadResult, loadStory } from './load-story.ts'

// Keys that name Object.prototype members: each must stay an ordinary key wherever a story puts it.
const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']

const NORMAL =
  'org_id: acme\nstart_date: 2025-01-01\nevents:\n  - source: app\n    event: signup\n    data:\n      plan: "\'pro\'"\n'

/** Everything observable of Object.prototype (and Array.prototype): names and values. */
function snapshot(): unknown[] {
  return [Object.prototype, Array.prototype, Object.getPrototypeOf(() => {})].map((p) =>
    Object.getOwnPropertyNames(p).map((name) => [name, Object.getOwnPropertyDescriptor(p, name)?.value]),
  )
}

const base = (events: string, extra = '') =>
  `org_id: acme\nstart_date: 2025-01-01\n${extra}events:\n${events}`

interface Position {
  name: string
  text: (k: string) => string
  /** What the key must be in the loaded story (or the diagnostic it must give). */
  check: (r: LoadResult, k: string) => void
}

const POSITIONS: Position[] = [
  {
    name: 'a top-level key',
    text: (k) => `${k}: {polluted: true}\n${base('  - source: a\n    event: b\n')}`,
    check: (r, k) => {
      const d = r.diagnostics.find((x) => x.code === 'story/unknown-key')
      expect(d?.message).toContain(`\`${k}\``)
    },
  },
  {
    name: 'an event key',
    text: (k) => base(`  - source: a\n    event: b\n    ${k}: {polluted: true}\n`),
    check: (r) => expect(r.diagnostics.map((x) => x.code)).toEqual(['story/unknown-key']),
  },
  {
    name: 'an event type and id',
    text: (k) => base(`  - source: a\n    event: ${k}\n  - source: a\n    event: x\n    after: ${k}\n`),
    check: (r, k) => {
      expect(r.diagnostics).toEqual([])
      expect(r.story?.events.map((e) => [e.id, e.event, e.after])).toEqual([
        [k, k, undefined],
        ['x', 'x', k],
      ])
    },
  },
  {
    name: 'an unknown `after`',
    text: (k) => base(`  - source: a\n    event: b\n    after: ${k}\n`),
    check: (r) => expect(r.diagnostics.map((x) => x.code)).toEqual(['story/unknown-after']),
  },
  {
    name: 'a data field, nested and in a list',
    text: (k) =>
      base(
        `  - source: a\n    event: b\n    data:\n      ${k}: 1\n      m:\n        ${k}: {polluted: true}\n      l: [{${k}: 2}]\n`,
      ),
    check: (r, k) => {
      expect(r.diagnostics).toEqual([])
      const data = r.story!.events[0].data
      expect(data.entries.map((e) => e.key)).toEqual([k, 'm', 'l'])
      const m = data.entries[1].value
      expect(m.kind === 'map' && m.entries.map((e) => e.key)).toEqual([k])
      expect(Object.getPrototypeOf(r.story!.events[0].keySpans)).toBeNull()
    },
  },
  {
    name: 'a template name and `use:`',
    text: (k) =>
      base(
        `  - use: ${k}\n    event: b\n`,
        `templates:\n  ${k}:\n    source: from-template\n    data:\n      ${k}: 1\n`,
      ),
    check: (r, k) => {
      expect(r.diagnostics).toEqual([])
      expect(r.story?.events[0].source).toBe('from-template')
      expect(r.story?.events[0].use).toBe(k)
    },
  },
  {
    name: 'an unknown `use:`',
    text: (k) => base(`  - use: ${k}\n    event: b\n`),
    check: (r) => expect(r.diagnostics.map((x) => x.code)).toEqual(['story/unknown-template']),
  },
  {
    name: 'a `schemas:` key and field name',
    text: (k) =>
      base('  - source: a\n    event: b\n', `schemas:\n  ${k}:\n    fields:\n      ${k}: {type: integer}\n`),
    check: (r, k) => {
      expect(r.diagnostics).toEqual([])
      expect(r.story?.schemas.map((s) => [s.key, s.fields.map((f) => f.name)])).toEqual([[k, [k]]])
    },
  },
  {
    name: 'a key inside a merge (`<<: *anchor`)',
    text: (k) =>
      base(
        `  - source: a\n    event: b\n    data:\n      <<: *base\n      x: 1\n`,
        `x-base: &base\n  ${k}: {polluted: true}\n`,
      ),
    check: (r, k) => {
      expect(r.diagnostics).toEqual([])
      expect(r.story?.events[0].data.entries.map((e) => e.key)).toEqual(['x', k])
    },
  },
  {
    name: 'an included file name',
    text: (k) => base('  - source: a\n    event: b\n', `include: [${k}]\n`),
    check: (r, k) => {
      expect(r.diagnostics).toEqual([])
      expect(r.story?.events.map((e) => e.event)).toEqual([`from-${k}`, 'b'])
      expect(Object.keys(r.story!.sources)).toContain(k)
    },
  },
]

describe('keys named like Object.prototype members are only keys', () => {
  const cases = POSITIONS.flatMap((p) => KEYS.map((k) => [p.name, k, p] as const))
  it.each(cases)('%s: %s', (_name, key, position) => {
    const before = snapshot()
    const result = loadStory(position.text(key), {
      resolveInclude: (path) => ({ file: path, text: `events:\n  - source: inc\n    event: from-${path}\n` }),
    })
    position.check(result, key)
    expect(snapshot()).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    // The next story in the same process (the studio's worker) still works.
    const next = loadStory(NORMAL)
    expect(next.diagnostics).toEqual([])
    expect(next.story?.events[0].event).toBe('signup')
  })

  it.each(KEYS)('the schema registry counts an event type %s as data', (key) => {
    const before = snapshot()
    const loaded = loadStory(
      base(
        `  - source: a\n    event: ${key}\n`,
        `schemas:\n  ${key}:\n    fields:\n      ${key}: {type: integer}\n`,
      ),
    )
    expect(loaded.diagnostics).toEqual([])
    const registry = new SchemaRegistry(loaded.story!)
    const data: Record<string, unknown> = Object.create(null)
    data[key] = 'not a number'
    for (let i = 0; i < 3; i++) registry.check({ def: 0, index: i, event: { id: `e${i}`, event: key, data } })
    expect(Object.hasOwn(registry.counts, key)).toBe(true)
    expect(registry.counts[key]).toEqual({ valid: 0, invalid: 3 })
    expect(registry.toDiagnostics().map((d) => [d.code, d.count])).toEqual([['schema/violation', 3]])
    expect(snapshot()).toEqual(before)
    expect(({} as Record<string, unknown>).valid).toBeUndefined()
  })
})
