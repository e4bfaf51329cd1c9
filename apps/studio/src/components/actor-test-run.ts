/** A small actor story run through the real engine into a RecordWindow, as the studio holds it (tests only). */
import { serializeNdjson, storyOutline, streamStory } from '@autosource/engine'
import { packRecords, RecordWindow, type StoryOutline } from '@autosource/engine/worker'

/** Users who sign up, come back for sessions (a self-loop), maybe pay, and churn; `lurking` has no event. */
export const ACTOR_STORY = `org_id: o
start_date: 2025-01-01
end_date: 2025-03-31
seed: 7
actors:
  user:
    arrivals: { rate: 6/day }
    attributes:
      id: uuid4()
      plan: weighted({'free': 0.7, 'pro': 0.3})
    lifecycle:
      start: signed_up
      states:
        signed_up: { next: { session: 0.8, lurking: 0.2 }, after: duration(hours=2) }
        session: { next: { session: 0.6, paid: 0.2, churned: 0.2 }, after: duration(days=2) }
        paid: { next: { churned: 1 }, after: duration(days=10) }
        lurking: {}
        churned: {}
events:
  - { id: signup, on: user.signed_up, source: app, event: signup, data: { user: user.id } }
  - { id: welcome, after: signup, source: mail, event: welcome, delay: duration(minutes=1) }
  - { id: session, on: user.session, source: app, event: session }
  - { id: page, after: session, source: app, event: page_view, delay: duration(minutes=3) }
  - { id: paid, on: user.paid, source: billing, event: charge }
  - { id: churned, on: user.churned, source: app, event: churn }
`

/** The story's whole run in a window (`cap` records at most) and its outline. */
export function actorRun(cap = 100_000): { window: RecordWindow; outline: StoryOutline } {
  const run = streamStory(ACTOR_STORY)
  const records = [...run.records()]
  const window = new RecordWindow(cap)
  // two batches, as the worker sends them: an actor's attributes may come in either
  const half = Math.floor(records.length / 2)
  window.append(packRecords(records.slice(0, half), (r) => serializeNdjson(r.event)))
  window.append(packRecords(records.slice(half), (r) => serializeNdjson(r.event)))
  return { window, outline: storyOutline(run.story) }
}
