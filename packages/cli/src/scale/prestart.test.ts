import { describe, expect, it } from 'vitest'
import { threadsWanted } from './prestart.ts'

describe('which command lines start their threads early', () => {
  it('generate --workers N wants N-1 threads, in either spelling', () => {
    expect(threadsWanted(['generate', 's.yaml', '--workers', '4'])).toBe(3)
    expect(threadsWanted(['generate', '--workers=2', 's.yaml', '-f', 'csv'])).toBe(1)
    expect(threadsWanted(['generate', 's.yaml', '--workers', '2', '--out', 'x.ndjson'])).toBe(1)
  })

  it('nothing for one thread, other commands, bad values and flags that keep the run on one thread', () => {
    for (const argv of [
      ['generate', 's.yaml'],
      ['generate', 's.yaml', '--workers', '1'],
      ['generate', 's.yaml', '--workers', 'many'],
      ['generate', 's.yaml', '--workers', '100000'],
      ['validate', 's.yaml', '--workers', '4'],
      ['generate', 's.yaml', '--workers', '4', '--to', 'http://localhost:1'],
      ['generate', 's.yaml', '--workers', '4', '--pace=realtime'],
      ['generate', 's.yaml', '--workers', '4', '-f', 'parquet'],
      ['generate', 's.yaml', '--workers', '4', '--format=parquet'],
      ['generate', 's.yaml', '--workers', '4', '--help'],
      ['generate', '--', '--workers', '4'],
    ])
      expect(threadsWanted(argv), argv.join(' ')).toBe(0)
  })
})
