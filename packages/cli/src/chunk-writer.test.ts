import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { ChunkWriter, isClosedReader } from './chunk-writer.ts'

/** A slow reader: each write completes on a later tick; records how much was ever buffered. */
function slowStream() {
  const received: string[] = []
  let maxBuffered = 0
  const stream = new Writable({
    highWaterMark: 16,
    write(chunk, _enc, cb) {
      received.push(String(chunk))
      setTimeout(cb, 1)
    },
  })
  const origWrite = stream.write.bind(stream)
  stream.write = ((chunk: string) => {
    const ok = origWrite(chunk)
    maxBuffered = Math.max(maxBuffered, stream.writableLength)
    return ok
  }) as typeof stream.write
  return { stream, received, maxBuffered: () => maxBuffered }
}

describe('ChunkWriter', () => {
  it('waits for drain: a slow reader never has more than one chunk queued, and gets everything in order', async () => {
    const { stream, received, maxBuffered } = slowStream()
    const writer = new ChunkWriter(stream)
    const chunks = Array.from({ length: 20 }, (_, i) => `chunk-${i}-${'x'.repeat(100)}`)
    for (const c of chunks) expect(await writer.write(c)).toBe(true)
    await new Promise<void>((r) => stream.end(r))
    expect(received).toEqual(chunks)
    expect(maxBuffered()).toBeLessThanOrEqual(Math.max(...chunks.map((c) => c.length)))
  })

  it('reports a closed reader (EPIPE) as closed without an error, and stops writing', async () => {
    let writes = 0
    const stream = new Writable({
      write(_chunk, _enc, cb) {
        writes++
        cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
      },
    })
    const writer = new ChunkWriter(stream)
    expect(await writer.write('a')).toBe(false)
    expect(await writer.write('b')).toBe(false)
    expect(writes).toBe(1)
    expect(writer.closed).toBe(true)
    expect(writer.error).toBeUndefined()
  })

  it('keeps other write errors (disk full) for the caller to report', async () => {
    const stream = new Writable({
      write(_chunk, _enc, cb) {
        cb(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }))
      },
    })
    const writer = new ChunkWriter(stream)
    expect(await writer.write('a')).toBe(false)
    expect(writer.error?.message).toBe('no space left on device')
  })

  it('knows which errors mean the reader went away', () => {
    expect(isClosedReader({ code: 'EPIPE' })).toBe(true)
    expect(isClosedReader({ code: 'ENOSPC' })).toBe(false)
    expect(isClosedReader(undefined)).toBe(false)
  })
})
