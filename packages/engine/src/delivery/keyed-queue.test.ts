import { describe, expect, it } from 'vitest'
import { KeyedQueue } from './keyed-queue.ts'

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('KeyedQueue', () => {
  it('runs up to `concurrency` tasks at once, each key in order', async () => {
    let active = 0
    let peak = 0
    const done: string[] = []
    const q = new KeyedQueue<{ key: string; n: number }>(3, async ({ key, n }) => {
      active++
      peak = Math.max(peak, active)
      await tick((n * 7) % 5)
      done.push(`${key}${n}`)
      active--
    })
    for (let n = 0; n < 30; n++) await q.push(`k${n % 4}`, { key: `k${n % 4}:`, n })
    await q.drain()
    expect(done).toHaveLength(30)
    expect(peak).toBe(3)
    for (let k = 0; k < 4; k++) {
      const mine = done.filter((d) => d.startsWith(`k${k}:`)).map((d) => Number(d.split(':')[1]))
      expect(mine).toEqual([...mine].sort((a, b) => a - b))
    }
  })

  it('one key never runs two tasks at once', async () => {
    let active = 0
    let peak = 0
    const q = new KeyedQueue<number>(8, async () => {
      active++
      peak = Math.max(peak, active)
      await tick(1)
      active--
    })
    for (let n = 0; n < 20; n++) await q.push('only', n)
    await q.drain()
    expect(peak).toBe(1)
  })

  it('push waits while maxPending tasks are queued (backpressure)', async () => {
    const release: (() => void)[] = []
    const q = new KeyedQueue<number>(1, () => new Promise<void>((r) => release.push(r)), 2)
    await q.push('a', 1)
    let second = false
    const p = q.push('a', 2).then(() => (second = true))
    await tick(5)
    expect(second).toBe(false)
    release.shift()!()
    await p
    expect(second).toBe(true)
    await tick(1)
    release.shift()!()
    await q.drain()
  })
})
