// The studio's selection flow end to end with the real engine (in-process host): a subscription's
// `customer_id` provenance links to the signup it was read from, following it selects that signup, the
// timeline and the table find both, and the origin is kept for the timeline.
import { createEngineClient, type EngineClient } from '@autosource/engine/worker'
import { afterEach, describe, expect, it } from 'vitest'
import { RowIndex } from './components/event-table-rows.ts'
import { provenanceLinks, valueAtPath } from './components/inspector-provenance.ts'
import { LaneIndex } from './components/timeline-lanes.ts'
import { createDraftPersistence } from './drafts/persistence.ts'
import { createStudioStore, type StudioStore } from './store.ts'

function memoryStorage(): Storage {
  const map = new Map<string, string>()
  return {
    get length() {
      return map.size
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  }
}

const clients: EngineClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose()
})

async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const start = Date.now()
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

async function starterRun(): Promise<StudioStore> {
  const engine = createEngineClient({})
  clients.push(engine)
  const store = createStudioStore({
    engine,
    persistence: createDraftPersistence(memoryStorage(), { delayMs: 5 }),
    nextFrame: (fn) => setTimeout(fn, 0),
    toastMs: 0,
  })
  await until(() => store.getState().run.status === 'done' && store.getState().run.outline !== null)
  return store
}

describe('selection across the views', () => {
  it('follows ref(user.signup.user_id) to the signup with the same id, keeping where it came from', async () => {
    const store = await starterRun()
    const { outline, runId } = store.getState().run
    const win = store.getState().feed.snapshot().window
    const subDef = outline!.events.findIndex((e) => e.event === 'subscription.created')
    const sub = { def: subDef, index: 2 }
    store.getState().selectRecord(sub)
    await until(() => store.getState().selectedProvenance?.fields != null)
    expect(store.getState().selectedProvenance?.runId).toBe(runId)
    expect(store.getState().selectionOrigin).toBeNull()

    const field = store.getState().selectedProvenance!.fields!.find((f) => f.field === 'customer_id')!
    const [link] = provenanceLinks(field, outline!.events)
    expect(link.label).toBe('Go to referenced user.signup #3')
    store.getState().selectRecord(link.target, sub)
    expect(store.getState().selected).toEqual(link.target)
    expect(store.getState().selectionOrigin).toEqual(sub)

    const subEvent = win!.event(win!.find(sub.def, sub.index))
    const signup = win!.event(win!.find(link.target.def, link.target.index))
    expect(signup.event).toBe('user.signup')
    expect(valueAtPath(signup.data, link.field)).toBe(subEvent.data.customer_id)

    // The table finds the row of the selection, whichever the order; the timeline has both occurrences.
    const rows = new RowIndex(win!, { defs: null, text: '' })
    rows.update()
    const at = win!.find(link.target.def, link.target.index)
    expect(rows.position(rows.rowOf(at, 'desc'), 'desc')).toBe(at)
    const lanes = new LaneIndex(win!)
    lanes.update()
    expect(lanes.lanes[link.target.def].positions.subarray(0, 30)).toContain(at)

    store.getState().selectRecord(null)
    expect(store.getState().selectionOrigin).toBeNull()
  })
})
