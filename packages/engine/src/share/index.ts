// Share links: a story's text and seed in a URL fragment (`#s=v1.<data>`); docs/share.md has the format.
export { decodeShareLink } from './decode-share-link.ts'
export { encodeShareLink, SHARE_LINK_PREFIX } from './encode-share-link.ts'
export {
  MAX_SHARE_LINK_LENGTH,
  MAX_SHARE_PAYLOAD_BYTES,
  MAX_SHARE_TEXT_LENGTH,
  SHARE_LINK_WARN_LENGTH,
} from './share-limits.ts'
export { type ShareLinkAdvice, shareLinkAdvice } from './share-link-advice.ts'
export type {
  DecodeShareLinkResult,
  ShareErrorCode,
  ShareLinkError,
  SharePayload,
} from './share-link-types.ts'
