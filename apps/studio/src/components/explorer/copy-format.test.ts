import { describe, expect, it } from 'vitest'
import { formatRows } from './copy-format.ts'
import { dataPaths, forEachLeaf, valueAt } from './flatten.ts'

const A = '{"id":"a","source":"stripe","data":{"amount":99,"plan":"pro","tags":["x"]}}'
const B = '{"id":"b","source":"posthog","data":{"user":{"name":"O\'Neil, \\"Jo\\""}}}'

describe('formatRows', () => {
  it('writes NDJSON as the lines themselves', () => {
    expect(formatRows([A, B], 'ndjson')).toBe(`${A}\n${B}`)
  })

  it('writes one event as an object and several as an array', () => {
    expect(JSON.parse(formatRows([A], 'json'))).toEqual(JSON.parse(A))
    expect(JSON.parse(formatRows([A, B], 'json'))).toEqual([JSON.parse(A), JSON.parse(B)])
  })

  it('writes CSV with a column per path and quotes what needs it', () => {
    expect(formatRows([A, B], 'csv')).toBe(
      'id,source,data.amount,data.plan,data.tags,data.user.name\r\n' +
        'a,stripe,99,pro,"[""x""]",\r\n' +
        'b,posthog,,,,"O\'Neil, ""Jo"""\r\n',
    )
  })
})

describe('flatten', () => {
  it('visits leaves by path, empty objects included', () => {
    const seen: [string, unknown][] = []
    forEachLeaf({ a: { b: 1, c: {} }, d: [1] }, '', (p, v) => seen.push([p, v]))
    expect(seen).toEqual([
      ['a.b', 1],
      ['a.c', {}],
      ['d', [1]],
    ])
  })

  it('reads a value by path and lists data paths in order of appearance', () => {
    expect(valueAt(JSON.parse(B), 'data.user.name')).toBe('O\'Neil, "Jo"')
    expect(valueAt(JSON.parse(A), 'data.amount.x')).toBeUndefined()
    expect(dataPaths([JSON.parse(A), JSON.parse(B)])).toEqual([
      'data.amount',
      'data.plan',
      'data.tags',
      'data.user.name',
    ])
  })
})
