import { describe, expect, it } from 'vitest'
import { ChunkBuffer } from './chunk-buffer.ts'
import { WORKER_CHUNK_BYTES } from './worker-protocol.ts'

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

describe('ChunkBuffer', () => {
  it('writes separators and UTF-8 (astral and accented characters too) byte for byte', () => {
    const chunk = new ChunkBuffer()
    const records = ['{"a":1}', '{"name":"Zoë 😀"}', '{"c":"日本"}']
    for (const r of records) {
      expect(chunk.fits(r)).toBe(true)
      chunk.write(',\n', r, '\n')
    }
    const bytes = chunk.take()
    expect(text(bytes)).toBe(records.map((r) => `,\n${r}\n`).join(''))
    expect(bytes.byteLength).toBe(Buffer.byteLength(records.map((r) => `,\n${r}\n`).join('')))
    // The buffer is the chunk's own (transferable, not a pooled slab) and the next chunk starts empty.
    expect(bytes.buffer.byteLength).toBe(WORKER_CHUNK_BYTES)
    expect(chunk.length).toBe(0)
  })

  it('refuses a record that may not fit, and an empty chunk takes a record longer than a chunk', () => {
    const chunk = new ChunkBuffer()
    const line = 'é'.repeat(40_000) // 80,000 bytes, counted as up to 120,002
    chunk.write('', line, '\n')
    chunk.write('', line, '\n')
    expect(chunk.fits(line)).toBe(false)
    expect(text(chunk.take())).toBe(`${line}\n${line}\n`)
    const huge = 'x'.repeat(WORKER_CHUNK_BYTES)
    expect(chunk.fits(huge)).toBe(true)
    chunk.write('', huge, '\n')
    expect(chunk.take().byteLength).toBe(WORKER_CHUNK_BYTES + 1)
  })
})

describe('ChunkBuffer with returned buffers', () => {
  it('fills a returned buffer before allocating, and only when a chunk starts', () => {
    const returned: ArrayBuffer[] = []
    const chunk = new ChunkBuffer(() => returned.shift())
    chunk.write('', '{"a":1}', '\n')
    const first = chunk.take()
    returned.push(first.buffer as ArrayBuffer)
    // take() leaves no buffer behind: the next chunk's comes at its first write, the one given back.
    chunk.write('', '{"b":2}', '\n')
    const second = chunk.take()
    expect(second.buffer).toBe(first.buffer)
    expect(text(second)).toBe('{"b":2}\n')
    // None waiting: a new one of the chunk size.
    chunk.write('', '{"c":3}', '\n')
    const third = chunk.take()
    expect(third.buffer).not.toBe(first.buffer)
    expect(third.buffer.byteLength).toBe(WORKER_CHUNK_BYTES)
  })

  it('does not put a record longer than a chunk into a returned buffer', () => {
    const returned = [new ArrayBuffer(WORKER_CHUNK_BYTES)]
    const chunk = new ChunkBuffer(() => returned.shift())
    const huge = 'x'.repeat(WORKER_CHUNK_BYTES)
    chunk.write('', huge, '\n')
    expect(text(chunk.take())).toBe(`${huge}\n`)
    expect(returned).toHaveLength(1)
  })
})
