import { decodeFrameV1 } from './frame-v1.ts'
import { MAX_SHARE_LINK_LENGTH } from './share-limits.ts'
import type { DecodeShareLinkResult, ShareErrorCode } from './share-link-types.ts'

// One decoder per format version; a new format adds an entry here and old links keep opening.
const DECODERS: Record<string, (data: string) => DecodeShareLinkResult> = {
  '1': decodeFrameV1,
}

/**
 * Opens a share link: a full URL, a `#s=...` fragment, `s=...`, or the bare `v1....` value. Returns
 * the story text (and seed and name when the link has them) or an error with a stable code; it never
 * throws and never evaluates anything: the result is plain text for the story loader.
 */
export function decodeShareLink(urlOrFragment: string): DecodeShareLinkResult {
  if (typeof urlOrFragment !== 'string') return fail('share/not-a-link', 'A share link must be text.')
  const input = urlOrFragment.trim()
  if (input.length > MAX_SHARE_LINK_LENGTH) {
    return fail(
      'share/too-large',
      `The link is ${input.length} characters; share links are at most ${MAX_SHARE_LINK_LENGTH}. It was not opened.`,
    )
  }
  const value = shareValue(input)
  if (value === undefined) {
    return fail('share/not-a-link', 'This is not an AutoSource share link: it has no `#s=` part.')
  }
  const version = /^v([0-9]+)\./.exec(value)
  if (!version) {
    // `s=`, `s=v` or `s=v1`: the link was cut inside its version prefix.
    if ('v1.'.startsWith(value))
      return fail('share/truncated', 'The link is cut short: it ends right after `s=`.')
    return fail(
      'share/corrupt',
      'The link is damaged: its `s=` value does not start with a format version (`v1.`).',
    )
  }
  const decode = Object.hasOwn(DECODERS, version[1]) ? DECODERS[version[1]] : undefined
  if (!decode) {
    return fail(
      'share/unknown-version',
      `This link uses share format v${version[1]}, which this version of AutoSource cannot read (it reads v1). Update AutoSource to open it.`,
    )
  }
  return decode(value.slice(version[0].length))
}

/** The `s` parameter of the input's fragment, or undefined when it has none. */
function shareValue(input: string): string | undefined {
  const hash = input.indexOf('#')
  let fragment: string
  if (hash >= 0) fragment = input.slice(hash + 1)
  else if (input.startsWith('s=')) fragment = input
  else if (/^v[0-9]+\./.test(input)) return input
  else return undefined
  // The fragment is `key=value` pairs joined by `&`, so other parameters may sit beside `s`.
  for (const part of fragment.split('&')) if (part.startsWith('s=')) return part.slice(2)
  return undefined
}

function fail(code: ShareErrorCode, message: string): DecodeShareLinkResult {
  return { ok: false, error: { code, message } }
}
