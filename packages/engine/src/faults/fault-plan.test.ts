import { describe, expect, it } from 'vitest'
import { checkStory } from '../generate/check-story.ts'
import { loadStory } from '../story/load-story.ts'
import { prepareFaults } from './fault-plan.ts'
import { signupStory } from './test-stories.ts'

/** Diagnostics of a story's faults as `code @ the text under the span`. */
function problems(faults: string, perEvent = false): string[] {
  const text = perEvent
    ? signupStory(10, '').replace(
        '    data:\n',
        `    faults:\n${faults.replace(/^/gm, '      ')}\n    data:\n`,
      )
    : signupStory(10, faults)
  const { diagnostics } = checkStory(text)
  return diagnostics.map((d) => `${d.code} @ ${text.slice(d.span.start, d.span.end)}`)
}

describe('faults: diagnostics with spans', () => {
  it('accepts every key of SPEC section 10', () => {
    expect(
      problems(`  duplicate: 0.01
  duplicate_after: duration(seconds=random(1, 600))
  late: 0.02
  late_by: duration(minutes=lognormal(2, 1))
  drop: { data.email: 0.05 }
  nullify: { data.plan: 0.01 }
  corrupt: 0.001
  drift:
    - { from: 2025-03-01, rename: { data.amount: data.amount_cents } }
    - { from: 2025-04-01, type: { data.amount: string } }`),
    ).toEqual([])
  })

  it.each([
    ['  duplicate: 1.5', 'story/invalid-probability @ 1.5'],
    ['  late: -0.1', 'story/invalid-probability @ -0.1'],
    ['  drop: { data.email: 2 }', 'story/invalid-probability @ 2'],
    ['  dupliate: 0.1', 'story/unknown-key @ dupliate'],
    ['  drop: { data.emial: 0.1 }', 'fault/unknown-field @ data.emial'],
    ['  nullify: { email: 0.1 }', 'fault/unknown-field @ email'],
    [
      '  drift:\n    - { from: 2025-03-01, rename: { data.nope: data.x } }',
      'fault/unknown-field @ data.nope',
    ],
    [
      '  drift:\n    - { from: 2025-02-30, rename: { data.amount: data.x } }',
      'story/invalid-date @ 2025-02-30',
    ],
    ['  late: 0.1\n  late_by: duration(secnds=5)', 'expr/arguments @ secnds'],
    ['  late: 0.1\n  late_by: nosuch(5)', 'expr/unknown-function @ nosuch'],
  ])('%s', (faults, expected) => {
    const got = problems(faults)
    expect(got.length).toBeGreaterThan(0)
    expect(got[0].replace(/ @ .*/, '')).toBe(expected.replace(/ @ .*/, ''))
    expect(got).toContain(expected)
  })

  it('per event definition: the field must be one of that definition', () => {
    expect(problems('drop: { data.nope: 0.1 }', true)).toEqual(['fault/unknown-field @ data.nope'])
    expect(problems('dupliate: 0.1', true)[0]).toMatch(/^story\/unknown-key @ dupliate/)
  })

  it('a misspelt kind gets a did-you-mean from the fault kinds', () => {
    const text = signupStory(10, '  dupliate: 0.1')
    const d = checkStory(text).diagnostics.find((x) => x.code === 'story/unknown-key')!
    expect(`${d.message} ${d.hint ?? ''}`).toContain('duplicate')
  })

  it('an event overrides the story key by key', () => {
    const text = signupStory(10, '  duplicate: 0.5\n  late: 0.2').replace(
      '    data:\n',
      '    faults:\n      late: 0\n    data:\n',
    )
    const story = loadStory(text).story!
    const { plan, diagnostics } = prepareFaults(story)
    expect(diagnostics).toEqual([])
    expect(plan!.defs[0]).toMatchObject({ duplicate: 0.5, late: 0 })
  })

  it('a story without faults has no plan and no diagnostics', () => {
    expect(prepareFaults(loadStory(signupStory(10, '')).story!)).toEqual({ diagnostics: [] })
  })
})
