import { type Diagnostic, error, warning } from '../../diagnostics/diagnostic.ts'
import { expectedCount, resolveRate } from '../../schedule/rate/intensity.ts'
import { isValidTimeZone } from '../../schedule/zone.ts'
import type { Story } from '../types.ts'

/** Most occurrences one rate definition may expect (a year at 1,000/second is 3.2e10). */
export const RATE_EVENT_LIMIT = 1e11

/**
 * The checks of each rate that need the whole story: an end (`until` or `end_date`), an
 * `until` after the start, bursts inside the window, and an expected count under the limit.
 */
export function checkRates(story: Story, out: Diagnostic[]): void {
  if (!isValidTimeZone(story.timezone)) return
  for (const def of story.events) {
    const spec = def.rate
    if (!spec) continue
    const s = spec.site
    if (!spec.until && !story.end) {
      out.push(
        error(
          'rate/no-end',
          `\`${def.id}\` has a rate but no end`,
          s.file,
          s.span,
          s.path,
          'Add `until:` here or `end_date:` to the story',
        ),
      )
      continue
    }
    const p = resolveRate(spec, story.start, story.end, story.timezone)
    if (p.endMs <= p.startMs && spec.untilSite) {
      const u = spec.untilSite
      out.push(
        error(
          'rate/until-before-start',
          `\`until\` of \`${def.id}\` is before the story's start`,
          u.file,
          u.span,
          u.path,
        ),
      )
      continue
    }
    p.bursts.forEach((b, i) => {
      if (b.to > p.startMs && b.from < p.endMs) return
      const site = spec.bursts[i].site
      out.push(
        warning(
          'rate/burst-outside',
          `A burst of \`${def.id}\` lies outside the rate's window, so it has no effect`,
          site.file,
          site.span,
          site.path,
        ),
      )
    })
    const n = expectedCount(p, p.startMs, p.endMs, RATE_EVENT_LIMIT)
    if (!(n <= RATE_EVENT_LIMIT))
      out.push(
        error(
          'limit/events',
          `\`${def.id}\` expects more than ${RATE_EVENT_LIMIT.toExponential(0)} occurrences`,
          s.file,
          s.span,
          s.path,
          'Lower the rate or shorten the window',
        ),
      )
  }
}
