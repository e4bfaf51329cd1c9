/** The story a first-time user sees: the seed's advanced example, which loads and runs as written. */
export const STARTER_STORY = `name: SaaS signups and subscriptions
org_id: example_org
start_date: 2025-01-01
timezone: UTC
seed: 42

events:
  - source: posthog
    event: user.signup
    offset_days: 0
    repeat: 30
    frequency: daily
    data:
      user_id: uuid4()
      plan: choice(['free', 'pro', 'enterprise'])
      source: weighted({'google': 0.6, 'direct': 0.3, 'referral': 0.1})

  - source: stripe
    event: subscription.created
    offset_days: 0
    repeat: 30
    data:
      customer_id: ref(user.signup.user_id)
      plan: ref(user.signup.plan)
      amount: switch(plan, {
        'free': 0,
        'pro': 99,
        'enterprise': 499
      })
`

/** A small blank story for "New story". */
export function blankStory(name: string): string {
  const safe = /[:#'"{}[\],&*!|>%@`]|^\s|\s$/.test(name) ? JSON.stringify(name) : name
  return `name: ${safe}
org_id: example_org
start_date: 2025-01-01
timezone: UTC

events:
  - source: app
    event: user.signup
    repeat: 7
    frequency: daily
    data:
      user_id: uuid4()
      email: faker.internet.email()
`
}
