import { describe, expect, it } from 'vitest'
import { isIncludedPart } from './library.ts'

describe('library', () => {
  it('leaves included-only parts out of the list', () => {
    expect(isIncludedPart('composition/shared.yaml')).toBe(true)
    expect(isIncludedPart('composition/_marketing-site.yaml')).toBe(true)
    expect(isIncludedPart('_common.yml')).toBe(true)
    expect(isIncludedPart('composition/product-launch.yaml')).toBe(false)
    expect(isIncludedPart('seed-advanced.yaml')).toBe(false)
    expect(isIncludedPart('sharedfolder/story.yaml')).toBe(false)
  })
})
