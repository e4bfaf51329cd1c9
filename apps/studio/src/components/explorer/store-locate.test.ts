import { beforeAll, describe, expect, it } from 'vitest'
import { runTableWith } from './duck.test-util.ts'
import type { RunTable } from './store-db.ts'
import { pickStoreEvent } from './store-locate.ts'
import { storePickFor } from './store-pick.ts'

let table: RunTable
const ev = (id: string, event: string) =>
  JSON.stringify({ id, source: 's', event, timestamp: '2025-01-01T00:00:00.000+00:00', data: {} })
// b2 is delivered twice (a duplicate): the first delivery is the one gone to.
const lines = [ev('a1', 'a'), ev('b1', 'b'), ev('b2', 'b'), ev("it's", 'a'), ev('b2', 'b')]

beforeAll(async () => {
  table = await runTableWith(lines)
}, 60_000)

const query = (sql: string, limit: number) => table.query(sql, limit)

describe('pickStoreEvent', () => {
  it('picks the first delivery of an id for the selection, from the run held', async () => {
    const selection = { def: 1, index: 1 }
    expect(await pickStoreEvent(query, selection, 'run', 'b2')).toBe(true)
    expect(storePickFor(selection, 'run')).toEqual({
      selection,
      key: 'run',
      seq: 2,
      occurrence: 1,
      line: lines[2],
    })
    expect(storePickFor(selection, 'other run')).toBeNull()
    expect(storePickFor({ def: 1, index: 1 }, 'run')).toBeNull()
  })

  it('keeps earlier picks (going back finds them) and quotes the id', async () => {
    const first = { def: 0, index: 0 }
    const second = { def: 0, index: 1 }
    expect(await pickStoreEvent(query, first, 'run', 'a1')).toBe(true)
    expect(await pickStoreEvent(query, second, 'run', "it's")).toBe(true)
    expect(storePickFor(first, 'run')?.seq).toBe(0)
    expect(storePickFor(second, 'run')?.seq).toBe(3)
  })

  it('is false when the run delivers no event with that id', async () => {
    const selection = { def: 0, index: 9 }
    expect(await pickStoreEvent(query, selection, 'run', 'dropped')).toBe(false)
    expect(storePickFor(selection, 'run')).toBeNull()
  })
})
