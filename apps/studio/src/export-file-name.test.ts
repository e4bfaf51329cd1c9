import { describe, expect, it } from 'vitest'
import { exportFileName, exportMimeType, fileStem } from './export-file-name.ts'

describe('export file names', () => {
  it('name the file after the story, seed and format', () => {
    expect(exportFileName('seed-advanced', 42, 'ndjson')).toBe('seed-advanced-seed42.ndjson')
    expect(exportFileName('My first story', 0, 'csv')).toBe('my-first-story-seed0.csv')
    expect(exportFileName('SaaS funnel (shared)', -7, 'json')).toBe('saas-funnel-shared-seed-7.json')
  })

  it('make any name safe: accents, slashes, dots, emoji, nothing left', () => {
    expect(fileStem('Café crème')).toBe('cafe-creme')
    expect(fileStem('../../etc/passwd')).toBe('etc-passwd')
    expect(fileStem('a:b*c?"d<e>|f')).toBe('a-b-c-d-e-f')
    expect(fileStem('🎉🎉')).toBe('story')
    expect(fileStem('   ')).toBe('story')
    expect(fileStem('x'.repeat(300))).toHaveLength(80)
  })

  it('have a MIME type per format', () => {
    expect(exportMimeType('ndjson')).toBe('application/x-ndjson')
    expect(exportMimeType('json')).toBe('application/json')
    expect(exportMimeType('csv')).toBe('text/csv')
  })
})
