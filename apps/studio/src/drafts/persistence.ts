/**
 * Drafts in localStorage, one key per draft plus an index. localStorage (not IndexedDB) because its
 * writes are synchronous: a flush from `pagehide` is guaranteed to land before the tab goes away.
 *
 * Each stored draft carries a revision, a number that grows with every write. A tab remembers the
 * revision it last saw of each draft; finding a higher one in storage when it writes means another tab
 * wrote in between: a conflict, reported with both versions (nothing is overwritten unseen). Tabs also
 * tell each other about every write and delete over a BroadcastChannel (tab-sync.ts).
 */
import type { Draft } from './draft.ts'
import type { TabMessage, TabSync } from './tab-sync.ts'

const PREFIX = 'autosource.studio.v1.'
const INDEX_KEY = `${PREFIX}index`
const DRAFT_PREFIX = `${PREFIX}draft.`

/** The saved order of drafts and which one was open. */
export interface DraftIndex {
  order: string[]
  activeId: string | null
}

/** A change another tab made, as this tab hears of it. */
export type RemoteChange =
  | { kind: 'saved'; draft: Draft; revision: number; conflictCopyId?: string }
  | { kind: 'removed'; id: string }

/** What the persistence tells the store about other tabs (set once the store exists). */
export interface PersistenceHandlers {
  /**
   * Another tab wrote this draft since this tab last saw it. `mine` is written in place (it is what this
   * tab shows); return the id of the copy made of `theirs` (so the other tab can say where it went).
   */
  onConflict?: (mine: Draft, theirs: Draft) => string | undefined
  /** Another tab saved or deleted a draft (not called for drafts with unsaved edits here: those conflict on write). */
  onRemote?: (change: RemoteChange) => void
}

/** How the persistence is made. */
export interface PersistenceOptions extends PersistenceHandlers {
  /** Debounce of writes (default 200 ms). */
  delayMs?: number
  onError?: (message: string) => void
  onSaved?: () => void
  /** The channel to the other tabs (none: no sync, conflicts are still found on write). */
  sync?: TabSync
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
  /** The revision of a draft this tab last wrote or saw (0 when never saved). */
  revision(id: string): number
  /** Sets who hears of conflicts and of other tabs' changes (replacing the options' handlers). */
  setHandlers(handlers: PersistenceHandlers): void
  /** Stops listening to other tabs. */
  close(): void
}

/** Creates the persistence over a Storage (localStorage in the browser, a Map-backed double in tests). */
export function createDraftPersistence(
  storage: Storage | undefined,
  options: PersistenceOptions = {},
): DraftPersistence {
  const delayMs = options.delayMs ?? 200
  const pending = new Map<string, Draft>()
  // The revision of each draft this tab last wrote or saw; a higher one in storage is another tab's write.
  const known = new Map<string, number>()
  let handlers: PersistenceHandlers = { onConflict: options.onConflict, onRemote: options.onRemote }
  const unlisten = options.sync?.listen(heard)
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
        write(storage, id, draft)
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

  /** Writes one draft with the next revision, after checking that no other tab wrote it unseen. */
  function write(storage: Storage, id: string, draft: Draft): void {
    const stored = readStored(storage, id)
    const base = known.get(id) ?? 0
    let conflictCopyId: string | undefined
    if (stored && stored.revision > base && !sameContent(stored.draft, draft)) {
      conflictCopyId = handlers.onConflict?.(draft, stored.draft)
    }
    const revision = Math.max(stored?.revision ?? 0, base) + 1
    storage.setItem(DRAFT_PREFIX + id, JSON.stringify({ ...draft, revision }))
    known.set(id, revision)
    options.sync?.post({ type: 'saved', draft, revision, ...(conflictCopyId ? { conflictCopyId } : {}) })
  }

  function heard(message: TabMessage): void {
    if (message.type === 'removed') {
      known.delete(message.id)
      pending.delete(message.id)
      handlers.onRemote?.({ kind: 'removed', id: message.id })
      return
    }
    const draft = parseDraft(message.draft)
    if (!draft || typeof message.revision !== 'number') return
    // Unsaved edits here: leave the known revision behind, so the write finds the conflict.
    if (pending.has(draft.id)) return
    if ((known.get(draft.id) ?? 0) >= message.revision) return
    known.set(draft.id, message.revision)
    handlers.onRemote?.({
      kind: 'saved',
      draft,
      revision: message.revision,
      ...(message.conflictCopyId ? { conflictCopyId: message.conflictCopyId } : {}),
    })
  }

  return {
    revision: (id) => known.get(id) ?? 0,
    setHandlers(next) {
      handlers = next
    },
    close: () => unlisten?.(),
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
          const value = JSON.parse(storage.getItem(key) ?? 'null')
          const draft = parseDraft(value)
          if (draft) {
            byId.set(draft.id, draft)
            known.set(draft.id, revisionOf(value))
          }
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
      known.delete(id)
      try {
        storage?.removeItem(DRAFT_PREFIX + id)
      } catch {
        // Nothing to do: a draft that could not be removed reappears on reload, which loses nothing.
      }
      options.sync?.post({ type: 'removed', id })
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

/** The stored draft and its revision, when there is one. */
function readStored(storage: Storage, id: string): { draft: Draft; revision: number } | undefined {
  try {
    const value = JSON.parse(storage.getItem(DRAFT_PREFIX + id) ?? 'null')
    const draft = parseDraft(value)
    return draft ? { draft, revision: revisionOf(value) } : undefined
  } catch {
    return undefined
  }
}

function revisionOf(value: unknown): number {
  const r = (value as { revision?: unknown } | null)?.revision
  return typeof r === 'number' && Number.isSafeInteger(r) && r > 0 ? r : 0
}

/** Same text, name and seed: two tabs that wrote the same thing do not conflict. */
function sameContent(a: Draft, b: Draft): boolean {
  return a.text === b.text && a.name === b.name && a.seed === b.seed
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
    ...(v.budgetStopped === 'check' || v.budgetStopped === 'run' ? { budgetStopped: v.budgetStopped } : {}),
    ...(v.faultsOff === true ? { faultsOff: true } : {}),
  }
}
