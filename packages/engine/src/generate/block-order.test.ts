import { describe, expect, it } from 'vitest'
import { BlockOrder } from './block-order.ts'

/** Merges lanes of [ordinal, label] chunks (each lane ends with 'done') the way the pools do. */
function merge(lanes: (readonly [number, string] | 'done')[][], headStart = 0): string[] {
  const queues = lanes.map((l) => [...l])
  const order = new BlockOrder(lanes.length, headStart)
  const out: string[] = []
  for (;;) {
    const q = queues[order.lane]
    const head = q[0]
    const step = order.step(head === 'done' ? 'done' : head[0], () => queues.every((x) => x[0] === 'done'))
    if (step === 'end') return out
    if (step === 'take' && head !== 'done') out.push(q.shift()![1] as string)
  }
}

describe('BlockOrder', () => {
  it('takes block b from worker b % W, several chunks per block, and skips blocks with no event', () => {
    // Worker 0 owns blocks 0, 2, 4; worker 1 owns 1, 3, 5. Block 2 is empty; block 3 has two chunks.
    const out = merge([
      [[0, 'a'], [4, 'e'], 'done'],
      [[1, 'b'], [3, 'c'], [3, 'd'], [5, 'f'], 'done'],
    ])
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
  })

  it('takes the head start from worker 0, then goes round-robin', () => {
    // Head start 3: blocks 0-2 are worker 0's; then 3 is worker 0's again, 4 worker 1's, 5 worker 0's.
    const out = merge(
      [
        [[0, 'a'], [1, 'b'], [2, 'c'], [3, 'd'], [5, 'f'], 'done'],
        [[4, 'e'], [6, 'g'], 'done'],
      ],
      3,
    )
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g'])
    expect(() => new BlockOrder(2, -1)).toThrow(RangeError)
  })

  it('ends when every worker is done, also with no chunk at all', () => {
    expect(merge([['done'], ['done'], ['done']])).toEqual([])
    expect(merge([['done'], [[1, 'x'], 'done']])).toEqual(['x'])
  })

  it('refuses a worker that goes back, and a bad worker count', () => {
    const order = new BlockOrder(2)
    expect(order.step(0, () => false)).toBe('take')
    expect(order.step(2, () => false)).toBe('skip')
    expect(order.lane).toBe(1)
    expect(order.step(3, () => false)).toBe('skip')
    expect(() => order.step(0, () => false)).toThrow(/went back/)
    expect(() => new BlockOrder(0)).toThrow(RangeError)
  })
})
