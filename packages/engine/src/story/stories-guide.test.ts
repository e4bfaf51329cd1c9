import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { checkStory } from '../generate/check-story.ts'
import type { IncludeResolver } from './load-story.ts'

// docs/stories.md promises runnable examples: every complete story in it must check clean.
const DOC = fileURLToPath(new URL('../../../../docs/stories.md', import.meta.url))
const blocks = [...readFileSync(DOC, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1])

// A block whose first line is `# file: NAME` is that file, for the examples' `include:`.
const files: Record<string, string> = {}
for (const b of blocks) {
  const name = /^# file: (\S+)/.exec(b)?.[1]
  if (name) files[name] = b
}

const resolveInclude: IncludeResolver = (path, from) => {
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : ''
  const file = dir + path
  return file in files ? { file, text: files[file] } : undefined
}

const stories = blocks.filter((b) => /^org_id:/m.test(b))

describe('docs/stories.md', () => {
  it('has complete examples', () => expect(stories.length).toBeGreaterThanOrEqual(6))

  for (const text of stories) {
    const title = /^# file: (\S+)/.exec(text)?.[1] ?? text.split('\n').find((l) => l && !l.startsWith('#'))
    it(`example checks clean: ${title} (${text.length} chars)`, () => {
      const file = /^# file: (\S+)/.exec(text)?.[1] ?? 'example.yaml'
      const { diagnostics } = checkStory(text, { file, resolveInclude })
      expect(diagnostics.map((d) => `${d.file} ${d.code}: ${d.message}`)).toEqual([])
    })
  }
})
