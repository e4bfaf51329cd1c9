import { createReadStream, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-fixtures.ts'
import { openLineFeed } from './parquet-feed.ts'

/** Reads the whole input (pipe or file) as a reader such as DuckDB would, and counts its lines. */
async function countLines(input: string): Promise<number> {
  let text = ''
  for await (const chunk of createReadStream(input, 'utf8')) text += chunk
  return text.split('\n').filter(Boolean).length
}

const lines = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `{"n":${from + i},"pad":"${'x'.repeat(200)}"}\n`).join('')

const pipes = process.platform !== 'win32'

describe('parquet line feed', () => {
  it.runIf(pipes)(
    'streams through a pipe that the conversion reads while lines are written',
    async () => {
      const feed = await openLineFeed(join(tempDir(), 'in.ndjson'), countLines)
      expect(feed.kind).toBe('pipe')
      // 20 MB, far more than a pipe holds: the writer must wait for the reader (backpressure).
      let waited = 0
      for (let i = 0; i < 100; i++) {
        const pending = feed.write(lines(1000, i * 1000))
        if (pending) {
          waited++
          await pending
        }
      }
      expect(waited).toBeGreaterThan(0)
      expect(await feed.finish()).toBe(100_000)
    },
    60_000,
  )

  it.runIf(pipes)(
    'an empty input is zero rows',
    async () => {
      const feed = await openLineFeed(join(tempDir(), 'in.ndjson'), countLines)
      expect(await feed.finish()).toBe(0)
    },
    60_000,
  )

  it.runIf(pipes)(
    'a conversion that fails before reading: writes are dropped, finish reports it',
    async () => {
      const feed = await openLineFeed(join(tempDir(), 'in.ndjson'), () =>
        Promise.reject(new Error('no disk')),
      )
      for (let i = 0; i < 50; i++) await feed.write(lines(1000))
      await expect(feed.finish()).rejects.toThrow('no disk')
    },
    60_000,
  )

  it.runIf(pipes)(
    'a conversion that stops reading mid-way never leaves the writer waiting',
    async () => {
      const readSome = async (input: string) => {
        const stream = createReadStream(input, { highWaterMark: 1 << 16 })
        for await (const _ of stream) break
        throw new Error('disk full')
      }
      const feed = await openLineFeed(join(tempDir(), 'in.ndjson'), readSome)
      for (let i = 0; i < 100; i++) await feed.write(lines(1000))
      await expect(feed.finish()).rejects.toThrow('disk full')
    },
    60_000,
  )

  it('without a pipe, writes a temp file and converts it at the end', async () => {
    const path = join(tempDir(), 'in.ndjson')
    let seen = ''
    const feed = await openLineFeed(
      path,
      async (input) => {
        seen = readFileSync(input, 'utf8')
        return countLines(input)
      },
      false,
    )
    expect(feed.kind).toBe('file')
    await feed.write(lines(3))
    expect(seen).toBe('')
    expect(await feed.finish()).toBe(3)
    expect(seen).toBe(lines(3))
  }, 60_000)
})
