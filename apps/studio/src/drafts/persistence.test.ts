import { describe, expect, it } from 'vitest'
import { makeDraft } from './draft.ts'
import { createDraftPersistence } from './persistence.ts'

/** localStorage double with an optional quota (in characters). */
class QuotaStorage implements Storage {
  readonly map = new Map<string, string>()
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.map.size
  }
  clear() {
    this.map.clear()
  }
  getItem(key: string) {
    return this.map.get(key) ?? null
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null
  }
  removeItem(key: string) {
    this.map.delete(key)
  }
  setItem(key: string, value: string) {
    const used = [...this.map.entries()].reduce((n, [k, v]) => (k === key ? n : n + v.length), 0)
    if (used + value.length > this.quota) throw new DOMException('full', 'QuotaExceededError')
    this.map.set(key, value)
  }
}

describe('draft persistence', () => {
  it('round-trips drafts in order with the open one, and finds drafts missing from the index', () => {
    const storage = new QuotaStorage()
    const p = createDraftPersistence(storage)
    const a = makeDraft({ name: 'A', text: 'a', seed: 3 }, 1)
    const b = makeDraft({ name: 'B', text: 'b' }, 2)
    const c = makeDraft({ name: 'C', text: 'c' }, 3)
    p.save(a)
    p.save(b)
    p.save(c)
    p.saveIndex({ order: [b.id, a.id], activeId: a.id })
    expect(p.flush()).toBe(true)
    const loaded = createDraftPersistence(storage).load()
    expect(loaded.drafts).toEqual([b, a, c])
    expect(loaded.activeId).toBe(a.id)
  })

  it('survives a damaged index and damaged entries without deleting anything', () => {
    const storage = new QuotaStorage()
    const a = makeDraft({ name: 'A', text: 'a' }, 1)
    storage.setItem('autosource.studio.v1.index', '{not json')
    storage.setItem(`autosource.studio.v1.draft.${a.id}`, JSON.stringify(a))
    storage.setItem('autosource.studio.v1.draft.broken', '{')
    const loaded = createDraftPersistence(storage).load()
    expect(loaded.drafts).toEqual([a])
    expect(storage.getItem('autosource.studio.v1.draft.broken')).toBe('{')
  })

  it('reports a full storage once, keeps the change pending, and saves it when space frees up', () => {
    const storage = new QuotaStorage(200)
    const errors: string[] = []
    const p = createDraftPersistence(storage, { onError: (m) => errors.push(m) })
    const big = makeDraft({ name: 'Big', text: 'x'.repeat(500) }, 1)
    p.save(big)
    expect(p.flush()).toBe(false)
    p.save({ ...big, text: 'x'.repeat(501) })
    expect(p.flush()).toBe(false)
    expect(errors).toHaveLength(1)
    p.save({ ...big, text: 'small' })
    expect(p.flush()).toBe(true)
    expect(createDraftPersistence(storage).load().drafts[0].text).toBe('small')
  })

  it('writes on the debounce without an explicit flush', async () => {
    const storage = new QuotaStorage()
    const saved: number[] = []
    const p = createDraftPersistence(storage, { delayMs: 5, onSaved: () => saved.push(1) })
    p.save(makeDraft({ name: 'A', text: 'a' }, 1))
    await new Promise((r) => setTimeout(r, 30))
    expect(storage.length).toBe(1)
    expect(saved).toHaveLength(1)
  })
})
