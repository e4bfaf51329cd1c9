/** The browser side of Share: the page's own address, the clipboard, and downloading a `.yaml` file. */
import { downloadBlob } from './export-io.ts'

/** What sharing needs of the browser (injected, so the store is tested in Node). */
export interface ShareIo {
  /** Where links point: this page without its fragment (any host or path may serve the studio). */
  baseUrl(): string
  /** Puts text on the clipboard; rejects when the browser refuses (no permission, insecure page). */
  copy(text: string): Promise<void>
  /** Downloads `text` as a file. */
  downloadText(fileName: string, text: string, type: string): void
}

/** The real browser. */
export function browserShareIo(): ShareIo {
  return {
    baseUrl: () => location.origin + location.pathname + location.search,
    async copy(text) {
      if (!navigator.clipboard?.writeText) throw new Error('This browser gives no access to the clipboard.')
      await navigator.clipboard.writeText(text)
    },
    downloadText: (fileName, text, type) => downloadBlob(new Blob([text], { type }), fileName),
  }
}

/** True when a URL or fragment carries a share link (`#s=...`, possibly among other parameters). */
export function hasShareFragment(hash: string): boolean {
  return /^#(?:.*&)?s=/.test(hash)
}

/**
 * Opens the share link in the page's address, if any, then strips the fragment (history.replaceState)
 * so a reload does not open it again. Returns true when there was a link (opened or not).
 */
export function takeShareLinkFromLocation(open: (link: string) => void, loc: Location = location): boolean {
  if (!hasShareFragment(loc.hash)) return false
  const link = loc.href
  history.replaceState(history.state, '', loc.pathname + loc.search)
  open(link)
  return true
}
