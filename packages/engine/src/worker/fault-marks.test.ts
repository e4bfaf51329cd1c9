import { describe, expect, it } from 'vitest'
import { faultLogLines } from '../faults/fault-log.ts'
import { ALL_FAULTS, signupStory } from '../faults/test-stories.ts'
import { isFaultedRun, withFaults } from '../generate/faulted-run.ts'
import { serializeNdjson } from '../generate/serialize.ts'
import { streamStory } from '../generate/stream-story.ts'
import { realEngineApi } from './engine-api.ts'
import { createWorkerHost } from './host.ts'
import { packedTransfer, packRecords, RecordWindow } from './packed-records.ts'
import type { PlainSummary, WorkerMessage } from './protocol.ts'

const N = 3600 // 2.5 days: drift starts on day 3
const FAULTY = signupStory(N, ALL_FAULTS)
const CLEAN = signupStory(N, '')

/** A studio run through the worker host (real engine), its batches in a window as the studio keeps them. */
async function studioRun(text: string, noFaults?: boolean) {
  const win = new RecordWindow(100_000)
  let summary: PlainSummary | undefined
  const host = createWorkerHost(
    (m: WorkerMessage) => {
      const cloned = structuredClone(m)
      if (cloned.type === 'batch' && cloned.records) win.append(cloned.records)
      else if (cloned.type === 'done') summary = cloned.summary
      else if (cloned.type === 'error') throw new Error(cloned.message)
    },
    { engine: realEngineApi(), batchSize: 300 },
  )
  host.handle({ type: 'run', runId: 1, text, previewCap: 100_000, noFaults })
  await host.idle()
  return { win, summary: summary! }
}

/** The CLI's deliveries of the same story: each delivered event and its ground-truth lines. */
function cliDeliveries(text: string) {
  const run = withFaults(streamStory(text))
  if (!isFaultedRun(run)) throw new Error('not faulted')
  return [...run.deliveries()].map((d) => ({
    line: serializeNdjson(d.record.event),
    log: faultLogLines(d, run.story!).map((l) => JSON.parse(l) as Record<string, unknown>),
  }))
}

describe('the studio run marks faulty records as the faults log lists them', () => {
  it('gives the CLI deliveries in order, each faulty one marked with its log lines', {
    timeout: 60_000,
  }, async () => {
    const { win, summary } = await studioRun(FAULTY)
    const expected = cliDeliveries(FAULTY)
    expect(win.length).toBe(expected.length)
    expect(win.length).toBeGreaterThan(N) // duplicates are delivered twice
    let marked = 0
    for (let i = 0; i < win.length; i++) {
      expect(win.line(i)).toBe(expected[i].line)
      const mark = win.fault(i)
      const notes = expected[i].log.map(
        ({ id: _i, event: _e, def: _d, index: _x, timestamp: _t, ...rest }) => rest,
      )
      if (notes.length === 0) expect(mark).toBeUndefined()
      else {
        marked++
        expect(mark?.notes).toEqual(notes)
        expect(win.record(i).fault).toBe(mark)
      }
    }
    expect(win.faulty().size).toBe(marked)
    // Counts per kind: one per log line.
    const lines = expected.flatMap((d) => d.log)
    for (const kind of ['duplicate', 'late', 'drop', 'nullify', 'corrupt', 'drift'] as const) {
      const count = lines.filter((l) => l.fault === kind).length
      expect(count, kind).toBeGreaterThan(0)
      expect(summary.faults?.[kind], kind).toBe(count)
    }
  })

  it('marks a copy, whose original is found by definition and occurrence, earlier and with the same id', async () => {
    const { win } = await studioRun(FAULTY)
    const copies = [...win.faulty()].filter(([, m]) => m.copy)
    expect(copies.length).toBeGreaterThan(10)
    for (const [position, mark] of copies) {
      const original = win.find(win.def(position), win.index(position))
      expect(original).toBeLessThan(position)
      expect(win.findCopy(win.def(position), win.index(position))).toBe(position)
      expect(win.event(original).id).toBe(win.event(position).id)
      expect(mark.notes.map((n) => n.fault)).toEqual(['duplicate'])
      expect(mark.deliveryMs).toBeGreaterThanOrEqual(win.fault(original)?.deliveryMs ?? win.timeMs(original))
    }
  })

  it('keeps the exact keep of a corrupt record and the delivery time of a late one', async () => {
    const { win } = await studioRun(FAULTY)
    const marks = [...win.faulty()]
    const corrupt = marks.filter(([, m]) => m.notes.some((n) => n.fault === 'corrupt'))
    expect(corrupt.length).toBeGreaterThan(0)
    for (const [, m] of corrupt) {
      const note = m.notes.find((n) => n.fault === 'corrupt')!
      expect(m.corruptKeep).toBeCloseTo(note.keep as number, 5)
    }
    const late = marks.filter(([, m]) => m.notes.some((n) => n.fault === 'late'))
    expect(late.length).toBeGreaterThan(0)
    for (const [i, m] of late) {
      const note = m.notes.find((n) => n.fault === 'late')!
      expect(m.deliveryMs).toBe(win.timeMs(i) + (note.late_by_ms as number))
    }
  })

  it('with noFaults gives the clean stream: no marks, no counts, the story without faults line for line', async () => {
    const off = await studioRun(FAULTY, true)
    const clean = await studioRun(CLEAN)
    expect(off.win.length).toBe(N)
    expect(off.win.faulty().size).toBe(0)
    expect(off.summary.faults).toBeUndefined()
    for (let i = 0; i < N; i++) expect(off.win.line(i)).toBe(clean.win.line(i))
    expect(off.summary.perType).toEqual(clean.summary.perType)
  })

  it('says in the outline whether a story has faults', () => {
    const engine = realEngineApi()
    expect(engine.checkStory(FAULTY).outline.faults).toBe(true)
    expect(engine.checkStory(CLEAN).outline.faults).toBeUndefined()
  })
})

describe('packed fault marks', () => {
  const rec = (i: number, faulty: boolean) => ({
    event: { id: `id${i}`, org_id: 'o', source: 's', event: 'e', timestamp: `t${i}`, data: {} },
    def: 0,
    index: i,
    timeMs: i,
    ...(faulty
      ? { fault: { notes: [{ fault: 'drop' as const, field: 'data.x' }], copy: false, deliveryMs: i } }
      : {}),
  })

  it('adds nothing to a clean batch', () => {
    const packed = packRecords([rec(0, false), rec(1, false)], (r) => JSON.stringify(r.event))
    expect(packed.faults).toBeUndefined()
    // Ten metadata arrays (six of records, four of actors); fault positions only when a batch has faults.
    expect(packedTransfer(packed)).toHaveLength(10)
  })

  it('places marks at their records across batches, and transfers their positions', () => {
    const win = new RecordWindow(10)
    win.append(structuredClone(packRecords([rec(0, false), rec(1, true)], (r) => JSON.stringify(r.event))))
    const second = packRecords([rec(2, true), rec(3, false), rec(4, true)], (r) => JSON.stringify(r.event))
    expect(packedTransfer(second)).toHaveLength(11)
    win.append(structuredClone(second))
    expect([...win.faulty().keys()]).toEqual([1, 2, 4])
    expect(win.fault(3)).toBeUndefined()
    expect(win.fault(4)?.notes).toEqual([{ fault: 'drop', field: 'data.x' }])
  })

  it('drops the marks of records past the cap', () => {
    const win = new RecordWindow(2)
    win.append(packRecords([rec(0, false), rec(1, true), rec(2, true)], (r) => JSON.stringify(r.event)))
    expect([...win.faulty().keys()]).toEqual([1])
  })
})
