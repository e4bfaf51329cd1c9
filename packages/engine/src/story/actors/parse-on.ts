import type { DiagnosticCode } from '../../diagnostics/codes.ts'
import type { DocPath } from '../../diagnostics/diagnostic.ts'
import { quoteUser } from '../../diagnostics/user-text.ts'
import type { FileContext } from '../load/file-context.ts'
import { own, type RawMap } from '../load/raw-values.ts'
import type { ActorStateRef } from '../types.ts'

/** Keys that place occurrences on a schedule: an actor's state entries place them instead. */
const CONFLICTS = ['repeat', 'frequency', 'every', 'rate', 'after', 'offset', 'offset_days', 'jitter']
const ON = /^\s*([A-Za-z_][A-Za-z0-9_]*)\.([^\s.]+)\s*$/

type Report = (
  p: { ctx: FileContext; path: DocPath },
  code: DiagnosticCode,
  message: string,
  hint?: string,
  useKey?: boolean,
) => void

/** The key as the event (or its template) gave it. */
interface Picked {
  ctx: FileContext
  value: unknown
  path: DocPath
}

/**
 * `on: <actor>.<state>` of one event definition, or undefined. Whether the actor type and
 * state exist is checked with the whole story (check-actor-events.ts).
 */
export function parseOn(at: Picked | undefined, report: Report, raw?: RawMap): ActorStateRef | undefined {
  if (!at || typeof at.value !== 'string') return undefined
  const m = ON.exec(at.value)
  if (!m) {
    report(
      at,
      'actor/on-syntax',
      `\`on\` is \`<actor>.<state>\`, not ${quoteUser(at.value)}`,
      'e.g. `on: user.signed_up`',
    )
    return undefined
  }
  const eventPath = at.path.slice(0, -1)
  const map = raw ?? {}
  for (const key of CONFLICTS) {
    if (own(map, key) === undefined) continue
    report(
      { ctx: at.ctx, path: [...eventPath, key] },
      'actor/on-conflict',
      `\`${key}\` cannot be combined with \`on\`: the actor's state entries place its occurrences`,
      `Remove \`${key}\` (use \`delay:\` to place it after the state entry)`,
      true,
    )
  }
  return { actor: m[1], state: m[2], span: at.ctx.loc(at.path).value }
}
