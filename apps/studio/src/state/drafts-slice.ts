/**
 * Drafts, as a slice of the studio store: the list, the open one, autosave, names that follow the
 * story's `name:`, and what other tabs did to the same drafts (adopted, or kept side by side on conflict).
 */
import { type Draft, makeDraft, storyNameOf, uniqueName } from '../drafts/draft.ts'
import type { RemoteChange } from '../drafts/persistence.ts'
import { blankStory } from '../drafts/starter.ts'
import type { DraftsSlice, SliceContext } from './types.ts'

/** Creates the draft actions; `initial` is what was restored from storage. */
export function createDraftsSlice(
  ctx: SliceContext,
  initial: { drafts: Draft[]; activeId: string | null },
): DraftsSlice {
  const { get, set, now, steps } = ctx
  const persistence = ctx.deps.persistence
  const others = (id?: string) => get().drafts.filter((d) => d.id !== id)

  function persistIndex(): void {
    const { drafts, activeId } = get()
    persistence.saveIndex({ order: drafts.map((d) => d.id), activeId })
    set({ saveStatus: 'pending' })
  }

  function putDraft(draft: Draft): void {
    set({ drafts: get().drafts.map((d) => (d.id === draft.id ? draft : d)), saveStatus: 'pending' })
    persistence.save(draft)
  }

  function insert(draft: Draft, at = get().drafts.length): void {
    const drafts = [...get().drafts]
    drafts.splice(Math.min(at, drafts.length), 0, draft)
    set({ drafts })
    persistence.save(draft)
    steps.activateDraft(draft.id)
    persistIndex()
  }

  /** The name a draft gets when its `name:` changes: the new name, if the old one was derived from it. */
  function followName(draft: Draft, text: string): string {
    const before = storyNameOf(draft.text)
    const after = storyNameOf(text)
    if (!after || after === before) return draft.name
    const derived = before !== undefined && (draft.name === before || draft.name.startsWith(`${before} (`))
    const untitled = /^Untitled story(?: \(\d+\))?$/.test(draft.name)
    if (!derived && !untitled) return draft.name
    return uniqueName(
      after,
      others(draft.id).map((d) => d.name),
    )
  }

  return {
    drafts: initial.drafts,
    activeId: initial.activeId,
    saveStatus: 'saved',
    conflict: null,

    newDraft() {
      const name = uniqueName(
        'Untitled story',
        get().drafts.map((d) => d.name),
      )
      get().openCopy(name, blankStory(name))
    },

    openCopy(name, text, origin, seed = null) {
      const draft = makeDraft(
        {
          name: uniqueName(
            name,
            get().drafts.map((d) => d.name),
          ),
          text,
          seed,
          ...(origin ? { origin } : {}),
        },
        now(),
      )
      insert(draft)
      return draft.id
    },

    activate: (id) => steps.activateDraft(id),

    rename(id, name) {
      const draft = get().drafts.find((d) => d.id === id)
      const trimmed = name.trim()
      if (!draft || !trimmed || trimmed === draft.name) return
      // Two drafts never share a name (the list and exports tell them apart by it).
      putDraft({
        ...draft,
        name: uniqueName(
          trimmed,
          others(id).map((d) => d.name),
        ),
        updatedAt: now(),
      })
    },

    duplicate(id) {
      const draft = get().drafts.find((d) => d.id === id)
      if (!draft) return
      const copy = makeDraft(
        {
          name: uniqueName(
            `${draft.name} copy`,
            get().drafts.map((d) => d.name),
          ),
          text: draft.text,
          seed: draft.seed,
          ...(draft.origin ? { origin: draft.origin } : {}),
        },
        now(),
      )
      insert(copy, get().drafts.findIndex((d) => d.id === id) + 1)
    },

    remove(id) {
      const drafts = get().drafts
      const at = drafts.findIndex((d) => d.id === id)
      if (at < 0) return
      const draft = drafts[at]
      const rest = drafts.filter((d) => d.id !== id)
      const wasActive = get().activeId === id
      persistence.remove(id)
      set({ drafts: rest })
      if (wasActive) {
        steps.cancelRunInFlight()
        const next = rest[Math.min(at, rest.length - 1)]
        if (next) steps.activateDraft(next.id)
        else steps.clearActive()
      }
      persistIndex()
      get().toast(`Deleted “${draft.name}”.`, 'info', {
        label: 'Undo',
        run: () => {
          if (get().drafts.some((d) => d.id === draft.id)) return
          insert(draft, at)
        },
      })
    },

    setText(id, text) {
      const draft = get().drafts.find((d) => d.id === id)
      if (!draft || draft.text === text) return
      putDraft({ ...draft, text, name: followName(draft, text), updatedAt: now() })
      if (id === get().activeId) {
        // Each edit cancels the run in flight; the check (and, when live, a new run) follows the debounce.
        steps.cancelRunInFlight()
        steps.scheduleCheck()
      }
    },

    setSeed(id, seed) {
      const draft = get().drafts.find((d) => d.id === id)
      if (!draft || draft.seed === seed) return
      putDraft({ ...draft, seed, updatedAt: now() })
      if (id === get().activeId) {
        steps.cancelRunInFlight()
        steps.scheduleCheck()
      }
    },

    setFaultsOff(id, off) {
      const draft = get().drafts.find((d) => d.id === id)
      if (!draft || (draft.faultsOff === true) === off) return
      const { faultsOff: _was, ...rest } = draft
      putDraft(off ? { ...rest, faultsOff: true } : rest)
    },

    saveNow() {
      const ok = persistence.flush()
      set({ saveStatus: ok ? 'saved' : 'error' })
      if (ok) get().toast('Saved in this browser.')
    },

    dismissConflict() {
      set({ conflict: null })
    },
  }
}

/**
 * Another tab wrote `theirs` over a draft this tab had changed too: this tab's version stays in place
 * (it is on screen), the other one becomes a new draft next to it. Returns the copy's id.
 */
export function keepBothVersions(ctx: SliceContext, mine: Draft, theirs: Draft): string {
  const { get, set, now } = ctx
  const copy = makeDraft(
    {
      name: uniqueName(
        `${theirs.name} (other tab)`,
        get().drafts.map((d) => d.name),
      ),
      text: theirs.text,
      seed: theirs.seed,
      origin: 'conflict',
    },
    now(),
  )
  const drafts = [...get().drafts]
  const at = drafts.findIndex((d) => d.id === mine.id)
  drafts.splice(at < 0 ? drafts.length : at + 1, 0, copy)
  set({ drafts, conflict: { draftId: mine.id, copyId: copy.id, copyName: copy.name } })
  ctx.deps.persistence.save(copy)
  ctx.deps.persistence.saveIndex({ order: drafts.map((d) => d.id), activeId: get().activeId })
  return copy.id
}

/** Applies what another tab saved or deleted (the editor follows the open draft's new text). */
export function applyRemoteChange(ctx: SliceContext, change: RemoteChange): void {
  const { get, set, steps } = ctx
  if (change.kind === 'removed') {
    // The open draft stays open here (nothing on screen vanishes); it is saved again on its next edit.
    if (change.id === get().activeId) return
    set({ drafts: get().drafts.filter((d) => d.id !== change.id) })
    return
  }
  const incoming = change.draft
  const current = get().drafts.find((d) => d.id === incoming.id)
  if (!current) {
    set({ drafts: [...get().drafts, incoming] })
    return
  }
  set({ drafts: get().drafts.map((d) => (d.id === incoming.id ? incoming : d)) })
  if (change.conflictCopyId) {
    const copy = get().drafts.find((d) => d.id === change.conflictCopyId)
    set({
      conflict: {
        draftId: incoming.id,
        copyId: change.conflictCopyId,
        copyName: copy?.name ?? `${incoming.name} (other tab)`,
      },
    })
  }
  if (incoming.id === get().activeId && (incoming.text !== current.text || incoming.seed !== current.seed)) {
    steps.cancelRunInFlight()
    steps.scheduleCheck()
  }
}
