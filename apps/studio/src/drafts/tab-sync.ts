/**
 * Tabs of the studio tell each other about draft writes and deletes over a BroadcastChannel, so a draft
 * open in two tabs stays the same in both (the revision in each message orders them).
 */
import type { Draft } from './draft.ts'

/** The channel's name (one per storage layout version). */
export const TAB_CHANNEL = 'autosource.studio.v1.drafts'

/** What one tab tells the others. */
export type TabMessage =
  | { type: 'saved'; draft: Draft; revision: number; conflictCopyId?: string }
  | { type: 'removed'; id: string }

/** A way to talk to the other tabs (a BroadcastChannel, or a test double). */
export interface TabSync {
  post(message: TabMessage): void
  /** Calls `listener` for every message of another tab; returns the unsubscribe function. */
  listen(listener: (message: TabMessage) => void): () => void
}

/** The browser's channel to the other tabs of this origin; undefined when BroadcastChannel is missing. */
export function browserTabSync(): TabSync | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined
  const channel = new BroadcastChannel(TAB_CHANNEL)
  return {
    post: (message) => channel.postMessage(message),
    listen(listener) {
      const onMessage = (event: MessageEvent) => {
        const m = event.data as TabMessage | null
        if (m && (m.type === 'saved' || m.type === 'removed')) listener(m)
      }
      channel.addEventListener('message', onMessage)
      return () => channel.removeEventListener('message', onMessage)
    },
  }
}
