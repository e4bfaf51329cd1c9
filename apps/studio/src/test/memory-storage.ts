/** Test doubles of the browser's storage and tab channel: an in-memory Storage and a BroadcastChannel bus. */
import type { TabMessage, TabSync } from '../drafts/tab-sync.ts'

/** An in-memory Storage, as localStorage behaves (one per "browser profile", shared by its tabs). */
export class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>()
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
    this.map.set(key, String(value))
  }
}

/** A BroadcastChannel between tabs: a message reaches every other tab, later (structured-cloned). */
export class TabBus {
  private readonly tabs = new Set<(m: TabMessage) => void>()
  /** While true, messages are dropped (a tab that missed them, or a browser without BroadcastChannel). */
  muted = false

  /** The channel of one tab. */
  tab(): TabSync {
    let mine: ((m: TabMessage) => void) | undefined
    return {
      post: (message) => {
        if (this.muted) return
        const copy = structuredClone(message)
        for (const listener of this.tabs) if (listener !== mine) setTimeout(() => listener(copy), 0)
      },
      listen: (listener) => {
        mine = listener
        this.tabs.add(listener)
        return () => this.tabs.delete(listener)
      },
    }
  }
}
