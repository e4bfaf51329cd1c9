import { type Diagnostic, warning } from '../diagnostics/diagnostic.ts'
import type { DefProgram } from '../expr/compiled.ts'
import { logger } from '../log/logger.ts'
import { Rng } from '../runtime/rng.ts'
import type { ActorView, OccurrenceScope, RefResolver, StoredOccurrence } from '../runtime/scope.ts'
import { lookupStreamKey } from '../runtime/streams.ts'
import type { Story } from '../story/types.ts'
import type { OccurrenceHistory } from './occurrence-history.ts'

const rulesLog = logger('autosource.sim.rules')

/** A kept occurrence with its parent chain (a ref under `after` reads the parent or an ancestor). */
export interface StoredInternal extends StoredOccurrence {
  parentOcc: StoredInternal | null
  /** The actor it belongs to (funnels under it read that actor), and its visit number. */
  actor: ActorView | null
  visit: number
}

/** The scope of a run, with what its resolver needs besides the public fields. */
export interface InternalScope extends OccurrenceScope {
  defIndex: number
  parentInternal: StoredInternal | null
}

/**
 * The one implementation of `ref()` and `lookup()` (SPEC section 3), over a run's histories:
 * ref takes the parent or ancestor under `after`, else the same index when it is not later,
 * else the latest earlier one; lookup draws one of the held occurrences from its own stream.
 */
export function createRefResolver(
  story: Story,
  defs: readonly DefProgram[],
  histories: readonly (OccurrenceHistory | null)[],
  seed: number,
  streamKey: readonly number[],
  diagnostics: Diagnostic[],
  actorTypeOf: readonly number[] = [],
): RefResolver {
  const rulesDebug = rulesLog.enabled('debug')
  const describe = (def: number, index: number) => `${story.events[def].id}#${index}`
  const laterRefWarned = new Set<string>()

  function warnLaterRef(from: number, target: number): void {
    const key = `${from}:${target}`
    if (laterRefWarned.has(key)) return
    laterRefWarned.add(key)
    const def = story.events[from]
    diagnostics.push(
      warning(
        'ref/later-target',
        `\`${def.id}\` reads \`${story.events[target].id}\` by same index, but that occurrence happens later in time; the latest earlier one is used instead`,
        def.file,
        def.keySpans.data ?? def.span,
        [...def.path, 'data'],
        'Align their schedules (same start, repeat and frequency), or use `after:` to make a funnel',
      ),
    )
  }

  const findRef = (target: number, scope: InternalScope): StoredOccurrence | undefined => {
    // Under `after`, a ref to the parent (or an ancestor) is that very occurrence.
    for (let p = scope.parentInternal; p; p = p.parentOcc) if (p.def === target) return p
    // Within one actor (SPEC section 9): that actor's own latest occurrence of the target.
    const actor = scope.actor
    if (actor && actorTypeOf[target] === actor.type) {
      const own = actor.latest?.get(target)
      return own && own.timeMs <= scope.timeMs ? own : undefined
    }
    const h = histories[target]
    if (!h) return undefined
    const same = h.byIndex(scope.index)
    if (same && same.timeMs <= scope.timeMs) return same
    if (
      !same &&
      (h.latest === undefined || h.latest.index < scope.index) &&
      defs[target].def.after === undefined &&
      scope.index < defs[target].def.repeat
    ) {
      warnLaterRef(scope.defIndex, target)
    }
    return h.latest && h.latest.timeMs <= scope.timeMs ? h.latest : undefined
  }

  const lookupRng = new Rng()
  // One pick per (occurrence, target), reused by every lookup of that target in the occurrence.
  const pick: { def: number; index: number; target: number; found: StoredOccurrence | undefined } = {
    def: -1,
    index: -1,
    target: -1,
    found: undefined,
  }
  return {
    ref(target, scope) {
      const found = findRef(target, scope as InternalScope)
      if (rulesDebug) {
        const s = scope as InternalScope
        const took = found ? describe(found.def, found.index) : 'nothing'
        rulesLog.debug(`${describe(s.defIndex, s.index)}: ref(${story.events[target].id}) took ${took}`)
      }
      return found
    },
    lookup(target, scope) {
      const h = histories[target]
      if (!h || h.size === 0) return undefined
      const s = scope as InternalScope
      // `lookup(product.sku)` and `lookup(product.price)` read the same earlier product, drawn
      // from its own stream so adding a field never changes the pick.
      if (pick.def === s.defIndex && pick.index === s.index && pick.target === target) return pick.found
      lookupRng.reseed(seed, lookupStreamKey(streamKey[s.defIndex], target), s.index)
      const found = h.recent(Math.floor(lookupRng.next() * h.size))
      pick.def = s.defIndex
      pick.index = s.index
      pick.target = target
      pick.found = found
      if (rulesDebug && found) {
        rulesLog.debug(
          `${describe(s.defIndex, s.index)}: lookup(${story.events[target].id}) took ${describe(found.def, found.index)}`,
        )
      }
      return found
    },
  }
}
