import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { realEngineApi } from './engine-api.ts'
import { createWorkerHost } from './host.ts'
import type { WorkerMessage } from './protocol.ts'

const stories = new URL('../../../../stories/', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, stories), 'utf8')

describe('includes against the open files (studio)', () => {
  it('a library story opened as a root draft finds its folder-mates by name', () => {
    const files = {
      'composition/shared.yaml': read('composition/shared.yaml'),
      'composition/_marketing-site.yaml': read('composition/_marketing-site.yaml'),
      'seed-advanced.yaml': read('seed-advanced.yaml'),
    }
    const messages: WorkerMessage[] = []
    const host = createWorkerHost((m) => messages.push(m), { engine: realEngineApi() })
    host.handle({
      type: 'check',
      requestId: 1,
      text: read('composition/product-launch.yaml'),
      file: 'story.yaml',
      files,
    })
    const checked = messages.find((m) => m.type === 'checked')
    if (checked?.type !== 'checked') throw new Error('no checked message')
    expect(checked.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([])
  })

  it('an include that names no open file is still a clear diagnostic', () => {
    const messages: WorkerMessage[] = []
    const host = createWorkerHost((m) => messages.push(m), { engine: realEngineApi() })
    const text =
      'org_id: a\nstart_date: 2025-01-01\ninclude: [nope.yaml]\nevents:\n  - source: s\n    event: e\n'
    host.handle({ type: 'check', requestId: 1, text, file: 'story.yaml', files: { 'a/x.yaml': 'x: 1' } })
    const checked = messages.find((m) => m.type === 'checked')
    if (checked?.type !== 'checked') throw new Error('no checked message')
    expect(checked.diagnostics.map((d) => d.code)).toEqual(['story/include-missing'])
  })
})
