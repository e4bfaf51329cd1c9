import { SHARE_LINK_WARN_LENGTH } from './share-limits.ts'

/** Whether a link is short enough to share safely; when not, a warning for the user. */
export interface ShareLinkAdvice {
  ok: boolean
  length: number
  warning?: string
}

/** Advises on a link's length: past `SHARE_LINK_WARN_LENGTH` characters it warns and suggests the .yaml file. */
export function shareLinkAdvice(link: string): ShareLinkAdvice {
  const length = link.length
  if (length <= SHARE_LINK_WARN_LENGTH) return { ok: true, length }
  return {
    ok: false,
    length,
    warning:
      `This link is ${length.toLocaleString('en-US')} characters long. Links over ` +
      `${SHARE_LINK_WARN_LENGTH.toLocaleString('en-US')} characters may be cut short by chat tools, e-mail ` +
      'and some browsers, and a cut link will not open. Download the story as a .yaml file to share it instead.',
  }
}
