import { describe, expect, it } from 'vitest'
import { ByteSink } from './byte-sink.ts'
import { CASES, type CaseName } from './run-case.ts'

/** Captures what a case writes, to compare record shapes across cases. */
class CapturingSink extends ByteSink {
  text = ''
  override chunk(text: string): void {
    super.chunk(text)
    this.text += text
  }
}

function shape(name: CaseName, events: number) {
  const sink = new CapturingSink()
  const made = CASES[name](events, sink)
  const records = sink.text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l))
  const keys = new Map<string, string[]>()
  for (const r of records)
    keys.set(r.event, [...Object.keys(r), ...Object.keys(r.data).map((k) => `data.${k}`)])
  return { made, records, keys, bytes: sink.bytes }
}

describe('benchmark cases compare like with like', () => {
  const engine = shape('engine', 1000)

  it('the engine makes the requested number of events from the reference story', () => {
    expect(engine.made).toBe(1000)
    expect(engine.records).toHaveLength(1000)
    expect(engine.bytes).toBe(Buffer.byteLength(engine.records.map((r) => `${JSON.stringify(r)}\n`).join('')))
    const signup = engine.records[0]
    expect(signup.data.name).toMatch(/\w+ \w+/)
    expect(signup.data.email).toMatch(/@/)
    expect(engine.records[1].data.customer_id).toBe(signup.data.user_id)
  })

  it.each(['faker-loop', 'json-schema-faker'] as const)('%s produces the same record shape', (name) => {
    const other = shape(name, 200)
    expect(other.made).toBe(200)
    expect(other.keys).toEqual(engine.keys)
    const sizes = (s: typeof engine) => s.bytes / s.records.length
    // Same fields, similar sizes: within 30% bytes per event (json-schema-faker strings differ in length).
    expect(sizes(other) / sizes(engine)).toBeGreaterThan(0.7)
    expect(sizes(other) / sizes(engine)).toBeLessThan(1.3)
  })
})
