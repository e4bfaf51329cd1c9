import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileIncludeResolver, serializeNdjson, streamStory } from '../packages/engine/src/node/index.ts'

// Every story in stories/ is a golden test: its first 200 events are committed in
// stories/__golden__/. After an intended change: `UPDATE_GOLDEN=1 pnpm test stories`.
const ROOT = new URL('.', import.meta.url).pathname
const GOLDEN = join(ROOT, '__golden__')
// The seed's format reference is a template with type placeholders, and its field list is a fragment.
const NOT_RUNNABLE = new Set(['seed-format.yaml', 'seed-fields.yaml'])
// Files that are only included by other stories.
const PARTS = /(^|\/)(_|shared)[^/]*\.ya?ml$/

function storyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return name.startsWith('__') ? [] : storyFiles(full)
    return /\.ya?ml$/.test(name) ? [relative(ROOT, full)] : []
  })
}

const files = storyFiles(ROOT).filter((f) => !NOT_RUNNABLE.has(f) && !PARTS.test(f))

describe('stories', () => {
  it('finds the library', () => {
    expect(files).toContain('seed-advanced.yaml')
  })

  for (const file of files) {
    it(`${file}: no diagnostics, golden first 200 events`, () => {
      const text = readFileSync(join(ROOT, file), 'utf8')
      const run = streamStory(text, {
        file: join('stories', file),
        resolveInclude: fileIncludeResolver(),
        limit: 200,
      })
      const lines = [...run].map(serializeNdjson)
      expect(run.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([])
      expect(lines.length).toBeGreaterThan(0)
      const goldenFile = join(GOLDEN, file.replace(/\.ya?ml$/, '.ndjson'))
      const actual = lines.join('\n') + '\n'
      // In CI a missing golden is a failure, never silently written.
      if (process.env.UPDATE_GOLDEN || (!existsSync(goldenFile) && !process.env.CI)) {
        mkdirSync(join(goldenFile, '..'), { recursive: true })
        writeFileSync(goldenFile, actual)
      }
      expect(actual).toBe(readFileSync(goldenFile, 'utf8'))
    })
  }
})
