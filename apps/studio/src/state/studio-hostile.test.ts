import { createEngineClient, type EngineClient } from '@autosource/engine/worker'
import { afterEach, describe, expect, it } from 'vitest'
import { createDraftPersistence } from '../drafts/persistence.ts'
import { createStudioStore, type StudioStore } from '../store.ts'
import { hangingWorkers } from '../test/hanging-worker.ts'
import { MemoryStorage, TabBus } from '../test/memory-storage.ts'

const clients: EngineClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose()
})

const until = async (cond: () => boolean, ms = 5000) => {
  const start = Date.now()
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** A tab of the studio over a worker that hangs on `hang` texts (budget 60 ms). */
function tab(storage: Storage, bus?: TabBus) {
  const { workers, create } = hangingWorkers()
  const engine = createEngineClient({ createWorker: create, checkBudgetMs: 60, stallTimeoutMs: 200 })
  clients.push(engine)
  const store = createStudioStore({
    engine,
    persistence: createDraftPersistence(storage, { delayMs: 5, ...(bus ? { sync: bus.tab() } : {}) }),
    nextFrame: (fn) => setTimeout(fn, 0),
    toastMs: 0,
  })
  return { store, workers }
}

describe('studio under hostile input', () => {
  it('stops a check past its budget, shows limit/budget, keeps the text, and does not check it again after a reload', async () => {
    const storage = new MemoryStorage()
    const { store, workers } = tab(storage)
    const id = store.getState().activeId!
    store.getState().setText(id, 'count: 3 hang-check')
    await until(() => store.getState().budgetStop !== null)
    const state = store.getState()
    expect(state.check.diagnostics.map((d) => d.code)).toEqual(['limit/budget'])
    expect(state.budgetStop?.message).toMatch(/stopped and restarted\. Your text is safe/)
    expect(state.drafts[0]).toMatchObject({ text: 'count: 3 hang-check', budgetStopped: 'check' })
    expect(workers[0].terminated).toBe(true)
    // A new draft is checked by the fresh worker at once.
    store.getState().newDraft()
    await until(
      () => store.getState().check.draftId === store.getState().activeId && !store.getState().check.checking,
    )
    expect(store.getState().check.diagnostics).toEqual([])

    // Reload with the hanging draft open: no check is sent, a banner says why.
    store.getState().activate(id)
    store.getState().saveNow()
    const again = tab(storage)
    expect(again.store.getState().budgetStop).toMatchObject({ kind: 'restored', draftId: id })
    await new Promise((r) => setTimeout(r, 100))
    expect(again.workers.every((w) => !w.stuck)).toBe(true)
    // The user fixes the text and checks deliberately: the mark goes away.
    again.store.getState().setText(id, 'count: 3')
    again.store.getState().checkNow()
    await until(() => again.store.getState().check.text === 'count: 3')
    expect(again.store.getState().drafts.find((d) => d.id === id)?.budgetStopped).toBeUndefined()
  })

  it('stops a run that goes silent as limit/budget and does not run it by itself after a reload', async () => {
    const storage = new MemoryStorage()
    const { store } = tab(storage)
    const id = store.getState().activeId!
    store.getState().setText(id, 'count: 6 hang-run')
    await until(() => store.getState().run.status === 'error' && store.getState().budgetStop !== null)
    expect(store.getState().budgetStop).toMatchObject({ kind: 'run', draftId: id })
    expect(store.getState().run.error).toMatch(/The run sent nothing for/)
    expect(store.getState().drafts[0].budgetStopped).toBe('run')
    const again = tab(storage)
    await until(() => again.store.getState().check.text === 'count: 6 hang-run')
    await new Promise((r) => setTimeout(r, 50))
    expect(again.store.getState().run.status).toBe('idle')
    expect(again.store.getState().budgetStop?.kind).toBe('restored')
  })
})

describe('two tabs on one draft', () => {
  it('shows an edit of one tab in the other', async () => {
    const storage = new MemoryStorage()
    const bus = new TabBus()
    const a = tab(storage, bus).store
    a.getState().saveNow()
    const b = tab(storage, bus).store
    const id = a.getState().activeId!
    expect(b.getState().activeId).toBe(id)
    a.getState().setText(id, 'count: 2 # from a')
    a.getState().saveNow()
    await until(() => b.getState().drafts.find((d) => d.id === id)?.text === 'count: 2 # from a')
    expect(b.getState().conflict).toBeNull()
  })

  it('keeps both versions when both tabs changed the draft', async () => {
    const storage = new MemoryStorage()
    const bus = new TabBus()
    const a = tab(storage, bus).store
    a.getState().saveNow()
    const b = tab(storage, bus).store
    const id = a.getState().activeId!
    a.getState().setText(id, 'count: 2 # from a')
    b.getState().setText(id, 'count: 3 # from b')
    a.getState().saveNow()
    b.getState().saveNow()
    const texts = (s: StudioStore) => s.getState().drafts.map((d) => d.text)
    expect(texts(b)).toContain('count: 3 # from b')
    expect(texts(b)).toContain('count: 2 # from a')
    expect(b.getState().conflict).toMatchObject({ draftId: id })
    await until(() => texts(a).includes('count: 3 # from b') && a.getState().conflict !== null)
    // Tab A now shows B's text in the draft and keeps its own edit as the copy: nothing lost.
    expect(texts(a)).toContain('count: 2 # from a')
  })
})
