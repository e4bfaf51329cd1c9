import { describe, expect, it } from 'vitest'
import { loadStory } from './load-story.ts'

const text = `org_id: acme
start_date: 2025-01-01
x-common: &common
  source: app
  repeat: 3
  data: { plan: choice(['a', 'b']), n: "= index" }
events:
  - <<: *common
    event: one
  - <<: *common
    event: two
    repeat: 2
`

describe('YAML merge keys and x- anchors', () => {
  it('merges `<<: *anchor` under explicit keys, and allows top-level x- keys', () => {
    const { story, diagnostics } = loadStory(text)
    expect(diagnostics).toEqual([])
    expect(story!.events.map((e) => [e.event, e.source, e.repeat])).toEqual([
      ['one', 'app', 3],
      ['two', 'app', 2],
    ])
    const plan = story!.events[0].data.entries[0].value
    expect(plan.kind === 'string' && plan.value.text).toBe("choice(['a', 'b'])")
  })

  it('a merge of something that is not a mapping is a diagnostic', () => {
    const bad = text.replace('  - <<: *common\n    event: one', '  - <<: 3\n    event: one\n    source: a')
    const { diagnostics } = loadStory(bad)
    expect(diagnostics.map((d) => d.code)).toContain('yaml/syntax')
  })
})
