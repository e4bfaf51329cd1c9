import { describe, expect, it } from 'vitest'
import { MemoryStorage, TabBus } from '../test/memory-storage.ts'
import { type Draft, makeDraft } from './draft.ts'
import { createDraftPersistence, type RemoteChange } from './persistence.ts'

const KEY = (id: string) => `autosource.studio.v1.draft.${id}`
const stored = (storage: Storage, id: string) => JSON.parse(storage.getItem(KEY(id)) ?? 'null')
const settle = () => new Promise((r) => setTimeout(r, 10))

describe('draft revisions and tab sync', () => {
  it('stores a revision with each draft that grows with every write', () => {
    const storage = new MemoryStorage()
    const p = createDraftPersistence(storage)
    const d = makeDraft({ name: 'A', text: 'a' }, 1)
    p.save(d)
    p.flush()
    expect(stored(storage, d.id).revision).toBe(1)
    p.save({ ...d, text: 'ab' })
    p.flush()
    expect(stored(storage, d.id).revision).toBe(2)
    const reloaded = createDraftPersistence(storage)
    reloaded.load()
    expect(reloaded.revision(d.id)).toBe(2)
  })

  it('tells the other tab about a write, which adopts it (no conflict)', async () => {
    const storage = new MemoryStorage()
    const bus = new TabBus()
    const heard: RemoteChange[] = []
    const a = createDraftPersistence(storage, { sync: bus.tab() })
    const d = makeDraft({ name: 'A', text: 'a' }, 1)
    a.save(d)
    a.flush()
    const b = createDraftPersistence(storage, { sync: bus.tab(), onRemote: (c) => heard.push(c) })
    b.load()
    a.save({ ...d, text: 'from a' })
    a.flush()
    await settle()
    expect(heard).toEqual([{ kind: 'saved', draft: { ...d, text: 'from a' }, revision: 2 }])
    // B writes on top of what it heard: revision 3, no conflict.
    const conflicts: Draft[][] = []
    b.setHandlers({
      onConflict: (mine, theirs) => {
        conflicts.push([mine, theirs])
        return undefined
      },
    })
    b.save({ ...d, text: 'from b' })
    b.flush()
    expect(conflicts).toEqual([])
    expect(stored(storage, d.id)).toMatchObject({ text: 'from b', revision: 3 })
  })

  it('finds two tabs writing the same draft, even when no message arrived, and reports both versions', () => {
    const storage = new MemoryStorage()
    const bus = new TabBus()
    bus.muted = true
    const d = makeDraft({ name: 'A', text: 'base' }, 1)
    const a = createDraftPersistence(storage, { sync: bus.tab() })
    a.save(d)
    a.flush()
    const b = createDraftPersistence(storage, { sync: bus.tab() })
    b.load()
    a.save({ ...d, text: 'edit in a' })
    a.flush()
    const conflicts: [string, string][] = []
    b.setHandlers({
      onConflict: (mine, theirs) => {
        conflicts.push([mine.text, theirs.text])
        return 'copy-id'
      },
    })
    b.save({ ...d, text: 'edit in b' })
    b.flush()
    expect(conflicts).toEqual([['edit in b', 'edit in a']])
    expect(stored(storage, d.id)).toMatchObject({ text: 'edit in b', revision: 3 })
  })

  it('tells the other tab about deletes', async () => {
    const storage = new MemoryStorage()
    const bus = new TabBus()
    const heard: RemoteChange[] = []
    const a = createDraftPersistence(storage, { sync: bus.tab() })
    createDraftPersistence(storage, { sync: bus.tab(), onRemote: (c) => heard.push(c) })
    a.remove('d1')
    await settle()
    expect(heard).toEqual([{ kind: 'removed', id: 'd1' }])
  })
})
