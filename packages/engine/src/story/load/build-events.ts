import { quoteUser } from '../../diagnostics/user-text.ts'
import { MAX_FUNNEL_DEPTH } from '../limits.ts'
import type { EventDef } from '../types.ts'
import { buildEvent } from './build-event.ts'
import type { FileContext } from './file-context.ts'
import type { MergedParts } from './merged-parts.ts'
import { suggestion } from './messages.ts'
import { own } from './raw-values.ts'

/** Builds every event definition of the merged story, then checks ids and `after:` funnels. */
export function buildEvents(merged: MergedParts): EventDef[] {
  const defs: EventDef[] = []
  // The file each definition came from (problems with `after` are reported there).
  const ctxOf: FileContext[] = []
  const ids = new Map<string, EventDef>()
  for (const { ctx, raw, path } of merged.events) {
    const def = buildEvent(ctx, raw, path, merged, defs.length)
    if (!def) continue
    const dup = ids.get(def.id)
    if (dup) {
      const idPath = own(raw, 'id') !== undefined ? [...path, 'id'] : [...path, 'event']
      ctx.err(
        'story/duplicate-id',
        `Duplicate event id ${quoteUser(def.id)} (also defined in ${dup.file === ctx.file ? 'this file' : quoteUser(dup.file)})`,
        idPath,
        'Give one of them an explicit `id:`',
      )
      continue
    }
    ids.set(def.id, def)
    defs.push(def)
    ctxOf.push(ctx)
  }
  checkFunnels(defs, ctxOf, ids)
  return defs
}

/** What is known of a definition's `after` chain once it was walked. */
type ChainState =
  | { kind: 'ok'; depth: number }
  /** The chain loops: `entry` is the first definition of the loop this chain reaches. */
  | { kind: 'cycle'; entry: string }

/**
 * `after` must name an event, chains must not loop, and may be at most MAX_FUNNEL_DEPTH deep.
 * Each definition is walked once (iteratively, memoized), so 20,000 chained steps check in linear time.
 */
function checkFunnels(defs: EventDef[], ctxOf: FileContext[], ids: Map<string, EventDef>): void {
  for (const [i, def] of defs.entries()) {
    if (def.after === undefined || ids.has(def.after)) continue
    ctxOf[i].err(
      'story/unknown-after',
      `\`after\` names unknown event ${quoteUser(def.after)}`,
      [...def.path, 'after'],
      suggestion(ctxOf[i].out, def.after, ids.keys()),
    )
  }
  const parentOf = (d: EventDef) => (d.after === undefined ? undefined : ids.get(d.after))
  const state = new Map<EventDef, ChainState>()
  for (const start of defs) {
    if (state.has(start)) continue
    // Walk up to a root (or unknown parent), a definition already known, or one already on this walk.
    const walk: EventDef[] = []
    const onWalk = new Set<EventDef>()
    let cur = parentOf(start) === undefined ? undefined : start
    if (!cur) {
      state.set(start, { kind: 'ok', depth: 0 })
      continue
    }
    while (cur && !state.has(cur) && !onWalk.has(cur)) {
      onWalk.add(cur)
      walk.push(cur)
      cur = parentOf(cur)
    }
    let reached: ChainState | undefined = cur ? state.get(cur) : undefined
    if (cur && onWalk.has(cur)) {
      // Definitions on the loop loop back to themselves; those leading into it, to its first one.
      const from = walk.indexOf(cur)
      for (const d of walk.slice(from)) state.set(d, { kind: 'cycle', entry: d.id })
      walk.length = from
      reached = { kind: 'cycle', entry: cur.id }
    }
    for (let k = walk.length - 1; k >= 0; k--) {
      const next: ChainState =
        reached === undefined
          ? { kind: 'ok', depth: 0 }
          : reached.kind === 'cycle'
            ? reached
            : { kind: 'ok', depth: reached.depth + 1 }
      state.set(walk[k], next)
      reached = next
    }
  }
  for (const [i, def] of defs.entries()) {
    const s = state.get(def)
    if (s?.kind === 'cycle') {
      ctxOf[i].err('story/after-cycle', `\`after\` chain loops back to ${quoteUser(s.entry)}`, [
        ...def.path,
        'after',
      ])
    } else if (s?.kind === 'ok' && s.depth === MAX_FUNNEL_DEPTH + 1) {
      ctxOf[i].err(
        'limit/funnel-depth',
        `This funnel step is ${s.depth} \`after:\` steps below its first event; funnels may be at most ${MAX_FUNNEL_DEPTH} deep`,
        [...def.path, 'after'],
        'Start a new funnel from a root event instead of chaining every step to the one before',
      )
    }
  }
}
