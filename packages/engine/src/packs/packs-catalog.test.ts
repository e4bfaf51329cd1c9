import { describe, expect, it } from 'vitest'
import { BUILTIN_TEMPLATES } from './index.ts'
import { BUILTIN_TEMPLATE_NAMES } from './template-names.ts'

describe('the editors’ template catalog', () => {
  it('lists exactly the packs’ templates, with the same docs', () => {
    expect(BUILTIN_TEMPLATE_NAMES).toEqual(BUILTIN_TEMPLATES.map(({ name, doc }) => ({ name, doc })))
  })
})
