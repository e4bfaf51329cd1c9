/** Stories for the fault tests: one definition, thousands of events, every fault kind. */

/** A signup stream of `n` events a minute apart, with `faults` (YAML lines, indented 2) story-wide. */
export function signupStory(n: number, faults: string, seed = 5): string {
  return `org_id: acme
start_date: 2025-01-01
seed: ${seed}
${faults ? `faults:\n${faults}\n` : ''}events:
  - id: signup
    source: app
    event: user.signup
    repeat: ${n}
    every: duration(minutes=1)
    data:
      email: faker.internet.email()
      plan: weighted({'free': 0.7, 'pro': 0.3})
      amount: random(1, 500)
      address:
        city: faker.location.city()
`
}

/** Every fault kind at rates that a few thousand events measure well. */
export const ALL_FAULTS = `  duplicate: 0.05
  duplicate_after: duration(seconds=random(1, 600))
  late: 0.1
  late_by: duration(minutes=lognormal(2, 1))
  drop: { data.email: 0.2 }
  nullify: { data.plan: 0.1, data.address.city: 0.05 }
  corrupt: 0.02
  drift:
    - { from: 2025-01-03, rename: { data.amount: data.amount_cents } }`
