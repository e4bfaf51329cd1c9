import { describe, expect, it } from 'vitest'
import { EventGenerator, type GeneratorContext } from './event-generator.ts'
import { streamStory } from './stream-story.ts'

const story = `org_id: acme
start_date: 2025-01-01
events:
  - source: app
    event: custom.event
    repeat: 5
    frequency: hourly
    data:
      plan: choice(['free', 'pro'])
`

// The seed's CustomGenerator example, in TypeScript.
class CustomGenerator extends EventGenerator {
  generate(_context: GeneratorContext) {
    return {
      field1: this.resolveValue('random(1, 1000)'),
      field2: this.getContextValue('prev.field1'),
    }
  }
}

describe('EventGenerator', () => {
  it('replaces data: resolveValue draws seeded values, getContextValue reads prev', () => {
    const run = () => [
      ...streamStory(story, { generators: [{ event: 'custom.event', generator: new CustomGenerator() }] }),
    ]
    const events = run()
    expect(events).toHaveLength(5)
    expect(events[0].data.field2).toBeNull()
    for (let i = 1; i < 5; i++) expect(events[i].data.field2).toBe(events[i - 1].data.field1)
    for (const e of events) expect(Object.keys(e.data)).toEqual(['field1', 'field2'])
    expect(run().map((e) => e.data)).toEqual(events.map((e) => e.data))
  })

  it('extends the YAML data and reads siblings and context', () => {
    class Extend extends EventGenerator {
      generate(ctx: GeneratorContext) {
        return {
          label: this.resolveValue("upper(plan) + '-' + str(index)"),
          hour: String(this.getContextValue('timestamp')).slice(11, 13),
          same: ctx.data.plan === this.getContextValue('data.plan'),
        }
      }
    }
    const events = [
      ...streamStory(story, {
        generators: [{ source: 'app', event: 'custom.event', generator: new Extend(), mode: 'extend' }],
      }),
    ]
    events.forEach((e, i) => {
      expect(e.data.label).toBe(`${String(e.data.plan).toUpperCase()}-${i}`)
      expect(e.data.hour).toBe(String(i).padStart(2, '0'))
      expect(e.data.same).toBe(true)
    })
  })

  it('reports a bad expression once as a diagnostic and yields null', () => {
    class Bad extends EventGenerator {
      generate() {
        return { x: this.resolveValue('nope(1)') }
      }
    }
    const run = streamStory(story, { generators: [{ event: 'custom.event', generator: new Bad() }] })
    const events = [...run]
    expect(events.every((e) => e.data.x === null)).toBe(true)
    const d = run.diagnostics.filter((x) => x.code === 'expr/unknown-function')
    expect(d).toHaveLength(1)
    expect(d[0].file).toBe('<generator custom.event>')
  })

  it('refuses calls outside generate()', () => {
    expect(() => new CustomGenerator().resolveValue('1')).toThrow(/inside generate/)
  })
})
