import { describe, expect, it } from 'vitest'
import { BLOB_PART_BYTES, createBlobSink, createWritableSink, type WritableLike } from './export-sink.ts'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('createBlobSink', () => {
  it('delivers one Blob with every chunk in order, typed', async () => {
    let delivered: Blob | undefined
    const sink = createBlobSink('application/x-ndjson', (b) => (delivered = b))
    for (const line of ['{"a":1}\n', '{"b":"é"}\n', '{"c":3}\n']) await sink.write(bytes(line))
    await sink.close()
    expect(delivered?.type).toBe('application/x-ndjson')
    expect(await delivered?.text()).toBe('{"a":1}\n{"b":"é"}\n{"c":3}\n')
  })

  it('folds pending chunks into Blob parts as they pass the part size', async () => {
    let delivered: Blob | undefined
    const sink = createBlobSink('text/csv', (b) => (delivered = b))
    const chunk = new Uint8Array(BLOB_PART_BYTES / 4).fill(65)
    for (let i = 0; i < 9; i++) await sink.write(chunk)
    expect(sink.parts()).toBe(2)
    await sink.close()
    expect(delivered?.size).toBe(9 * chunk.byteLength)
  })

  it('delivers nothing after abort', async () => {
    let delivered = false
    const sink = createBlobSink('text/csv', () => (delivered = true))
    await sink.write(bytes('x'))
    await sink.abort()
    await sink.close()
    expect(delivered).toBe(false)
  })
})

describe('createWritableSink', () => {
  function writable() {
    const log: string[] = []
    const w: WritableLike = {
      write: async (d) => void log.push(`write:${new TextDecoder().decode(d)}`),
      close: async () => void log.push('close'),
      abort: async () => void log.push('abort'),
    }
    return { w, log }
  }

  it('writes each chunk as it comes, then closes once', async () => {
    const { w, log } = writable()
    const sink = createWritableSink(w)
    await sink.write(bytes('a'))
    await sink.write(bytes('b'))
    await sink.close()
    await sink.abort()
    expect(log).toEqual(['write:a', 'write:b', 'close'])
  })

  it('aborts (discarding the new content) instead of closing when stopped', async () => {
    const { w, log } = writable()
    const sink = createWritableSink(w)
    await sink.write(bytes('a'))
    await sink.abort()
    await sink.close()
    expect(log).toEqual(['write:a', 'abort'])
  })
})
