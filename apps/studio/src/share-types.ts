/** The types of the Share slice (kept apart so the store's types module imports no slice code). */

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
