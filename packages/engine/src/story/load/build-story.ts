import type { DocPath } from '../../diagnostics/diagnostic.ts'
import { quoteUser } from '../../diagnostics/user-text.ts'
import { isValidTimeZone } from '../../schedule/zone.ts'
import { checkActorEvents } from '../actors/check-actor-events.ts'
import { parseActors } from '../actors/parse-actors.ts'
import { compareLocal, parseLocalDate } from '../dates.ts'
import { isKnownLocale } from '../locales.ts'
import type { LocalDateTime, Story } from '../types.ts'
import { pathKey } from '../yaml-tree.ts'
import { buildEvents } from './build-events.ts'
import { buildSchema } from './build-schema.ts'
import type { FileContext } from './file-context.ts'
import type { MergedParts } from './merged-parts.ts'
import { DATE_HINT, emptyEvents } from './messages.ts'
import { own, type RawMap } from './raw-values.ts'

/** Builds the typed story from the main file and everything merged into it; undefined when it cannot. */
export function buildStory(ctx: FileContext, root: RawMap, merged: MergedParts): Story | undefined {
  const get = (k: string) => own(root, k)
  const startRaw = get('start_date')
  const endRaw = get('end_date')
  const start = date(ctx, startRaw, ['start_date'], false)
  const end = endRaw === undefined ? undefined : date(ctx, endRaw, ['end_date'], true)
  if (start && end && compareLocal(end, start) < 0) {
    ctx.err(
      'story/end-before-start',
      `\`end_date\` ${String(endRaw)} is before \`start_date\` ${String(startRaw)}`,
      ['end_date'],
    )
  }
  const tz = get('timezone')
  const timezone = typeof tz === 'string' ? tz : 'UTC'
  if (typeof tz === 'string' && !ctx.reported.has('timezone') && !isValidTimeZone(timezone)) {
    ctx.err(
      'story/invalid-timezone',
      `Unknown time zone ${quoteUser(timezone)}`,
      ['timezone'],
      'Use an IANA name such as America/New_York or UTC',
    )
  }
  const loc = get('locale')
  const locale = typeof loc === 'string' ? loc : 'en'
  if (typeof loc === 'string' && !isKnownLocale(locale)) {
    ctx.err(
      'story/invalid-locale',
      `Unknown faker locale ${quoteUser(locale)}`,
      ['locale'],
      'e.g. en, de, fr, ja, pt_BR',
    )
  }
  const rawEvents = get('events')
  if (Array.isArray(rawEvents) && rawEvents.length === 0 && merged.events.length === 0) {
    const m = emptyEvents()
    ctx.err('story/empty-events', m.message, ['events'], m.hint)
  }
  const events = buildEvents(merged)
  // actors (issue 16): types of the main file, and the `on:` of every event checked against them.
  const actors = parseActors(ctx, root)
  checkActorEvents(events, actors, ctx.out)
  const schemas = merged.schemas.map((s) => buildSchema(s.ctx, s.key, s.raw, s.path))
  const orgId = get('org_id')
  if (!start || typeof orgId !== 'string') return undefined
  const name = get('name')
  const description = get('description')
  const seed = get('seed')
  return {
    name: typeof name === 'string' ? name : undefined,
    description: typeof description === 'string' ? description : undefined,
    orgId,
    start,
    end,
    timezone,
    seed: typeof seed === 'number' ? seed : 0,
    locale,
    events,
    actors,
    schemas,
    faults: get('faults') !== undefined ? ctx.dataNode(get('faults'), ['faults']) : undefined,
    file: ctx.file,
    sources: collectSources(ctx, merged),
  }
}

function date(ctx: FileContext, value: unknown, path: DocPath, endOfDay: boolean): LocalDateTime | undefined {
  if (typeof value !== 'string') return undefined
  if (ctx.reported.has(pathKey(path))) return undefined
  const d = parseLocalDate(value, endOfDay)
  if (!d) ctx.err('story/invalid-date', `${quoteUser(value)} is not a valid date`, path, DATE_HINT)
  return d
}

/** The text of every file that took part, by file name (a null-prototype object: names are data). */
function collectSources(main: FileContext, merged: MergedParts): Record<string, string> {
  const sources: Record<string, string> = Object.create(null)
  sources[main.file] = main.parsed.text
  for (const e of merged.events) sources[e.ctx.file] = e.ctx.parsed.text
  for (const t of merged.templates.values()) sources[t.ctx.file] = t.ctx.parsed.text
  for (const s of merged.schemas) sources[s.ctx.file] = s.ctx.parsed.text
  return sources
}
