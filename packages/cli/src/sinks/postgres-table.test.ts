import { describe, expect, it } from 'vitest'
import { type StoryEvent, serializeNdjson } from '../engine.ts'
import { tableLayout } from './postgres-table.ts'

const event = (id: string, data: Record<string, unknown>): StoryEvent => ({
  id,
  org_id: 'acme',
  source: 'app',
  event: 'x',
  timestamp: '2025-01-01T00:00:00.000+00:00',
  data,
})

describe('tableLayout without a schema', () => {
  it('takes data from the NDJSON line exactly as it would serialize it, hostile envelopes included', () => {
    const layout = tableLayout('x', undefined)
    const cases = [
      event('plain', { a: 1, b: 'two', c: { d: [1, 2] } }),
      event('x","data":{"a":1}', { b: 2 }),
      event('tab\there', { s: 'line\nbreak \\ back "quote"', e: {} }),
      event('empty', {}),
    ]
    for (const e of cases) {
      const fromLine = layout.row(e, serializeNdjson(e))
      expect(fromLine).toEqual(layout.row(e))
      expect(
        'text' in fromLine && JSON.parse(fromLine.text.split('\t')[4].replace(/\\\\/g, '\\')),
      ).toBeTruthy()
    }
  })

  it('refuses a NUL escape in data (jsonb cannot hold it), from the line too', () => {
    const layout = tableLayout('x', undefined)
    const e = event('nul', { s: 'a\u0000b' })
    expect(layout.row(e, serializeNdjson(e))).toEqual({
      reason: expect.stringMatching(/^data: .* does not fit jsonb$/),
    })
  })
})
