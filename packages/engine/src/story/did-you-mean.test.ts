import { describe, expect, it } from 'vitest'
import { didYouMean, editDistance, MAX_SUGGEST_CANDIDATES, MAX_SUGGEST_LENGTH } from './did-you-mean.ts'
import { loadStory } from './load-story.ts'
import { KNOWN_KEYS } from './story-schema.ts'

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['frequncy', 'frequency', 1],
    ['bsae', 'base', 1], // a swap of neighbours is one typo
    ['kitten', 'sitting', 3],
    ['daily', 'dayly', 1],
  ])('%s -> %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
    expect(editDistance(b, a)).toBe(d)
  })
})

describe('didYouMean', () => {
  it.each([
    ['frequncy', 'frequency'],
    ['Frequency', 'frequency'],
    ['timzone', 'timezone'],
    ['strat_date', 'start_date'],
    ['evnets', 'events'],
    ['probabilty', 'probability'],
  ])('%s -> %s', (typo, want) => {
    expect(didYouMean(typo, [...KNOWN_KEYS.story, ...KNOWN_KEYS.event])).toBe(want)
  })

  it('suggests nothing for names that are not close', () => {
    expect(didYouMean('colour', KNOWN_KEYS.event)).toBeUndefined()
    expect(didYouMean('x', ['y'])).toBe('y')
    expect(didYouMean('xyz', [])).toBeUndefined()
  })
})

describe('bounded work', () => {
  it('the banded distance agrees with the full one up to its limit', () => {
    const words = [
      '',
      'a',
      'ab',
      'ba',
      'abc',
      'kitten',
      'sitting',
      'frequency',
      'frequncy',
      'base',
      'bsae',
      'xyzzy',
    ]
    for (const a of words)
      for (const b of words)
        for (const limit of [0, 1, 2, 3, 5]) {
          const full = editDistance(a, b)
          expect(editDistance(a, b, limit), `${a} ${b} ${limit}`).toBe(full <= limit ? full : limit + 1)
        }
  })

  it('suggests nothing for names over MAX_SUGGEST_LENGTH and looks at MAX_SUGGEST_CANDIDATES at most', () => {
    expect(
      didYouMean('x'.repeat(MAX_SUGGEST_LENGTH + 1), ['x'.repeat(MAX_SUGGEST_LENGTH + 1)]),
    ).toBeUndefined()
    const many = Array.from({ length: MAX_SUGGEST_CANDIDATES }, (_, i) => `name${i}`)
    expect(didYouMean('target', [...many, 'targt'])).toBeUndefined()
    expect(didYouMean('target', ['targt', ...many])).toBe('targt')
  })

  it('an 80 KB file of unknown keys loads quickly (hang guard only)', () => {
    const lines = ['org_id: acme', 'start_date: 2025-01-01', 'events:', '  - source: a', '    event: b']
    for (let i = 0; lines.join('\n').length < 80_000; i++)
      lines.push(`    unknown_key_number_${i}_${'q'.repeat(i % 50)}: 1`)
    const result = loadStory(lines.join('\n'))
    expect(result.diagnostics.filter((d) => d.code === 'story/unknown-key').length).toBeGreaterThan(150)
  }, 120_000)

  it('thousands of unknown `use:` against thousands of templates stay bounded', () => {
    const n = 1_500
    const lines = ['org_id: acme', 'start_date: 2025-01-01', 'templates:']
    for (let i = 0; i < n; i++) lines.push(`  template_${i}: { source: a }`)
    lines.push('events:')
    for (let i = 0; i < n; i++) lines.push(`  - { use: missing_${i}, event: e${i} }`)
    const result = loadStory(lines.join('\n'))
    expect(result.diagnostics.some((d) => d.code === 'story/unknown-template')).toBe(true)
  }, 120_000)
})
