// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${...}` is the story language's template syntax, written in plain strings on purpose.
import { describe, expect, it } from 'vitest'
import { serializeNdjson } from '../generate/serialize.ts'
import { streamStory } from '../generate/stream-story.ts'

// A PostHog/Segment-shaped story through the real loader, generator and schema registry:
// payload fields named `event`/`timestamp`, `$` keys, times in data, the parent's envelope.
const STORY = `
org_id: acme
start_date: 2025-01-01
end_date: 2025-01-03
timezone: America/New_York
seed: 7
schemas:
  segment/Order Completed:
    fields:
      event: { enum: [Order Completed] }
      timestamp: { type: string, format: date-time }
      created: { type: string, format: date-time }
      expires: { type: string, format: date-time }
      total: { type: string }
events:
  - id: signup
    source: posthog
    event: user_signed_up
    repeat: 2
    every: duration(hours=6)
    data:
      $set: { first_name: "faker.first_name()" }
      $current_url: "= '/signup/' + index"
      name: "= $set.first_name"
      last_url: "prev.$current_url"
  - id: order
    source: segment
    event: Order Completed
    after: signup
    delay: duration(hours=2, minutes=30)
    data:
      event: "= $event"
      timestamp: "= $timestamp"
      created: "= timestamp"
      expires: "= created + duration(days=30)"
      ttl: "duration(minutes=90)"
      nested: { at: "= created", list: ["= ttl"] }
      total: "fixed(random(1000, 9999) / 100, 2)"
      user: "ref(signup.name)"
      signup_id: "ref(signup.id)"
      signup_at: "ref(signup.timestamp)"
      since_signup: "seconds_between(ref(signup.timestamp), $timestamp)"
      hello: "hi \${$set_name}"
      $set_name: "= ref(signup.name)"
`

describe('a payload-shaped story, end to end', () => {
  const run = streamStory(STORY, { file: 'payload.yaml' })
  const events = [...run]

  it('has no diagnostics and no schema violations', () => {
    expect(run.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([])
    expect(run.summary().schemaViolations).toBe(0)
    expect(run.summary().schemaCounts?.['Order Completed']?.valid).toBeGreaterThan(0)
  })

  it('writes plain JSON data: the NDJSON round-trips to the same object', () => {
    for (const e of events) expect(JSON.parse(serializeNdjson(e))).toEqual(JSON.parse(JSON.stringify(e)))
    for (const e of events) expect(JSON.parse(JSON.stringify(e.data))).toStrictEqual(e.data)
  })

  it('fills payload fields from `$` context names and reads the parent envelope', () => {
    const signups = events.filter((e) => e.event === 'user_signed_up')
    const orders = events.filter((e) => e.event === 'Order Completed')
    expect(signups.length).toBeGreaterThan(0)
    expect(orders.length).toBe(signups.length)
    for (const o of orders) {
      const parent = signups.find((s) => s.id === o.data.signup_id)
      expect(parent).toBeDefined()
      expect(o.data).toMatchObject({
        event: 'Order Completed',
        timestamp: o.timestamp,
        created: o.timestamp,
        ttl: 'PT1H30M',
        nested: { at: o.timestamp, list: ['PT1H30M'] },
        user: parent?.data.name,
        signup_at: parent?.timestamp,
        since_signup: 9000,
        hello: `hi ${parent?.data.name}`,
      })
      expect(o.data.total).toMatch(/^\d+\.\d\d$/)
      expect(Date.parse(o.data.expires as string) - Date.parse(o.timestamp)).toBe(30 * 86_400_000)
    }
    expect(signups[1].data.last_url).toBe(signups[0].data.$current_url)
  })
})
