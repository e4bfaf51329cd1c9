/** What a share link carries: a story's text, and optionally a seed and a name. Text only, never code. */
export interface SharePayload {
  text: string
  seed?: number
  name?: string
}

/** Why a share link could not be opened (stable codes; tools may match on them). */
export type ShareErrorCode =
  | 'share/not-a-link'
  | 'share/unknown-version'
  | 'share/corrupt'
  | 'share/truncated'
  | 'share/too-large'

/** A share-link problem as data: a stable code and a message for people. */
export interface ShareLinkError {
  code: ShareErrorCode
  message: string
}

/** The result of `decodeShareLink`: the payload, or an error (it never throws). */
export type DecodeShareLinkResult = { ok: true; payload: SharePayload } | { ok: false; error: ShareLinkError }
