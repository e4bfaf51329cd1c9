import { type Diagnostic, error } from '../../diagnostics/diagnostic.ts'
import { quoteUser } from '../../diagnostics/user-text.ts'
import { didYouMean } from '../did-you-mean.ts'
import type { ActorDef, EventDef } from '../types.ts'

/** Every `on: <actor>.<state>` must name a declared actor type and one of its states. */
export function checkActorEvents(
  events: readonly EventDef[],
  actors: readonly ActorDef[],
  out: Diagnostic[],
): void {
  const byName = new Map(actors.map((a) => [a.name, a]))
  for (const def of events) {
    const on = def.on
    if (!on) continue
    const actor = byName.get(on.actor)
    const path = [...def.path, 'on']
    if (!actor) {
      const near = didYouMean(on.actor, byName.keys())
      out.push(
        error(
          'actor/unknown',
          `\`on\` names unknown actor type ${quoteUser(on.actor)}`,
          def.file,
          on.span,
          path,
          near ? `Did you mean \`${near}\`?` : 'Declare it under `actors:`',
        ),
      )
      continue
    }
    if (actor.states.some((s) => s.name === on.state)) continue
    const near = didYouMean(
      on.state,
      actor.states.map((s) => s.name),
    )
    out.push(
      error(
        'actor/unknown-state',
        `${quoteUser(on.actor)} has no state ${quoteUser(on.state)}`,
        def.file,
        on.span,
        path,
        near ? `Did you mean \`${near}\`?` : `States: ${actor.states.map((s) => s.name).join(', ')}`,
      ),
    )
  }
}
