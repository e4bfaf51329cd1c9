import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fileIncludeResolver } from '../node/file-resolver.ts'
import { prepareStory } from './prepare-story.ts'
import { serializeNdjson } from './serialize.ts'
import { runPrepared } from './stream-story.ts'

const ROOT = new URL('../../../../', import.meta.url).pathname
const STORIES = ['stories/seed-advanced.yaml', 'stories/ecommerce.yaml', 'stories/saas-funnel.yaml']

function prepared(file: string) {
  const p = prepareStory(readFileSync(ROOT + file, 'utf8'), { file, resolveInclude: fileIncludeResolver() })
  expect(p.program, file).toBeDefined()
  return p
}

const line = (r: { event: Parameters<typeof serializeNdjson>[0]; provenance?: unknown }) =>
  `${serializeNdjson(r.event)}${JSON.stringify(r.provenance ?? null)}`

describe('one program, many runs', () => {
  for (const file of STORIES) {
    it(`${file}: runs one after the other and interleaved give the same bytes`, () => {
      const p = prepared(file)
      const options = { limit: 3000, provenance: true }
      const first = [...runPrepared(p, options).records()].map(line)
      const second = [...runPrepared(p, options).records()].map(line)
      expect(second).toEqual(first)
      // Interleaved: two runs of the one program, a record of each in turn.
      const a = runPrepared(p, options).records()[Symbol.iterator]()
      const b = runPrepared(p, options).records()[Symbol.iterator]()
      const fromA: string[] = []
      const fromB: string[] = []
      for (;;) {
        const x = a.next()
        const y = b.next()
        if (!x.done) fromA.push(line(x.value))
        if (!y.done) fromB.push(line(y.value))
        if (x.done && y.done) break
      }
      expect(fromA).toEqual(first)
      expect(fromB).toEqual(first)
    })
  }

  it('a check and a run share the compile; each run has its own summary and runtime diagnostics', () => {
    const p = prepared('stories/seed-advanced.yaml')
    expect(p.check().diagnostics).toEqual([])
    const r1 = runPrepared(p, { limit: 40 })
    const r2 = runPrepared(p, { seed: 7, limit: 30 })
    const e1 = [...r1]
    const e2 = [...r2]
    expect(e1).toHaveLength(40)
    expect(e2).toHaveLength(30)
    expect(r1.summary().total).toBe(40)
    expect(r2.summary().total).toBe(30)
    expect(e2[0].id).not.toBe(e1[0].id)
    expect([...runPrepared(p, { limit: 40 })].map(serializeNdjson)).toEqual(e1.map(serializeNdjson))
  })
})
