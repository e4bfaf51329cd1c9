import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import * as prepare from '../generate/prepare-story.ts'
import { realEngineApi } from './engine-api.ts'
import { createWorkerHost } from './host.ts'
import type { WorkerMessage } from './protocol.ts'

vi.mock('../generate/prepare-story.ts', async (original) => {
  const actual = await original<typeof import('../generate/prepare-story.ts')>()
  return { ...actual, prepareStory: vi.fn(actual.prepareStory) }
})

const ADVANCED = readFileSync(new URL('../../../../stories/seed-advanced.yaml', import.meta.url), 'utf8')

describe('the host compiles a story once per edit', () => {
  it('check, plan, run and export of one text share one prepared story; an edit prepares again', async () => {
    const spy = vi.mocked(prepare.prepareStory)
    spy.mockClear()
    const messages: WorkerMessage[] = []
    const host = createWorkerHost((m) => messages.push(m), {
      engine: realEngineApi(),
      yieldToLoop: async () => {},
    })
    host.handle({ type: 'check', requestId: 1, text: ADVANCED })
    host.handle({ type: 'plan', requestId: 2, text: ADVANCED, seed: 42 })
    host.handle({
      type: 'run',
      runId: 1,
      text: ADVANCED,
      seed: 42,
      limit: 50,
      previewCap: 50,
      provenance: false,
    })
    await host.idle()
    host.handle({
      type: 'run',
      runId: 2,
      text: ADVANCED,
      seed: 7,
      limit: 50,
      previewCap: 50,
      provenance: false,
    })
    await host.idle()
    expect(spy).toHaveBeenCalledTimes(1)
    const done = messages.filter((m) => m.type === 'done')
    expect(done.map((m) => m.type === 'done' && m.summary.total)).toEqual([50, 50])
    host.handle({ type: 'check', requestId: 3, text: `${ADVANCED}\n# edited\n` })
    expect(spy).toHaveBeenCalledTimes(2)
  })
})
