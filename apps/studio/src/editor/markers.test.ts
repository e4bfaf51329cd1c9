import { describe, expect, it } from 'vitest'
import { toMarkers } from './markers.ts'

describe('toMarkers', () => {
  const base = { message: 'm', path: [], span: { start: 0, end: 0 } }
  it('maps positions exactly, keeps only this file, and widens empty spans to one character', () => {
    const markers = toMarkers(
      [
        {
          ...base,
          code: 'a',
          severity: 'error',
          file: 'story.yaml',
          hint: 'try x',
          start: { line: 3, column: 5 },
          end: { line: 3, column: 9 },
        },
        {
          ...base,
          code: 'b',
          severity: 'warning',
          file: 'story.yaml',
          start: { line: 1, column: 1 },
          end: { line: 1, column: 1 },
        },
        {
          ...base,
          code: 'c',
          severity: 'info',
          file: 'common.yaml',
          start: { line: 1, column: 1 },
          end: { line: 1, column: 2 },
        },
      ],
      'story.yaml',
    )
    expect(markers).toEqual([
      {
        severity: 8,
        message: 'm\ntry x',
        code: 'a',
        source: 'autosource',
        startLineNumber: 3,
        startColumn: 5,
        endLineNumber: 3,
        endColumn: 9,
      },
      {
        severity: 4,
        message: 'm',
        code: 'b',
        source: 'autosource',
        startLineNumber: 1,
        startColumn: 1,
        endLineNumber: 1,
        endColumn: 2,
      },
    ])
  })
})
