import { describe, expect, it } from 'vitest'
import { loadStory } from '../story/load-story.ts'
import { BUILTIN_TEMPLATES, builtinPack } from './index.ts'
import { objects, run } from './pack-run.test-util.ts'

const HEAD = 'org_id: acme\nstart_date: 2025-01-01\n'

describe('built-in templates in a story', () => {
  it('every template name is <vendor>/<event> and its pack loads as a story part', () => {
    for (const { name } of BUILTIN_TEMPLATES) {
      expect(name).toMatch(/^(stripe|github|segment|posthog|pagerduty)\/[a-z_.$]+$/)
      const pack = builtinPack(name)
      expect(pack?.file).toMatch(/^packs\/[a-z]+\.yaml$/)
    }
    expect(builtinPack('stripe/nope')).toBeUndefined()
    expect(BUILTIN_TEMPLATES.length).toBe(31)
  })

  it('joins without include:, and only the packs a story uses', () => {
    const r = loadStory(`${HEAD}events:\n  - use: segment/track\n    event: Signed Up\n`)
    expect(r.diagnostics).toEqual([])
    expect(Object.keys(r.story?.sources ?? {}).sort()).toEqual(['packs/segment.yaml', 'story.yaml'])
    expect(r.story?.events[0]).toMatchObject({ source: 'segment', event: 'Signed Up', use: 'segment/track' })
  })

  it('a story overrides any field: deep merge into the vendor payload', () => {
    const { events, diagnostics } = run(`${HEAD}events:
  - use: stripe/customer.created
    data:
      data:
        object:
          email: ada@example.com
          metadata: { plan: pro }
`)
    expect(diagnostics).toEqual([])
    const [customer] = objects(events, 'customer.created')
    expect(customer).toMatchObject({
      email: 'ada@example.com',
      metadata: { plan: 'pro' },
      object: 'customer',
    })
    expect(Object.keys(customer).length).toBe(22)
  })

  it('an override of the wrong type is a schema/violation at the story’s field', () => {
    const text = `${HEAD}events:
  - use: stripe/invoice.paid
    data:
      data:
        object:
          amount_paid: "lots"
  - use: stripe/invoice.finalized
  - use: stripe/invoice.created
  - use: stripe/customer.subscription.created
  - use: stripe/customer.created
`
    const { diagnostics } = run(text)
    const v = diagnostics.filter((d) => d.code === 'schema/violation')
    expect(v.map((d) => [d.file, text.slice(d.span.start, d.span.end)])).toEqual([['story.yaml', '"lots"']])
    expect(v[0].message).toContain('data.object.amount_paid')
  })

  it('an unlisted top-level field is a violation too (the pack schemas are strict)', () => {
    const { diagnostics } = run(`${HEAD}events:\n  - use: posthog/identify\n    data: { extra: 1 }\n`)
    expect(diagnostics.map((d) => d.code)).toEqual(['schema/violation'])
  })

  it('the story’s own schemas and templates win over the pack’s', () => {
    const text = `${HEAD}templates:
  pagerduty/incident.triggered:
    source: pagerduty
    event: incident.triggered
    data: { mine: true }
schemas:
  segment/page:
    fields:
      type: { enum: [screen] }
events:
  - use: pagerduty/incident.triggered
  - use: segment/page
`
    const { events, diagnostics } = run(text)
    expect(events.find((e) => e.source === 'pagerduty')?.data).toEqual({ mine: true })
    expect(diagnostics.map((d) => [d.code, d.message.slice(0, 24)])).toEqual([
      ['schema/violation', '`page` field `type`: exp'],
    ])
  })

  it('a template that reads a missing event says which one (expr/unknown-ref), unless the story overrides the link', () => {
    const missing = loadAndCompile(`${HEAD}events:\n  - use: github/pull_request.closed\n`)
    expect(missing.some((m) => m.includes('no event with id `pull_request.opened`'))).toBe(true)
  })

  it('a misspelt built-in template is story/unknown-template with the right name suggested', () => {
    const r = loadStory(`${HEAD}events:\n  - use: stripe/invoice.payd\n`)
    expect(r.diagnostics.map((d) => [d.code, d.hint])).toEqual([
      ['story/unknown-template', 'did you mean `stripe/invoice.paid`?'],
    ])
  })

  it('is deterministic: same story and seed, same bytes', () => {
    const text = `${HEAD}events:\n  - use: github/push\n    repeat: 5\n  - use: segment/group\n    repeat: 5\n`
    expect(JSON.stringify(run(text).events)).toBe(JSON.stringify(run(text).events))
  })
})

function loadAndCompile(text: string): string[] {
  return run(text).diagnostics.map((d) => `${d.code}: ${d.message}`)
}
