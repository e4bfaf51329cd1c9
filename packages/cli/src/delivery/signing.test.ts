import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { StoryEvent } from '../engine.ts'
import { deliveryIdOf, packVendor, parseBodyMode, parseSigning, signatureHeaders } from './signing.ts'

const EVENT: StoryEvent = {
  id: '5f0c8a9e-1b2c-4d3e-8f40-123456789abc',
  org_id: 'acme',
  source: 'github',
  event: 'pull_request.opened',
  timestamp: '2025-01-01T00:00:00.000Z',
  data: {},
}

describe('signing', () => {
  it('parses --sign and --body strictly', () => {
    expect(parseSigning('stripe:whsec_1')).toEqual({ vendor: 'stripe', secret: 'whsec_1' })
    expect(parseSigning('github:a:b')).toEqual({ vendor: 'github', secret: 'a:b' })
    for (const bad of ['stripe:', 'svix:x', 'nosecret']) expect(() => parseSigning(bad)).toThrow(/--sign/)
    expect(parseBodyMode(undefined)).toBe('auto')
    expect(() => parseBodyMode('raw')).toThrow(/--body/)
  })

  it('signs the exact body: Stripe over "t.body", GitHub over the body', () => {
    const stripe = signatureHeaders({ vendor: 'stripe', secret: 's' }, EVENT, '{"a":1}', 'd', 1700000000)
    const mac = createHmac('sha256', 's').update('1700000000.{"a":1}').digest('hex')
    expect(stripe['Stripe-Signature']).toBe(`t=1700000000,v1=${mac}`)
    const gh = signatureHeaders({ vendor: 'github', secret: 's' }, EVENT, '{"a":1}', 'd-1', 0)
    expect(gh['X-Hub-Signature-256']).toBe(
      `sha256=${createHmac('sha256', 's').update('{"a":1}').digest('hex')}`,
    )
    expect(gh['X-GitHub-Event']).toBe('pull_request')
    expect(gh['X-GitHub-Delivery']).toBe('d-1')
    expect(signatureHeaders(undefined, EVENT, '', 'd', 0)).toEqual({})
  })

  it('takes the delivery GUID from a UUID event id, else makes one', () => {
    expect(deliveryIdOf(EVENT)).toBe(EVENT.id)
    expect(deliveryIdOf({ ...EVENT, id: 'evt_1' })).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('knows vendor-pack templates by their <vendor>/<event> name', () => {
    expect(packVendor('stripe/invoice.paid')).toBe('stripe')
    expect(packVendor('github/push')).toBe('github')
    expect(packVendor('my-template')).toBeUndefined()
    expect(packVendor('acme/thing')).toBeUndefined()
    expect(packVendor(undefined)).toBeUndefined()
  })
})
