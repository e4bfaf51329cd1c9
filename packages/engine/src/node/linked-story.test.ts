import { describe, expect, it } from 'vitest'
import { checkStory } from '../generate/check-story.ts'
import { streamStory } from '../generate/stream-story.ts'
import { encodeShareLink } from '../share/encode-share-link.ts'
import { loadStory } from '../story/load-story.ts'
import { openLinkedStory } from './linked-story.ts'

const TEXT = [
  'org_id: acme',
  'start_date: 2025-01-01',
  'include: [../../etc/secrets.yaml, /proc/self/environ]',
  'events:',
  '  - source: app',
  '    event: signup',
  '',
].join('\n')

describe('a story from a share link includes nothing', () => {
  it('loadStory with fromLink: every include entry is story/include-in-link, and the resolver is never called', () => {
    let called = 0
    const result = loadStory(TEXT, {
      fromLink: true,
      resolveInclude: () => {
        called++
        return { file: 'x.yaml', text: 'events: []' }
      },
    })
    expect(called).toBe(0)
    expect(result.diagnostics.map((d) => [d.code, TEXT.slice(d.span.start, d.span.end)])).toEqual([
      ['story/include-in-link', '../../etc/secrets.yaml'],
      ['story/include-in-link', '/proc/self/environ'],
    ])
    expect(result.story).toBeUndefined()
  })

  it('openLinkedStory returns load options that checkStory and streamStory honour', () => {
    const link = encodeShareLink({ text: TEXT, seed: 7, name: 'My story!' }, 'https://studio.example/')
    const opened = openLinkedStory(link)
    expect(opened.ok).toBe(true)
    if (!opened.ok) return
    expect(opened.story).toMatchObject({ file: 'My-story-.yaml', seed: 7, load: { fromLink: true } })
    const checked = checkStory(opened.story.text, opened.story.load)
    expect(checked.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['story/include-in-link', 'My-story-.yaml'],
      ['story/include-in-link', 'My-story-.yaml'],
    ])
    const run = streamStory(opened.story.text, { ...opened.story.load, seed: opened.story.seed })
    expect(run.failed).toBe(true)
    expect([...run]).toEqual([])
  })

  it('a broken link is an error, not a story', () => {
    const opened = openLinkedStory('https://studio.example/#s=v1.AAAA')
    expect(opened.ok).toBe(false)
    if (!opened.ok) expect(opened.error.code).toMatch(/^share\//)
  })
})
