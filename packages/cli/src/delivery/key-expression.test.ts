import { describe, expect, it } from 'vitest'
import type { StoryEvent } from '../engine.ts'
import { compileKeyExpression } from './key-expression.ts'

const EVENT: StoryEvent = {
  id: 'e-1',
  org_id: 'acme',
  source: 'shop',
  event: 'order.placed',
  timestamp: '2025-01-01T00:00:00.000Z',
  data: { user: { id: 42 }, tags: ['a'], 'odd key': 'x' },
}

describe('--key EXPR', () => {
  it('defaults to the event id', () => {
    expect(compileKeyExpression(undefined)(EVENT)).toBe('e-1')
  })

  it('reads envelope and data fields, joins with +, objects as JSON, missing as empty', () => {
    expect(compileKeyExpression('data.user.id')(EVENT)).toBe('42')
    expect(compileKeyExpression("source + '/' + event")(EVENT)).toBe('shop/order.placed')
    expect(compileKeyExpression("data['odd key']")(EVENT)).toBe('x')
    expect(compileKeyExpression('data.tags')(EVENT)).toBe('["a"]')
    expect(compileKeyExpression('data.nothing.here')(EVENT)).toBe('')
    expect(compileKeyExpression('data.__proto__')(EVENT)).toBe('')
  })

  it('refuses unknown names, calls and syntax errors as usage errors', () => {
    expect(() => compileKeyExpression('user.id')).toThrow(/unknown field 'user'/)
    expect(() => compileKeyExpression('uuid4()')).toThrow(/not supported/)
    expect(() => compileKeyExpression('data.')).toThrow(/--key/)
  })
})
