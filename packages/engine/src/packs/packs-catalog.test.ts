import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BUILTIN_TEMPLATES, STRIPE_API_VERSION } from './index.ts'
import { BUILTIN_TEMPLATE_NAMES } from './template-names.ts'

const sources = readFileSync(new URL('../../../../docs/sources.md', import.meta.url), 'utf8')

describe('the template catalog', () => {
  it('the editors’ list is exactly the packs’ templates, with the same docs', () => {
    expect(BUILTIN_TEMPLATE_NAMES).toEqual(BUILTIN_TEMPLATES.map(({ name, doc }) => ({ name, doc })))
  })

  it('docs/sources.md lists every template name and the pinned Stripe API version', () => {
    for (const { name } of BUILTIN_TEMPLATES) expect(sources, name).toContain(`| \`${name}\` |`)
    expect(sources).toContain(STRIPE_API_VERSION)
  })
})
