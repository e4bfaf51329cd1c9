import { Webhooks } from '@octokit/webhooks'
import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import { type StoryEvent, webCryptoHmac, webhookBody, webhookHeaders } from '../engine.ts'
import { nodeHmac, parseBodyMode, parseSigning } from './signing.ts'

const EVENT: StoryEvent = {
  id: '5f0c8a9e-1b2c-4d3e-8f40-123456789abc',
  org_id: 'acme',
  source: 'github',
  event: 'pull_request.opened',
  timestamp: '2025-01-01T00:00:00.000Z',
  data: { id: 'evt_1', object: 'event', note: 'Zoë 🎉 "quoted"' },
}

/** The headers of one attempt, as the CLI (node:crypto) and the studio (WebCrypto) make them. */
async function bothWays(vendor: 'stripe' | 'github', secret: string, nowSec: number) {
  const body = webhookBody(EVENT, JSON.stringify(EVENT), 'data', 'stripe')
  const input = {
    event: EVENT,
    body,
    vendor: undefined,
    signing: { vendor, secret },
    deliveryId: String(EVENT.id),
    nowSec,
  }
  return {
    body,
    cli: await webhookHeaders(input, nodeHmac),
    browser: await webhookHeaders(input, webCryptoHmac()),
  }
}

describe('signing', () => {
  it('parses --sign and --body strictly', () => {
    expect(parseSigning('stripe:whsec_1')).toEqual({ vendor: 'stripe', secret: 'whsec_1' })
    expect(parseSigning('github:a:b')).toEqual({ vendor: 'github', secret: 'a:b' })
    for (const bad of ['stripe:', 'svix:x', 'nosecret']) expect(() => parseSigning(bad)).toThrow(/--sign/)
    expect(parseBodyMode(undefined)).toBe('auto')
    expect(() => parseBodyMode('raw')).toThrow(/--body/)
  })

  it('Stripe: the studio (WebCrypto) and the CLI (node:crypto) make the same header; stripe.webhooks.constructEvent accepts it', async () => {
    const secret = 'whsec_test_0123456789'
    const nowSec = Math.floor(Date.now() / 1000)
    const { body, cli, browser } = await bothWays('stripe', secret, nowSec)
    expect(browser).toEqual(cli)
    const stripe = new Stripe('sk_test_unused')
    const event = stripe.webhooks.constructEvent(body, browser['Stripe-Signature'], secret)
    expect((event as unknown as { id: string }).id).toBe('evt_1')
    expect(() => stripe.webhooks.constructEvent(body, browser['Stripe-Signature'], 'whsec_other')).toThrow()
    expect(() => stripe.webhooks.constructEvent(`${body} `, browser['Stripe-Signature'], secret)).toThrow()
  })

  it('GitHub: the same X-Hub-Signature-256 both ways; @octokit/webhooks verifies it', async () => {
    const secret = 'gh-secret ключ'
    const { body, cli, browser } = await bothWays('github', secret, 0)
    expect(browser).toEqual(cli)
    expect(await new Webhooks({ secret }).verify(body, browser['X-Hub-Signature-256'])).toBe(true)
    expect(await new Webhooks({ secret: 'wrong' }).verify(body, browser['X-Hub-Signature-256'])).toBe(false)
    expect(browser['X-GitHub-Event']).toBe('pull_request')
    expect(browser['X-GitHub-Delivery']).toBe(EVENT.id)
  })
})
