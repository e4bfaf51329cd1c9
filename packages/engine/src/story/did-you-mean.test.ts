import { describe, expect, it } from 'vitest'
import { didYouMean, editDistance } from './did-you-mean.ts'
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
