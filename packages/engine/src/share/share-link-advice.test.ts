import { describe, expect, it } from 'vitest'
import { encodeShareLink } from './encode-share-link.ts'
import { SHARE_LINK_WARN_LENGTH } from './share-limits.ts'
import { shareLinkAdvice } from './share-link-advice.ts'

describe('shareLinkAdvice', () => {
  it('is silent up to the documented length', () => {
    expect(shareLinkAdvice('#s=v1.AAAA')).toEqual({ ok: true, length: 10 })
    expect(shareLinkAdvice('x'.repeat(SHARE_LINK_WARN_LENGTH))).toEqual({
      ok: true,
      length: SHARE_LINK_WARN_LENGTH,
    })
  })

  it('warns past it, with the length, and offers the .yaml file', () => {
    const a = shareLinkAdvice('x'.repeat(SHARE_LINK_WARN_LENGTH + 1))
    expect(a.ok).toBe(false)
    expect(a.length).toBe(8001)
    expect(a.warning).toMatch(/8,001 characters.*8,000.*\.yaml/)
  })

  it('warns for a real link of a large, varied story', () => {
    let x = 3
    const lines: string[] = []
    for (let i = 0; i < 2000; i++) {
      x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0
      lines.push(`  field_${i}: ${x.toString(36)}`)
    }
    const link = encodeShareLink({ text: `data:\n${lines.join('\n')}\n` }, 'https://x.example/studio/')
    expect(shareLinkAdvice(link)).toMatchObject({ ok: false, length: link.length })
  })
})
