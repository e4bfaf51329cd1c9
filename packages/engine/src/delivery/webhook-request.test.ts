import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { webCryptoHmac } from './webcrypto-hmac.ts'
import {
  deliveryIdOf,
  packVendor,
  stringToSign,
  webhookBody,
  webhookHeaders,
  webhookOrderKey,
} from './webhook-request.ts'

const nodeHmac = (secret: string, message: string) =>
  createHmac('sha256', secret).update(message).digest('hex')

const EVENT = {
  id: '5f0c8a9e-1b2c-4d3e-8f40-123456789abc',
  org_id: 'acme',
  source: 'github',
  event: 'pull_request.opened',
  timestamp: '2025-01-01T00:00:00.000Z',
  data: { action: 'opened', n: 1 },
}
const LINE = JSON.stringify(EVENT)

describe('webhook request parts', () => {
  it('builds the body: the line, the data, or data only for vendor-pack events under auto', () => {
    expect(webhookBody(EVENT, LINE, 'event', 'github')).toBe(LINE)
    expect(webhookBody(EVENT, LINE, 'data', undefined)).toBe('{"action":"opened","n":1}')
    expect(webhookBody(EVENT, LINE, 'auto', 'github')).toBe('{"action":"opened","n":1}')
    expect(webhookBody(EVENT, LINE, 'auto', undefined)).toBe(LINE)
  })

  it('signs "t.body" for Stripe and the body for GitHub', () => {
    expect(stringToSign('stripe', '{"a":1}', 1700000000)).toBe('1700000000.{"a":1}')
    expect(stringToSign('github', '{"a":1}', 1700000000)).toBe('{"a":1}')
  })

  it('WebCrypto and node:crypto give the same HMAC-SHA256 for every input, Unicode and empty included', async () => {
    const hmac = webCryptoHmac()
    for (const [secret, message] of [
      ['whsec_test', '1700000000.{"a":1}'],
      ['s', ''],
      ['ключ 🔑', '{"name":"Zoë","emoji":"🎉","nul":"\\u0000"}'],
      ['a'.repeat(200), 'x'.repeat(100_000)],
    ])
      expect(await hmac(secret, message)).toBe(nodeHmac(secret, message))
  })

  it('makes identical headers with either HMAC, in the order the CLI always sent them', async () => {
    for (const vendor of ['stripe', 'github'] as const) {
      const input = {
        event: EVENT,
        body: LINE,
        vendor: 'github',
        signing: { vendor, secret: 'sec' },
        deliveryId: EVENT.id,
        nowSec: 1700000000,
        extra: [['X-Test', '1'] as const],
      }
      const browser = await webhookHeaders(input, webCryptoHmac())
      const node = await webhookHeaders(input, nodeHmac)
      expect(browser).toEqual(node)
      expect(Object.keys(node)[0]).toBe('Content-Type')
    }
    const stripe = await webhookHeaders(
      {
        event: EVENT,
        body: '{}',
        vendor: undefined,
        signing: { vendor: 'stripe', secret: 's' },
        deliveryId: 'd',
        nowSec: 5,
      },
      nodeHmac,
    )
    expect(stripe['Stripe-Signature']).toBe(`t=5,v1=${nodeHmac('s', '5.{}')}`)
    expect(stripe['X-GitHub-Event']).toBeUndefined()
    const gh = await webhookHeaders(
      {
        event: EVENT,
        body: '{}',
        vendor: undefined,
        signing: { vendor: 'github', secret: 's' },
        deliveryId: 'd-1',
        nowSec: 5,
      },
      nodeHmac,
    )
    expect(gh['X-Hub-Signature-256']).toBe(`sha256=${nodeHmac('s', '{}')}`)
    expect(gh['X-GitHub-Event']).toBe('pull_request')
    expect(gh['X-GitHub-Delivery']).toBe('d-1')
  })

  it('adds GitHub headers to github/ pack events also unsigned; keeps a __proto__ header as a header', async () => {
    const headers = await webhookHeaders(
      {
        event: EVENT,
        body: '{}',
        vendor: 'github',
        signing: undefined,
        deliveryId: 'd',
        nowSec: 0,
        extra: [['__proto__', 'x']],
      },
      nodeHmac,
    )
    expect(Object.keys(headers)).toEqual([
      'Content-Type',
      'X-GitHub-Event',
      'X-GitHub-Delivery',
      'User-Agent',
      '__proto__',
    ])
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype)
    const plain = await webhookHeaders(
      { event: EVENT, body: '{}', vendor: 'stripe', signing: undefined, deliveryId: 'd', nowSec: 0 },
      nodeHmac,
    )
    expect(plain).toEqual({ 'Content-Type': 'application/json' })
  })

  it('takes the delivery GUID from a UUID event id, else the fresh one', () => {
    expect(deliveryIdOf(EVENT, () => 'fresh')).toBe(EVENT.id)
    expect(deliveryIdOf({ ...EVENT, id: 'evt_1' }, () => 'fresh')).toBe('fresh')
  })

  it('knows vendor-pack templates by their <vendor>/<event> name; orders by source/event', () => {
    expect(packVendor('stripe/invoice.paid')).toBe('stripe')
    expect(packVendor('github/push')).toBe('github')
    expect(packVendor('my-template')).toBeUndefined()
    expect(packVendor('acme/thing')).toBeUndefined()
    expect(packVendor(undefined)).toBeUndefined()
    expect(webhookOrderKey(EVENT)).toBe('github\u0000pull_request.opened')
  })
})
