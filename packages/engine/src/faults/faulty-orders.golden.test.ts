import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isFaultedRun, withFaults } from '../generate/faulted-run.ts'
import { serializeDeliveredChunks } from '../generate/serialize-delivered.ts'
import { streamStory } from '../generate/stream-story.ts'

// The library story's delivered stream (faults on) is a golden too: stories/stories.test.ts
// covers its clean stream. After an intended change: `UPDATE_GOLDEN=1 pnpm test faults`.
const ROOT = new URL('../../../../', import.meta.url).pathname
const STORY = join(ROOT, 'stories/faulty-orders.yaml')
const GOLDEN = join(ROOT, 'stories/__golden__/faulty-orders.delivered.ndjson')
const GOLDEN_LOG = join(ROOT, 'stories/__golden__/faulty-orders.faults.ndjson')

describe('stories/faulty-orders.yaml with faults', () => {
  it('golden: first 400 deliveries and their faults log', () => {
    const log: string[] = []
    const run = withFaults(
      streamStory(readFileSync(STORY, 'utf8'), { file: 'stories/faulty-orders.yaml', limit: 400 }),
      {
        onFaultLine: (l) => log.push(l),
      },
    )
    expect(isFaultedRun(run)).toBe(true)
    if (!isFaultedRun(run)) return
    const out = [...serializeDeliveredChunks(run, 'ndjson', [])].join('')
    expect(run.diagnostics).toEqual([])
    const actualLog = `${log.join('\n')}\n`
    if (process.env.UPDATE_GOLDEN || (!existsSync(GOLDEN) && !process.env.CI)) {
      writeFileSync(GOLDEN, out)
      writeFileSync(GOLDEN_LOG, actualLog)
    }
    expect(out).toBe(readFileSync(GOLDEN, 'utf8'))
    expect(actualLog).toBe(readFileSync(GOLDEN_LOG, 'utf8'))
  })

  it('the whole month has every fault kind', () => {
    const kinds = new Set<string>()
    const run = withFaults(streamStory(readFileSync(STORY, 'utf8')), {
      onFaultLine: (l) => kinds.add(JSON.parse(l).fault),
    })
    for (const _ of run) {
      // Deliver everything: the log fills as the deliveries are made.
    }
    expect([...kinds].sort()).toEqual(['corrupt', 'drift', 'drop', 'duplicate', 'late', 'nullify'])
  })
})
