import { describe, expect, it } from 'vitest'
import { storyNameOf, storySeedOf, uniqueName } from './draft.ts'

describe('draft helpers', () => {
  it('reads the story name and seed from the text, even when the rest is broken', () => {
    const text = "name: 'Checkout funnel'  # demo\nseed: -12\nevents: [\n"
    expect(storyNameOf(text)).toBe('Checkout funnel')
    expect(storySeedOf(text)).toBe(-12)
    expect(storySeedOf('events: []\n  seed: 4')).toBe(0)
  })

  it('makes unique names', () => {
    expect(uniqueName('A', ['A', 'A (2)'])).toBe('A (3)')
    expect(uniqueName('  ', [])).toBe('Untitled story')
    expect(uniqueName('checkout', ['Checkout'])).toBe('checkout (2)')
    expect(uniqueName('Checkout ', [' checkout', 'CHECKOUT (2)'])).toBe('Checkout (3)')
    expect(uniqueName('A (2)', ['A (2)'])).toBe('A (3)')
  })
})
