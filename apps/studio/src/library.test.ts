import { checkStory } from '@autosource/engine'
import { describe, expect, it } from 'vitest'
import { isIncludedPart, LIBRARY, LIBRARY_REFERENCE } from './library.ts'

describe('library', () => {
  it('leaves included-only parts out of the list', () => {
    expect(isIncludedPart('composition/shared.yaml')).toBe(true)
    expect(isIncludedPart('composition/_marketing-site.yaml')).toBe(true)
    expect(isIncludedPart('_common.yml')).toBe(true)
    expect(isIncludedPart('composition/product-launch.yaml')).toBe(false)
    expect(isIncludedPart('seed-advanced.yaml')).toBe(false)
    expect(isIncludedPart('sharedfolder/story.yaml')).toBe(false)
  })

  it('lists the format references apart from the examples, and every example checks clean', () => {
    expect(LIBRARY_REFERENCE.map((s) => s.path).sort()).toEqual(['seed-fields.yaml', 'seed-format.yaml'])
    expect(LIBRARY.some((s) => s.path.startsWith('seed-f'))).toBe(false)
    for (const story of LIBRARY.filter((s) => !/^include:/m.test(s.text))) {
      const errors = checkStory(story.text).diagnostics.filter((d) => d.severity === 'error')
      expect(errors, story.path).toEqual([])
    }
  })
})
