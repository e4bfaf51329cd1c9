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
