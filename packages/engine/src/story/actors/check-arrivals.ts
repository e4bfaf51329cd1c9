import { type Diagnostic, error } from '../../diagnostics/diagnostic.ts'
import { expectedCount, resolveRate } from '../../schedule/rate/intensity.ts'
import { isValidTimeZone } from '../../schedule/zone.ts'
import type { Story } from '../types.ts'
import { MAX_ACTOR_ARRIVALS } from './limits.ts'

/** The checks of `arrivals:` that need the whole story: an end (`until` or `end_date`), and at most MAX_ACTOR_ARRIVALS expected. */
export function checkArrivals(story: Story, out: Diagnostic[]): void {
  if (!isValidTimeZone(story.timezone)) return
  for (const actor of story.actors ?? []) {
    const spec = actor.arrivals
    if (!spec) continue
    const s = spec.site
    if (!spec.until && !story.end) {
      out.push(
        error(
          'rate/no-end',
          `\`arrivals\` of \`${actor.name}\` have a rate but no end`,
          s.file,
          s.span,
          s.path,
          'Add `until:` here or `end_date:` to the story',
        ),
      )
      continue
    }
    const p = resolveRate(spec, story.start, story.end, story.timezone)
    const n = expectedCount(p, p.startMs, p.endMs, MAX_ACTOR_ARRIVALS)
    if (!(n <= MAX_ACTOR_ARRIVALS))
      out.push(
        error(
          'limit/actors',
          `\`${actor.name}\` expects more than ${MAX_ACTOR_ARRIVALS.toLocaleString('en')} arrivals`,
          s.file,
          s.span,
          s.path,
          'Lower the arrival rate or shorten the window',
        ),
      )
  }
}
