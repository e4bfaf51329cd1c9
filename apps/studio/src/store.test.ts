import { createEngineClient, createWorkerHost, type EngineClient } from '@autosource/engine/worker'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeEngine } from '../../../packages/engine/src/worker/fake-engine.ts'
import { createDraftPersistence } from './drafts/persistence.ts'
import { createStudioStore, PREVIEW_CAP, type StudioStore } from './store.ts'
import { MemoryStorage } from './test/memory-storage.ts'

const clients: EngineClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose()
})

function open(storage: Storage): StudioStore {
  const engine = createEngineClient({
    loadLocalHost: async () => (post) => createWorkerHost(post, { engine: fakeEngine(), batchSize: 5000 }),
  })
  clients.push(engine)
  return createStudioStore({
    engine,
    persistence: createDraftPersistence(storage, { delayMs: 5 }),
    nextFrame: (fn) => setTimeout(fn, 0),
    toastMs: 0,
  })
}

const until = async (cond: () => boolean, ms = 3000) => {
  const start = Date.now()
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('studio store', () => {
  it('starts a first-time user on the starter story, saved', () => {
    const storage = new MemoryStorage()
    const store = open(storage)
    const { drafts, activeId } = store.getState()
    expect(drafts).toHaveLength(1)
    expect(activeId).toBe(drafts[0].id)
    expect(drafts[0].text).toContain('ref(user.signup.user_id)')
    store.getState().saveNow()
    expect(storage.length).toBeGreaterThanOrEqual(2)
  })

  it('restores every draft, its text, its seed, its order and the open one after a reload', async () => {
    const storage = new MemoryStorage()
    const first = open(storage)
    const s = first.getState()
    s.newDraft()
    const b = first.getState().activeId!
    first.getState().setText(b, 'count: 3\n# edited')
    first.getState().setSeed(b, 1234)
    first.getState().rename(b, 'Beta')
    await new Promise((r) => setTimeout(r, 20)) // autosave debounce, no explicit save
    const again = open(storage).getState()
    expect(again.drafts.map((d) => d.name)).toEqual([s.drafts[0].name, 'Beta'])
    expect(again.activeId).toBe(b)
    expect(again.drafts[1]).toMatchObject({ text: 'count: 3\n# edited', seed: 1234 })
  })

  it('checks after typing stops and keeps only the latest result', async () => {
    const store = open(new MemoryStorage())
    const id = store.getState().activeId!
    store.getState().setText(id, 'oops: 1\ncount: 2')
    store.getState().setText(id, 'ok: 1\n\noops: 2\ncount: 2')
    await until(() => store.getState().check.text === 'ok: 1\n\noops: 2\ncount: 2')
    const d = store.getState().check.diagnostics
    expect(d).toHaveLength(1)
    expect(d[0].start).toEqual({ line: 3, column: 1 })
  })

  it('runs a clean story live, keeps a bounded preview and counts the whole run', async () => {
    const store = open(new MemoryStorage())
    const id = store.getState().activeId!
    store.getState().setText(id, `count: ${PREVIEW_CAP + 1234}`)
    await until(() => store.getState().run.status === 'done', 20_000)
    const run = store.getState().run
    expect(store.getState().feed.snapshot().window?.length).toBe(PREVIEW_CAP)
    expect(run.total).toBe(PREVIEW_CAP + 1234)
    expect(run.summary?.total).toBe(PREVIEW_CAP + 1234)
  })

  it('does not run a story with errors, and an edit cancels the run in flight', async () => {
    const store = open(new MemoryStorage())
    const id = store.getState().activeId!
    store.getState().setText(id, 'count: 5\noops: 1')
    await until(() => store.getState().check.text === 'count: 5\noops: 1')
    expect(store.getState().run.status).toBe('idle')
    store.getState().setText(id, 'count: 5000000')
    await until(() => store.getState().run.status === 'running')
    const cancelledId = store.getState().run.runId
    store.getState().setText(id, 'count: 4')
    expect(store.getState().run.status).not.toBe('running')
    await until(() => store.getState().run.status === 'done' && store.getState().run.text === 'count: 4')
    expect(store.getState().run.runId).not.toBe(cancelledId)
    expect(store.getState().run.total).toBe(4)
  })

  it('deletes with undo, back in the same place', () => {
    const store = open(new MemoryStorage())
    store.getState().newDraft()
    store.getState().newDraft()
    const [a, b, c] = store.getState().drafts
    store.getState().remove(b.id)
    expect(store.getState().drafts.map((d) => d.id)).toEqual([a.id, c.id])
    const toast = store.getState().toasts.at(-1)!
    expect(toast.action?.label).toBe('Undo')
    toast.action!.run()
    expect(store.getState().drafts.map((d) => d.id)).toEqual([a.id, b.id, c.id])
  })

  it('gives duplicates and new drafts unique names', () => {
    const store = open(new MemoryStorage())
    const first = store.getState().drafts[0]
    store.getState().duplicate(first.id)
    store.getState().duplicate(first.id)
    store.getState().newDraft()
    store.getState().newDraft()
    expect(store.getState().drafts.map((d) => d.name)).toEqual([
      first.name,
      `${first.name} copy (2)`,
      `${first.name} copy`,
      'Untitled story',
      'Untitled story (2)',
    ])
  })

  it('fetches the provenance of the selected record from the worker (real engine)', async () => {
    const engine = createEngineClient({})
    clients.push(engine)
    const store = createStudioStore({
      engine,
      persistence: createDraftPersistence(new MemoryStorage(), { delayMs: 5 }),
      nextFrame: (fn) => setTimeout(fn, 0),
      toastMs: 0,
    })
    await until(() => store.getState().run.status === 'done', 20_000)
    const win = store.getState().feed.snapshot().window!
    const sub = win.record(
      Array.from({ length: win.length }, (_, i) => i).find(
        (i) => win.event(i).event === 'subscription.created',
      )!,
    )
    store.getState().selectRecord({ def: sub.def, index: sub.index })
    await until(() => store.getState().selectedProvenance !== null)
    const fields = store.getState().selectedProvenance?.fields ?? []
    expect(fields.find((f) => f.field === 'customer_id')?.expression).toBe('ref(user.signup.user_id)')
  })

  it('opens a library story as a new draft, never overwriting one', () => {
    const store = open(new MemoryStorage())
    const before = store.getState().drafts[0]
    const id = store.getState().openCopy(before.name, 'count: 1', 'library:x.yaml')
    expect(store.getState().drafts).toHaveLength(2)
    expect(store.getState().drafts[0]).toEqual(before)
    expect(store.getState().drafts[1]).toMatchObject({
      id,
      name: `${before.name} (2)`,
      origin: 'library:x.yaml',
    })
  })
})
