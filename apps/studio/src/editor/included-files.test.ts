import { describe, expect, it } from 'vitest'
import { includedFiles, includeEntries } from './included-files.ts'

describe('included files', () => {
  it('reads flow, block and single include lists', () => {
    expect(includeEntries('name: x\ninclude: [shared.yaml, "b.yaml"]  # parts\n')).toEqual([
      'shared.yaml',
      'b.yaml',
    ])
    expect(includeEntries("include:\n  - a.yaml\n  - 'b.yml' # c\norg_id: x\n  - not.yaml\n")).toEqual([
      'a.yaml',
      'b.yml',
    ])
    expect(includeEntries('include: one.yaml\n')).toEqual(['one.yaml'])
    expect(includeEntries('org_id: x\n  include: [no.yaml]\n')).toEqual([])
  })

  it('resolves them like the worker, nested, each once, missing ones left out', () => {
    const files = {
      'composition/shared.yaml': 'templates: {}\n',
      'composition/_site.yaml': 'include: [shared.yaml]\n',
      'other/x.yaml': 'include: [../nowhere.yaml]\n',
    }
    expect(includedFiles('include: [_site.yaml, shared.yaml, missing.yaml]\n', 'story.yaml', files)).toEqual([
      'composition/_site.yaml',
      'composition/shared.yaml',
    ])
    expect(includedFiles('include: [x.yaml]\n', 'story.yaml', files)).toEqual(['other/x.yaml'])
    expect(includedFiles('include: [a.yaml]\n', 'story.yaml', undefined)).toEqual([])
  })
})
