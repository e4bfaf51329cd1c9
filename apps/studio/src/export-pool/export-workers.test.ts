import { describe, expect, it } from 'vitest'
import { exportWorkerCount } from './export-workers.ts'

const env = (hardwareConcurrency: number | undefined, search = '', stored: string | null = null) => ({
  hardwareConcurrency,
  search,
  stored,
})

describe('exportWorkerCount', () => {
  it('keeps one core for the page, uses at most 4, at least 1', () => {
    expect(exportWorkerCount(env(1))).toBe(1)
    expect(exportWorkerCount(env(2))).toBe(1)
    expect(exportWorkerCount(env(4))).toBe(3)
    expect(exportWorkerCount(env(16))).toBe(4)
    expect(exportWorkerCount(env(undefined))).toBe(1)
  })

  it('takes the debug setting: the address first, then localStorage; junk is ignored', () => {
    expect(exportWorkerCount(env(2, '?exportWorkers=2'))).toBe(2)
    expect(exportWorkerCount(env(2, '', '3'))).toBe(3)
    expect(exportWorkerCount(env(8, '?exportWorkers=1', '3'))).toBe(1)
    expect(exportWorkerCount(env(2, '?exportWorkers=lots', '2'))).toBe(2)
    expect(exportWorkerCount(env(2, '?exportWorkers=0'))).toBe(1)
    expect(exportWorkerCount(env(2, '?exportWorkers=1e3'))).toBe(1)
    expect(exportWorkerCount(env(2, '?exportWorkers=999'))).toBe(16)
  })
})
