/**
 * Share, as a slice of the studio store: a link holding the open draft's text, seed and name (the
 * engine's share-link codec, docs/share.md), and opening such links as new drafts.
 */

import { decodeShareLink, encodeShareLink, shareLinkAdvice } from '@autosource/engine/share'
import type { EngineClient, FileMap } from '@autosource/engine/worker'
import { storyNameOf } from './drafts/draft.ts'
import { fileStem } from './export-file-name.ts'
import { formatCount } from './format.ts'
import type { ShareIo } from './share-io.ts'
import type { StudioState } from './store.ts'

/**
 * A story opened from a link runs by itself (when Live is on) only if it is known to make at most this
 * many events; a bigger or unknown one waits for Run, so a link never starts heavy work on its own.
 */
export const SHARED_AUTO_RUN_MAX_EVENTS = 100_000

/** The share dialog. */
export interface ShareState {
  open: boolean
  /** The link, or null when the story cannot travel in a link (`error` says why). */
  link: string | null
  length: number
  /** Set when the link is long enough to be cut by chat tools or mail (shareLinkAdvice). */
  warning: string | null
  error: string | null
  copy: 'idle' | 'copied' | 'failed'
}

/** A message about a link that was opened (or could not be), shown as a dismissible banner. */
export interface LinkNotice {
  tone: 'error' | 'info'
  message: string
}

/** The share part of the store. */
export interface ShareSlice {
  share: ShareState
  linkNotice: LinkNotice | null
  /** Makes the link of the open draft, copies it, and opens the share dialog. */
  openShare(): void
  copyShareLink(): void
  closeShare(): void
  /** Downloads the open draft as a `.yaml` file (for stories too long for a link). */
  downloadStoryFile(): void
  /** Opens a share link as a new draft; a bad link leaves everything as it was and says why. */
  openShareLink(link: string): boolean
  dismissLinkNotice(): void
}

/** What the slice needs from the store and the outside world. */
export interface ShareSliceDeps {
  engine: EngineClient
  files?: FileMap
  mainFile: string
  io: ShareIo
  get: () => StudioState
  set: (partial: Partial<StudioState>) => void
}

const closedShare: ShareState = {
  open: false,
  link: null,
  length: 0,
  warning: null,
  error: null,
  copy: 'idle',
}

/** Creates the share actions (spread into the store). */
export function createShareSlice(deps: ShareSliceDeps): ShareSlice {
  const { engine, io, get, set } = deps
  let copySeq = 0

  const activeDraft = () => {
    const s = get()
    return s.drafts.find((d) => d.id === s.activeId)
  }

  function copy(link: string): void {
    const seq = ++copySeq
    io.copy(link).then(
      () =>
        seq === copySeq && get().share.link === link && set({ share: { ...get().share, copy: 'copied' } }),
      () =>
        seq === copySeq && get().share.link === link && set({ share: { ...get().share, copy: 'failed' } }),
    )
  }

  return {
    share: closedShare,
    linkNotice: null,

    openShare() {
      const draft = activeDraft()
      if (!draft) return
      let link: string
      try {
        link = encodeShareLink(
          { text: draft.text, ...(draft.seed === null ? {} : { seed: draft.seed }), name: draft.name },
          io.baseUrl(),
        )
      } catch (e) {
        set({
          share: {
            ...closedShare,
            open: true,
            error: `This story cannot travel in a link: ${e instanceof Error ? e.message : String(e)}`,
          },
        })
        return
      }
      const advice = shareLinkAdvice(link)
      set({
        share: {
          open: true,
          link,
          length: advice.length,
          warning: advice.warning ?? null,
          error: null,
          copy: 'idle',
        },
      })
      // Copied at once, inside the click: some browsers only allow clipboard writes during a user gesture.
      copy(link)
    },

    copyShareLink() {
      const link = get().share.link
      if (link) copy(link)
    },

    closeShare() {
      copySeq++
      set({ share: closedShare })
    },

    downloadStoryFile() {
      const draft = activeDraft()
      if (!draft) return
      io.downloadText(`${fileStem(draft.name)}.yaml`, draft.text, 'application/yaml')
    },

    openShareLink(input) {
      const decoded = decodeShareLink(input)
      if (!decoded.ok) {
        set({
          linkNotice: {
            tone: 'error',
            message: `This share link could not be opened. ${decoded.error.message} Nothing was changed: your drafts are as you left them.`,
          },
        })
        return false
      }
      const { text, seed, name } = decoded.payload
      // A shared copy shared again stays "X (shared)", not "X (shared) (shared)".
      const base = (name?.trim() || storyNameOf(text) || 'Shared story').replace(
        / \(shared\)(?: \(\d+\))?$/,
        '',
      )
      const title = `${base} (shared)`
      const state = get()
      const wasLive = state.live
      // Live stays off until the story is known to be small: a link must not start heavy work by itself.
      if (wasLive) set({ live: false })
      const id = state.openCopy(title, text, 'link', seed ?? null)
      const draft = get().drafts.find((d) => d.id === id)
      set({ linkNotice: null })
      get().toast(`Opened “${draft?.name ?? title}” from a share link, as a new draft.`)
      if (!wasLive) return true
      const stillThere = () => {
        const now = get()
        return now.activeId === id && now.drafts.find((d) => d.id === id)?.text === text && !now.live
      }
      const decide = (events: number | undefined) => {
        if (!stillThere()) return
        if (events !== undefined && events <= SHARED_AUTO_RUN_MAX_EVENTS) {
          get().setLive(true)
          return
        }
        set({
          linkNotice: {
            tone: 'info',
            message:
              (events === undefined
                ? 'This shared story makes a number of events only a run can tell'
                : `This shared story makes ${formatCount(events)} events`) +
              ', so it did not start by itself and Live is off. Press Run to generate it.',
          },
        })
      }
      engine
        .plan(text, { file: deps.mainFile, files: deps.files, seed })
        .then(decide, () => decide(undefined))
      return true
    },

    dismissLinkNotice() {
      set({ linkNotice: null })
    },
  }
}
