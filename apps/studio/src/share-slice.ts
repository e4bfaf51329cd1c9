/**
 * Share, as a slice of the studio store: a link holding the open draft's text, seed and name (the
 * engine's share-link codec, docs/share.md), and opening such links as new drafts.
 */

import { decodeShareLink, encodeShareLink, shareLinkAdvice } from '@autosource/engine/share'
import type { EngineClient, FileMap } from '@autosource/engine/worker'
import { storyNameOf } from './drafts/draft.ts'
import { fileStem } from './export-file-name.ts'
import type { ShareIo } from './share-io.ts'
import { notAShareLink } from './share-junk.ts'
import type { ShareSlice, ShareState } from './share-types.ts'
import type { StudioState } from './state/types.ts'

export type { LinkNotice, ShareSlice, ShareState } from './share-types.ts'

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
  const { io, get, set } = deps
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
        const why = notAShareLink(input, decoded.error.code)
          ? 'This is not a share link.'
          : decoded.error.message
        set({
          linkNotice: {
            tone: 'error',
            message: `This share link could not be opened. ${why} Nothing was changed: your drafts are as you left them.`,
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
      // With Live on it runs at once, capped at SHARED_RUN_LIMIT events until Run (run-slice.ts); it is
      // loaded with `fromLink`, so it may include nothing.
      const id = get().openCopy(title, text, 'link', seed ?? null)
      const draft = get().drafts.find((d) => d.id === id)
      set({ linkNotice: null })
      get().toast(`Opened “${draft?.name ?? title}” from a share link, as a new draft.`)
      return true
    },

    dismissLinkNotice() {
      set({ linkNotice: null })
    },
  }
}
