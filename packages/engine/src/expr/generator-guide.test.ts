import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { sampleField } from '../generate/run-test-story.ts'
import { BUILTINS } from './builtins.ts'
import { classifyString } from './classify.ts'
import { renderGeneratorGuide } from './generator-guide.ts'

// The guide's example outputs come from the real engine.
const sample = (expression: string, seed: number) => sampleField(expression, 1, seed)[0]

const DOC = fileURLToPath(new URL('../../../../docs/generators.md', import.meta.url))

describe('docs/generators.md', () => {
  it('is the render of the registry (regenerate: UPDATE_DOCS=1 npx vitest run packages/engine/src/expr)', () => {
    const rendered = renderGeneratorGuide(sample)
    if (process.env.UPDATE_DOCS) writeFileSync(DOC, rendered)
    let committed = ''
    try {
      committed = readFileSync(DOC, 'utf8')
    } catch {
      // Missing file: the comparison below fails with the hint in the test name.
    }
    expect(
      committed,
      'docs/generators.md is stale: run UPDATE_DOCS=1 npx vitest run packages/engine/src/expr',
    ).toBe(rendered)
  })

  it('documents every function with an example output', () => {
    const doc = renderGeneratorGuide(sample)
    for (const b of BUILTINS) {
      expect(doc).toContain(`### \`${b.signature}\``)
      for (const ex of b.examples) {
        expect(doc).toContain(`| \`${ex.expression}\` |`)
        // Examples are written as a user writes a field value: never a plain literal.
        expect(classifyString(ex.expression).kind, ex.expression).not.toBe('literal')
      }
    }
    expect(doc).not.toContain('| `undefined` |')
  })
})
