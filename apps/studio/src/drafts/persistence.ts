/**
 * Drafts in localStorage, one key per draft plus an index. localStorage (not IndexedDB) because its
 * writes are synchronous: a flush from `pagehide` is guaranteed to land before the tab goes away.
 */
import type { Draft } from './draft.ts'

const PREFIX = 'autosource.studio.v1.'
const INDEX_KEY = `${PREFIX}index`
const DRAFT_PREFIX = `${PREFIX}draft.`

/** The saved order of drafts and which one was open. */
export interface DraftIndex {
  order: string[]
  activeId: string | null
}

/** Saving and restoring drafts; writes are debounced and flushed on demand. */
export interface DraftPersistence {
  load(): { drafts: Draft[]; activeId: string | null }
  /** Schedules a write of this draft (debounced). */
  save(draft: Draft): void
  /** Schedules a write of the order and the open draft (debounced). */
  saveIndex(index: DraftIndex): void
  /** Removes a draft now. */
  remove(id: string): void
  /** Writes everything scheduled, now. Returns false when storage refused (e.g. full). */
  flush(): boolean
}

/** Creates the persistence over a Storage (localStorage in the browser, a Map-backed double in tests). */
export function createDraftPersistence(
  storage: Storage | undefined,
  options: { delayMs?: number; onError?: (message: string) => void; onSaved?: () => void } = {},
): DraftPersistence {
  const delayMs = options.delayMs ?? 200
  const pending = new Map<string, Draft>()
  let pendingIndex: DraftIndex | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastError: string | undefined

  function report(message: string): void {
    // One message per kind of failure, not one per keystroke.
    if (message === lastError) return
    lastError = message
    options.onError?.(message)
  }

  function schedule(): void {
    if (timer === undefined) timer = setTimeout(flush, delayMs)
  }

  function flush(): boolean {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (!storage) {
      if (pending.size > 0 || pendingIndex)
        report('This browser does not let the studio save drafts; copy your work before closing the tab.')
      pending.clear()
      pendingIndex = undefined
      return false
    }
    let ok = true
    for (const [id, draft] of pending) {
      try {
        storage.setItem(DRAFT_PREFIX + id, JSON.stringify(draft))
        pending.delete(id)
      } catch {
        ok = false
      }
    }
    if (pendingIndex) {
      try {
        storage.setItem(INDEX_KEY, JSON.stringify(pendingIndex))
        pendingIndex = undefined
      } catch {
        ok = false
      }
    }
    if (ok) {
      lastError = undefined
      options.onSaved?.()
    }
    // Unsaved drafts stay pending, so the next edit or flush tries again.
    else
      report(
        'Browser storage is full: your latest changes are not saved yet. Delete a draft or export your story.',
      )
    return ok
  }

  return {
    load() {
      if (!storage) return { drafts: [], activeId: null }
      let index: DraftIndex = { order: [], activeId: null }
      try {
        const raw = storage.getItem(INDEX_KEY)
        if (raw) index = parseIndex(JSON.parse(raw))
      } catch {
        // A damaged index loses only the order: the drafts themselves are found by key below.
      }
      const byId = new Map<string, Draft>()
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)
        if (!key?.startsWith(DRAFT_PREFIX)) continue
        try {
          const draft = parseDraft(JSON.parse(storage.getItem(key) ?? 'null'))
          if (draft) byId.set(draft.id, draft)
        } catch {
          // Unreadable entries are left in place (never deleted), in case a later version can read them.
        }
      }
      const drafts: Draft[] = []
      for (const id of index.order) {
        const d = byId.get(id)
        if (d) {
          drafts.push(d)
          byId.delete(id)
        }
      }
      // Drafts missing from the index (a crash between two writes) are still restored, oldest first.
      drafts.push(...[...byId.values()].sort((a, b) => a.createdAt - b.createdAt))
      const activeId = drafts.some((d) => d.id === index.activeId) ? index.activeId : (drafts[0]?.id ?? null)
      return { drafts, activeId }
    },
    save(draft) {
      pending.set(draft.id, draft)
      schedule()
    },
    saveIndex(index) {
      pendingIndex = index
      schedule()
    },
    remove(id) {
      pending.delete(id)
      try {
        storage?.removeItem(DRAFT_PREFIX + id)
      } catch {
        // Nothing to do: a draft that could not be removed reappears on reload, which loses nothing.
      }
    },
    flush,
  }
}

function parseIndex(value: unknown): DraftIndex {
  const v = value as Partial<DraftIndex> | null
  return {
    order: Array.isArray(v?.order) ? v.order.filter((x): x is string => typeof x === 'string') : [],
    activeId: typeof v?.activeId === 'string' ? v.activeId : null,
  }
}

function parseDraft(value: unknown): Draft | undefined {
  const v = value as Partial<Draft> | null
  if (!v || typeof v.id !== 'string' || typeof v.text !== 'string') return undefined
  return {
    id: v.id,
    name: typeof v.name === 'string' ? v.name : 'Untitled story',
    text: v.text,
    seed: typeof v.seed === 'number' && Number.isFinite(v.seed) ? v.seed : null,
    createdAt: typeof v.createdAt === 'number' ? v.createdAt : 0,
    updatedAt: typeof v.updatedAt === 'number' ? v.updatedAt : 0,
    ...(typeof v.origin === 'string' ? { origin: v.origin } : {}),
  }
}
