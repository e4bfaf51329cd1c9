import { faker } from '@faker-js/faker'
import type { ByteSink } from './byte-sink.ts'

const PLANS = ['free', 'pro', 'enterprise']
const SOURCES = [
  { weight: 0.6, value: 'google' },
  { weight: 0.3, value: 'direct' },
  { weight: 0.1, value: 'referral' },
]
const AMOUNT: Record<string, number> = { free: 0, pro: 99, enterprise: 499 }

/**
 * What a user would write instead of a story: a plain loop over @faker-js/faker producing the
 * same records as bench/reference-story.yaml (a signup, then its subscription, every minute).
 */
export function handWrittenLoop(events: number, sink: ByteSink): number {
  faker.seed(42)
  const start = Date.UTC(2025, 0, 1)
  let made = 0
  for (let i = 0; made < events; i++) {
    const timestamp = new Date(start + i * 60_000).toISOString()
    const userId = faker.string.uuid()
    const plan = faker.helpers.arrayElement(PLANS)
    const signup = {
      id: faker.string.uuid(),
      org_id: 'example_org',
      source: 'posthog',
      event: 'user.signup',
      timestamp,
      data: {
        user_id: userId,
        plan,
        source: faker.helpers.weightedArrayElement(SOURCES),
        name: faker.person.fullName(),
        email: faker.internet.email(),
      },
    }
    sink.line(`${JSON.stringify(signup)}\n`)
    if (++made === events) break
    const subscription = {
      id: faker.string.uuid(),
      org_id: 'example_org',
      source: 'stripe',
      event: 'subscription.created',
      timestamp,
      data: { customer_id: userId, plan, amount: AMOUNT[plan] },
    }
    sink.line(`${JSON.stringify(subscription)}\n`)
    made++
  }
  sink.end()
  return made
}
