import { describe, expect, it } from 'vitest'
import type { StoryEvent } from '../engine.ts'
import { compileTopicTemplate, legalTopic } from './kafka-topic.ts'

const event = (source: string, type: string): StoryEvent => ({
  id: 'i',
  org_id: 'acme',
  source,
  event: type,
  timestamp: '2025-01-01T00:00:00.000Z',
  data: {},
})

describe('kafka topic templates', () => {
  it('fills {source}, {event} and {org_id}', () => {
    const topic = compileTopicTemplate('{org_id}-{source}.{event}')
    expect(topic(event('stripe', 'invoice.paid'))).toBe('acme-stripe.invoice.paid')
  })

  it('makes any event type a legal topic name', () => {
    const topic = compileTopicTemplate('{source}.{event}')
    expect(topic(event('we b', '"; drop table x; --'))).toBe('we_b.___drop_table_x__--')
    expect(topic(event('__proto__', 'constructor'))).toBe('__proto__.constructor')
    expect(topic(event('x'.repeat(300), 'e'))).toHaveLength(249)
  })

  it('keeps a fixed topic as written', () => {
    expect(compileTopicTemplate('orders')(event('a', 'b'))).toBe('orders')
    expect(legalTopic('..')).toBe('__')
  })
})
